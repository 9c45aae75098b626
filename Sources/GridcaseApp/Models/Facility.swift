import Fluent
import GridcaseDomain
import SQLKit
import Vapor

/// The embedded facility register's rows, read and written with SQL (it holds millions of rows): see
/// `EmbeddedFacilityRegister` and `FacilityImporter`.
enum FacilityTable {
    static let name = "facilities"
    static let partyColumns = M005_CreateFacilityRegister.partyColumns
    static let dataColumns = ["technical_number", "meter_number", "street_address", "postal_code", "city",
                              "property_designation", "grid_area_code", "main_fuse", "phases", "electricity_supplier"]
        + partyColumns.map { "owner_" + $0 } + partyColumns.map { "billing_" + $0 } + ["billing_invoice_reference"]

    /// The values of `dataColumns` for a record, in order.
    static func values(of record: FacilityRecord) -> [String?] {
        func party(_ party: PartyRecord?) -> [String?] {
            [party?.kind, party?.name, party?.lastName, party?.firstName, party?.careOf, party?.streetAddress,
             party?.postalCode, party?.city, party?.phone, party?.email]
        }
        return [record.technicalNumber, record.meterNumber, record.streetAddress, record.postalCode, record.city,
                record.propertyDesignation, record.gridAreaCode, record.mainFuse, record.phases, record.electricitySupplier]
            + party(record.owner) + party(record.billing) + [record.billing?.invoiceReference]
    }

    static func record(from row: any SQLRow) throws -> FacilityRecord {
        func text(_ column: String) throws -> String? { try row.decode(column: column, as: String?.self) }
        func party(_ prefix: String) throws -> PartyRecord? {
            var party = PartyRecord()
            party.kind = try text(prefix + "kind")
            party.name = try text(prefix + "name")
            party.lastName = try text(prefix + "last_name")
            party.firstName = try text(prefix + "first_name")
            party.careOf = try text(prefix + "care_of")
            party.streetAddress = try text(prefix + "street_address")
            party.postalCode = try text(prefix + "postal_code")
            party.city = try text(prefix + "city")
            party.phone = try text(prefix + "phone")
            party.email = try text(prefix + "email")
            if prefix == "billing_" { party.invoiceReference = try text("billing_invoice_reference") }
            return party == PartyRecord() ? nil : party
        }
        var record = FacilityRecord(gsrn: try row.decode(column: "gsrn", as: String.self))
        record.technicalNumber = try text("technical_number")
        record.meterNumber = try text("meter_number")
        record.streetAddress = try text("street_address")
        record.postalCode = try text("postal_code")
        record.city = try text("city")
        record.propertyDesignation = try text("property_designation")
        record.gridAreaCode = try text("grid_area_code")
        record.mainFuse = try text("main_fuse")
        record.phases = try text("phases")
        record.electricitySupplier = try text("electricity_supplier")
        record.owner = try party("owner_")
        record.billing = try party("billing_")
        return record
    }
}

import Fluent
import Foundation
import GridcaseDomain
import SQLKit

/// The embedded register keeps each facility as one JSON document beside the two keys it is looked up by,
/// instead of 32 columns: an import binds 4 values per row instead of 35, and a lookup answers with the stored
/// document as it is. Existing facilities are copied over; the column table goes.
struct M007_StoreFacilitiesAsDocuments: AsyncMigration {
    /// The columns of M005's table, as they were.
    static let partyColumns = ["kind", "name", "last_name", "first_name", "care_of", "street_address", "postal_code",
                               "city", "phone", "email"]
    static let facilityColumns = ["technical_number", "meter_number", "street_address", "postal_code", "city",
                                  "property_designation", "grid_area_code", "main_fuse", "phases", "electricity_supplier"]
    static let pageSize = 1000

    func prepare(on database: any Database) async throws {
        try await database.schema("facility_records")
            .field("grid_company_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("gsrn", .string, .required)
            .field("meter_number", .string)
            .field("record", .string, .required)
            .compositeIdentifier(over: "grid_company_id", "gsrn")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX facility_records_meter ON facility_records (grid_company_id, meter_number)").run()

        try await forEachPage(of: "facilities", on: sql) { rows in
            let insert = sql.insert(into: "facility_records").columns("grid_company_id", "gsrn", "meter_number", "record")
            for row in rows {
                let record = try Self.record(fromColumns: row)
                insert.values(SQLBind(try row.decode(column: "grid_company_id", as: UUID.self)), SQLBind(record.gsrn),
                              SQLBind(record.meterNumber), SQLBind(record.jsonDocument))
            }
            try await insert.run()
        }
        try await database.schema("facilities").delete()
    }

    func revert(on database: any Database) async throws {
        var facilities = database.schema("facilities")
            .id()
            .field("grid_company_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("gsrn", .string, .required)
        for column in Self.facilityColumns { facilities = facilities.field(.string(column), .string) }
        for party in ["owner", "billing"] {
            for column in Self.partyColumns { facilities = facilities.field(.string("\(party)_\(column)"), .string) }
        }
        try await facilities
            .field("billing_invoice_reference", .string)
            .unique(on: "grid_company_id", "gsrn")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX facilities_meter ON facilities (grid_company_id, meter_number)").run()

        try await forEachPage(of: "facility_records", on: sql) { rows in
            for row in rows {
                let record = try JSONDecoder().decode(FacilityRecord.self, from: Data(try row.decode(column: "record", as: String.self).utf8))
                var columns: [String] = ["id", "grid_company_id", "gsrn"]
                var values: [any Encodable & Sendable] = [UUID(), try row.decode(column: "grid_company_id", as: UUID.self), record.gsrn]
                for (column, value) in Self.columnValues(of: record) {
                    columns.append(column)
                    values.append(value)
                }
                try await sql.insert(into: "facilities").columns(columns).values(values.map { SQLBind($0) }).run()
            }
        }
        try await database.schema("facility_records").delete()
    }

    /// Reads `table` in pages ordered by (grid company, anläggnings-ID).
    private func forEachPage(of table: String, on sql: any SQLDatabase, _ body: ([any SQLRow]) async throws -> Void) async throws {
        var after: (UUID, String)?
        while true {
            let query: SQLQueryString = if let after {
                "SELECT * FROM \(ident: table) WHERE (grid_company_id, gsrn) > (\(bind: after.0), \(bind: after.1)) ORDER BY grid_company_id, gsrn LIMIT \(unsafeRaw: String(Self.pageSize))"
            } else {
                "SELECT * FROM \(ident: table) ORDER BY grid_company_id, gsrn LIMIT \(unsafeRaw: String(Self.pageSize))"
            }
            let rows = try await sql.raw(query).all()
            guard let last = rows.last else { return }
            try await body(rows)
            after = (try last.decode(column: "grid_company_id", as: UUID.self), try last.decode(column: "gsrn", as: String.self))
        }
    }

    private static func record(fromColumns row: any SQLRow) throws -> FacilityRecord {
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

    private static func columnValues(of record: FacilityRecord) -> [(String, String?)] {
        func party(_ prefix: String, _ party: PartyRecord?) -> [(String, String?)] {
            [(prefix + "kind", party?.kind), (prefix + "name", party?.name), (prefix + "last_name", party?.lastName),
             (prefix + "first_name", party?.firstName), (prefix + "care_of", party?.careOf),
             (prefix + "street_address", party?.streetAddress), (prefix + "postal_code", party?.postalCode),
             (prefix + "city", party?.city), (prefix + "phone", party?.phone), (prefix + "email", party?.email)]
        }
        return [("technical_number", record.technicalNumber), ("meter_number", record.meterNumber),
                ("street_address", record.streetAddress), ("postal_code", record.postalCode), ("city", record.city),
                ("property_designation", record.propertyDesignation), ("grid_area_code", record.gridAreaCode),
                ("main_fuse", record.mainFuse), ("phases", record.phases), ("electricity_supplier", record.electricitySupplier)]
            + party("owner_", record.owner) + party("billing_", record.billing)
            + [("billing_invoice_reference", record.billing?.invoiceReference)]
    }
}

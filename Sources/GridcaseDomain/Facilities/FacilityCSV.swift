/// The CSV export a grid company imports its facility register from: UTF-8, a header row with these
/// column names in this order, separated by `;` or `,` (see docs/facility-register.md).
public enum FacilityCSV {
    public static let columns = [
        "gsrn", "technical_number", "meter_number", "street_address", "postal_code", "city", "property_designation",
        "grid_area_code", "main_fuse", "phases", "electricity_supplier",
        "owner_kind", "owner_name", "owner_last_name", "owner_first_name", "owner_care_of", "owner_street_address",
        "owner_postal_code", "owner_city", "owner_phone", "owner_email",
        "billing_kind", "billing_name", "billing_last_name", "billing_first_name", "billing_care_of",
        "billing_street_address", "billing_postal_code", "billing_city", "billing_phone", "billing_email",
        "billing_invoice_reference",
    ]

    /// A row that was skipped whole, with the reason.
    public struct RowError: Error, Equatable, Sendable {
        public let line: Int
        public let reason: String
        public init(line: Int, reason: String) {
            self.line = line
            self.reason = reason
        }
    }

    /// The separator a header line uses.
    public static func separator(ofHeader line: String) -> Character {
        line.filter { $0 == ";" }.count >= line.filter { $0 == "," }.count ? ";" : ","
    }

    /// Checks that the header names the documented columns in order.
    public static func checkHeader(_ fields: [String]) -> String? {
        let names = fields.map { $0.trimmed.lowercased() }
        guard names == columns else {
            return "Rubrikraden ska vara: \(columns.joined(separator: ";"))"
        }
        return nil
    }

    /// One parsed data row as a facility, or the reason it is refused.
    public static func record(from row: DelimitedTextParser.Row, knownAreaCodes: Set<String>) -> Result<FacilityRecord, RowError> {
        if row.hasInvalidUTF8 {
            return .failure(RowError(line: row.line, reason: "tecken som inte är UTF-8 (spara filen som UTF-8)"))
        }
        return record(from: row.fields, line: row.line, knownAreaCodes: knownAreaCodes)
    }

    /// One data row as a facility, or the reason it is refused. `knownAreaCodes` are the grid company's.
    public static func record(from fields: [String], line: Int, knownAreaCodes: Set<String>) -> Result<FacilityRecord, RowError> {
        guard fields.count == columns.count else {
            return .failure(RowError(line: line, reason: "fel antal kolumner: \(fields.count), ska vara \(columns.count)"))
        }
        func value(_ index: Int) -> String? {
            let text = fields[index].trimmed
            return text.isEmpty ? nil : text
        }
        let gsrn: GSRN
        do throws(FieldError) {
            gsrn = try GSRN(parsing: fields[0])
        } catch {
            return .failure(RowError(line: line, reason: "anläggnings-ID: \(error.message)"))
        }
        let area = value(7)
        if let area, !knownAreaCodes.contains(area) {
            return .failure(RowError(line: line, reason: "okänt nätområde \(area)"))
        }
        var record = FacilityRecord(gsrn: gsrn.normalized)
        record.technicalNumber = value(1)
        record.meterNumber = value(2)
        record.streetAddress = value(3)
        record.postalCode = value(4)
        record.city = value(5)
        record.propertyDesignation = value(6)
        record.gridAreaCode = area
        record.mainFuse = value(8)
        record.phases = value(9)
        record.electricitySupplier = value(10)
        record.owner = party(fields, from: 11, value: value, hasInvoiceReference: false)
        record.billing = party(fields, from: 21, value: value, hasInvoiceReference: true)
        return .success(record)
    }

    private static func party(_ fields: [String], from start: Int, value: (Int) -> String?, hasInvoiceReference: Bool) -> PartyRecord? {
        var party = PartyRecord()
        party.kind = value(start)
        party.name = value(start + 1)
        party.lastName = value(start + 2)
        party.firstName = value(start + 3)
        party.careOf = value(start + 4)
        party.streetAddress = value(start + 5)
        party.postalCode = value(start + 6)
        party.city = value(start + 7)
        party.phone = value(start + 8)
        party.email = value(start + 9)
        if hasInvoiceReference { party.invoiceReference = value(start + 10) }
        return party.isEmpty ? nil : party
    }
}

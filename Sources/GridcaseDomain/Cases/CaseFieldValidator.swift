/// The result of checking a notification's fields: normalised values, and a Swedish message per bad field.
public struct CaseFieldValidation: Equatable, Sendable {
    /// Every non-empty field, normalised (postnummer "NNN NN", phone E.164, dates YYYY-MM-DD, ...).
    public var values: [String: String]
    public var errors: [String: String]
    /// Valid but worth a second look (for example an anläggnings-ID that is not Swedish).
    public var warnings: [String: String]

    public var isValid: Bool { errors.isEmpty }
}

/// Checks the format of each field the user filled in. Empty fields are fine here: whether a field must be
/// filled is `MandatoryFields`' question, asked only when the case is sent.
public enum CaseFieldValidator {
    public static func validate(_ input: [String: String], today: CalendarDate) -> CaseFieldValidation {
        var result = CaseFieldValidation(values: [:], errors: [:], warnings: [:])
        for field in CaseFields.all {
            let raw = (input[field.key] ?? "").trimmed
            guard !raw.isEmpty else { continue }
            guard raw.count <= field.maxLength else {
                result.errors[field.key] = "Högst \(field.maxLength) tecken."
                continue
            }
            do throws(FieldError) {
                let normalized = try normalize(raw, field: field, input: input, today: today)
                result.values[field.key] = normalized.value
                if let warning = normalized.warning { result.warnings[field.key] = warning }
            } catch {
                result.errors[field.key] = error.message
            }
        }
        checkDateOrder(&result)
        return result
    }

    private static func normalize(
        _ raw: String, field: CaseField, input: [String: String], today: CalendarDate
    ) throws(FieldError) -> (value: String, warning: String?) {
        switch field.kind {
        case .choice(let choices):
            guard choices.contains(where: { $0.value == raw }) else { throw FieldError("Välj ett av alternativen.") }
            return (raw, nil)
        case .date:
            return (try parseDate(raw).description, nil)
        case .text, .multiline, .number:
            break
        }
        switch field.format {
        case nil:
            return (raw, nil)
        case .gsrn:
            let id = try GSRN(parsing: raw)
            return (id.normalized, id.warning)
        case .postalCode:
            return (try PostalCode(parsing: raw).normalized, nil)
        case .phone:
            return (try PhoneNumber(parsing: raw).e164, nil)
        case .email:
            return (try EmailAddress(parsing: raw).normalized, nil)
        case .amperes:
            return (try number(raw, range: 1...5000, decimals: false, unit: "A"), nil)
        case .kilowatts:
            return (try number(raw, range: 0.1...100_000, decimals: true, unit: "kW"), nil)
        case .kilowattHours:
            return (try number(raw, range: 0.1...100_000, decimals: true, unit: "kWh"), nil)
        case .partyIdentityNumber:
            let kindKey = field.section.rawValue + ".kind"
            return (try partyIdentityNumber(raw, kind: input[kindKey] ?? "", today: today), nil)
        }
    }

    /// Personnummer for Privat, organisationsnummer for Företag; without a Typ, whichever the number is.
    static func partyIdentityNumber(_ raw: String, kind: String, today: CalendarDate) throws(FieldError) -> String {
        switch kind {
        case CaseFields.partyKindPerson:
            return try PersonalIdentityNumber(parsing: raw, today: today).normalized
        case CaseFields.partyKindOrganization:
            return try OrganizationNumber(parsing: raw).normalized
        default:
            if let person = try? PersonalIdentityNumber(parsing: raw, today: today) { return person.normalized }
            if let organization = try? OrganizationNumber(parsing: raw) { return organization.normalized }
            throw FieldError("Ange ett giltigt personnummer (ÅÅÅÅMMDD-NNNN) eller organisationsnummer (NNNNNN-NNNN).")
        }
    }

    /// YYYY-MM-DD, as date inputs send it; YYYYMMDD is accepted too.
    static func parseDate(_ raw: String) throws(FieldError) -> CalendarDate {
        let digits = raw.asciiDigits
        let shapeIsRight = raw.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "-") } && digits.count == 8
        guard shapeIsRight else { throw FieldError("Ange datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-12-01.") }
        let year = digits[0..<4].reduce(0) { $0 * 10 + $1 }
        let month = digits[4] * 10 + digits[5], day = digits[6] * 10 + digits[7]
        guard let date = CalendarDate(year: year, month: month, day: day) else {
            throw FieldError("Datumet finns inte.")
        }
        return date
    }

    /// A number with a Swedish decimal comma or a point; stored with a point.
    static func number(_ raw: String, range: ClosedRange<Double>, decimals: Bool, unit: String) throws(FieldError) -> String {
        let text = raw.replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: " ", with: "")
        let pattern = decimals ? text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") } && text.filter { $0 == "." }.count <= 1
                               : text.allSatisfy { $0.isASCII && $0.isNumber }
        guard pattern, let value = Double(text) else {
            throw FieldError(decimals ? "Ange ett tal, t.ex. 10,5." : "Ange ett heltal, t.ex. 25.")
        }
        guard range.contains(value) else {
            throw FieldError("Ange ett värde mellan \(format(range.lowerBound)) och \(format(range.upperBound)) \(unit).")
        }
        return decimals ? format(value).replacingOccurrences(of: ",", with: ".") : String(Int(value))
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value).replacingOccurrences(of: ".", with: ",")
    }

    private static func checkDateOrder(_ result: inout CaseFieldValidation) {
        let startKey = "facility.plannedStartDate", endKey = "facility.plannedCompletionDate"
        guard let start = result.values[startKey], let end = result.values[endKey], end < start else { return }
        result.errors[endKey] = "Färdigdatum kan inte vara före startdatum."
        result.values[endKey] = nil
    }
}

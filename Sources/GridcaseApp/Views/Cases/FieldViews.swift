import GridcaseDomain

/// One field as a template shows it, in the read view or the edit form.
struct FieldView: Encodable, Sendable {
    struct ChoiceView: Encodable, Sendable {
        let value: String
        let label: String
        let isSelected: Bool
        let inputID: String
    }

    let key: String
    let inputID: String
    let label: String
    /// In the edit form, what the user typed (or what is stored); in the read view, the value for reading.
    let value: String
    /// "text", "multiline", "date", "number", "select", "radio", "email" or "tel".
    let control: String
    let choices: [ChoiceView]
    let isRequired: Bool
    let error: String?
    let warning: String?
    let autocomplete: String?
    let inputMode: String?
    let maxLength: Int
    let describedBy: String?

    init(_ field: CaseField, value: String, isRequired: Bool, error: String?, warning: String?, forReading: Bool) {
        key = field.key
        inputID = field.inputID
        label = field.label
        self.isRequired = isRequired
        self.error = error
        self.warning = warning
        autocomplete = field.autocomplete
        maxLength = field.maxLength
        let isPartyKind = field.key.hasSuffix(".kind")
        choices = field.choices.map { choice in
            ChoiceView(value: choice.value, label: choice.label, isSelected: choice.value == value,
                       inputID: field.inputID + "-" + choice.value)
        }
        switch (field.kind, field.format) {
        case (.choice, _): control = isPartyKind ? "radio" : "select"
        case (.multiline, _): control = "multiline"
        case (.date, _): control = "date"
        case (_, .email?): control = "email"
        case (_, .phone?): control = "tel"
        default: control = "text"
        }
        switch field.format {
        case .amperes?, .gsrn?, .postalCode?: inputMode = "numeric"
        case .kilowatts?, .kilowattHours?: inputMode = "decimal"
        default: inputMode = nil
        }
        var described: [String] = []
        if error != nil { described.append(field.inputID + "-error") }
        if warning != nil { described.append(field.inputID + "-warning") }
        describedBy = described.isEmpty ? nil : described.joined(separator: " ")
        self.value = forReading ? Self.readable(value, field: field) : value
    }

    /// Stored values made readable: choice labels, decimal commas, national phone numbers.
    static func readable(_ value: String, field: CaseField) -> String {
        guard !value.isEmpty else { return "" }
        if field.format == .phone, let phone = try? PhoneNumber(parsing: value) { return phone.display }
        return field.display(value)
    }
}

/// A section of the form with its fields.
struct SectionView: Encodable, Sendable {
    /// A value the section shows but nobody types, such as the installer's company.
    struct FixedLine: Encodable, Sendable {
        let label: String
        let value: String
    }

    let id: String
    let title: String
    let fixed: [FixedLine]
    let fields: [FieldView]
    /// Only Betalningsansvarig offers "Kopiera från ägare".
    let offersCopyFromOwner: Bool
    let hint: String?
}

/// Builds the sections of a case for reading or editing.
enum CaseSections {
    /// The values with identity numbers as "YYYYMMDD-****".
    static func maskingIdentityNumbers(_ values: [String: String]) -> [String: String] {
        var masked = values
        for key in Case.sealedFieldKeys {
            if let value = values[key], !value.isEmpty { masked[key] = FieldChange.maskedIdentityNumber(value) }
        }
        return masked
    }

    static func build(
        values: [String: String], required: Set<String>, errors: [String: String] = [:], warnings: [String: String] = [:],
        includesMicroproduction: Bool, installerCompanyName: String, forReading: Bool
    ) -> [SectionView] {
        CaseSection.allCases.compactMap { section in
            if section == .microproduction, !includesMicroproduction { return nil }
            let fields = CaseFields.fields(in: section).map { field in
                FieldView(field, value: values[field.key] ?? "", isRequired: isRequired(field, required, values),
                          error: errors[field.key], warning: warnings[field.key], forReading: forReading)
            }
            return SectionView(
                id: "section-" + section.rawValue, title: section.swedishName,
                fixed: section == .installer ? [.init(label: "Elinstallationsföretag", value: installerCompanyName)] : [],
                fields: forReading ? fields.filter { !$0.value.isEmpty } : fields,
                offersCopyFromOwner: section == .billing && !forReading,
                hint: hint(for: section, values: values, forReading: forReading)
            )
        }
    }

    /// A party's name requirement falls on Namn for a company and on Efternamn and Förnamn for a person.
    private static func isRequired(_ field: CaseField, _ required: Set<String>, _ values: [String: String]) -> Bool {
        if required.contains(field.key) { return true }
        let parts = field.key.split(separator: ".")
        guard parts.count == 2, ["lastName", "firstName"].contains(parts[1]) else { return false }
        return required.contains(parts[0] + ".name") && values[parts[0] + ".kind"] != CaseFields.partyKindOrganization
    }

    private static func hint(for section: CaseSection, values: [String: String], forReading: Bool) -> String? {
        switch section {
        case .owner where (values["owner.identityNumber"] ?? "").isEmpty:
            "Personnummer och organisationsnummer lämnas inte ut av nätbolagets register. Fråga kunden."
        case .billing where !forReading:
            "Är uppgifterna desamma som för fastighetsägaren? Använd Kopiera från ägare längst ner."
        default:
            nil
        }
    }
}

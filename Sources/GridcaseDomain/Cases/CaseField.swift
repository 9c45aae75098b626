/// The parts of a notification form, in the order the manual shows them.
public enum CaseSection: String, CaseIterable, Codable, Sendable {
    case facility, owner, billing, installer, microproduction

    public var swedishName: String {
        switch self {
        case .facility: "Anläggning"
        case .owner: "Fastighetsägare"
        case .billing: "Betalningsansvarig"
        case .installer: "Installatör"
        case .microproduction: "Mikroproduktion"
        }
    }
}

/// One field of a notification: its key (stable, used in storage, rules and history), its Swedish label,
/// what kind of input it takes and which rule checks its format.
public struct CaseField: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case text
        case multiline
        case date
        case number
        case choice([Choice])
    }

    public struct Choice: Hashable, Sendable {
        public let value: String
        public let label: String
    }

    public enum Format: Hashable, Sendable {
        case gsrn, postalCode, phone, email, amperes, kilowatts, kilowattHours
        /// Personnummer for a private person, organisationsnummer for a company (see the party's Typ).
        case partyIdentityNumber
    }

    public let key: String
    public let section: CaseSection
    public let label: String
    public let kind: Kind
    public let format: Format?
    public let maxLength: Int
    /// Names, addresses, phone numbers, e-mail and identity numbers of the customer.
    public let isPersonalData: Bool
    /// The HTML autocomplete token, when the browser can help.
    public let autocomplete: String?

    init(
        _ key: String, _ section: CaseSection, _ label: String, kind: Kind = .text, format: Format? = nil,
        maxLength: Int = 200, personal: Bool = false, autocomplete: String? = nil
    ) {
        self.key = key
        self.section = section
        self.label = label
        self.kind = kind
        self.format = format
        self.maxLength = maxLength
        self.isPersonalData = personal
        self.autocomplete = autocomplete
    }

    public var choices: [Choice] {
        if case .choice(let choices) = kind { return choices }
        return []
    }

    /// The label of a stored value: a choice's text, a number with a Swedish decimal comma, else the value.
    public func display(_ value: String) -> String {
        if let choice = choices.first(where: { $0.value == value }) { return choice.label }
        if kind == .number { return value.replacingOccurrences(of: ".", with: ",") }
        return value
    }

    /// The element id of the field's input in the edit form; missing-field links point here.
    public var inputID: String { "field-" + key.replacingOccurrences(of: ".", with: "-") }
}

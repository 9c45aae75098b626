/// One field's change, for the case history.
public struct FieldChange: Codable, Equatable, Sendable {
    public let key: String
    public let old: String?
    public let new: String?

    public init(key: String, old: String?, new: String?) {
        self.key = key
        self.old = old
        self.new = new
    }

    /// The change as the history keeps it: an identity number's last four digits are never stored there
    /// ("19811218-****"), so the history shows that it changed without holding the number.
    public var forHistory: FieldChange {
        guard CaseFields.field(key)?.format == .partyIdentityNumber else { return self }
        return FieldChange(key: key, old: old.map(Self.maskedIdentityNumber), new: new.map(Self.maskedIdentityNumber))
    }

    /// "19811218-9876" -> "19811218-****": the form shown wherever the whole number is not needed.
    public static func maskedIdentityNumber(_ value: String) -> String {
        value.count > 4 ? String(value.dropLast(4)) + "****" : "****"
    }
}

public enum CaseFieldChanges {
    /// The fields whose value differs, in form order.
    public static func diff(old: [String: String], new: [String: String]) -> [FieldChange] {
        CaseFields.all.compactMap { field in
            let before = old[field.key], after = new[field.key]
            return before == after ? nil : FieldChange(key: field.key, old: before, new: after)
        }
    }

    /// "Kopiera från ägare": Betalningsansvarig gets Fastighetsägare's details; its own Fakturaref. stays.
    public static func copyOwnerToBilling(_ values: [String: String]) -> [String: String] {
        var copied = values
        for (ownerKey, billingKey) in CaseFields.copiedFromOwner {
            copied[billingKey] = values[ownerKey]
        }
        return copied
    }
}

/// A case number a person can read out on the phone: the grid company's prefix, the year and a serial.
public enum CaseNumber {
    public static func format(prefix: String, year: Int, serial: Int) -> String {
        let digits = String(serial)
        return "\(prefix)-\(year)-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }
}

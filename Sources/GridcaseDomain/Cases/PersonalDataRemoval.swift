/// Pseudonymisation of a case: its personal data goes, the rest of the case and its history stay readable.
public enum PersonalDataRemoval {
    /// What the history shows where a removed value was.
    public static let placeholder = "(borttaget)"

    /// The case fields that hold personal data (names, addresses, phones, e-mails, identity numbers).
    public static let personalFieldKeys: Set<String> = Set(CaseFields.all.filter(\.isPersonalData).map(\.key))

    /// The values without personal data.
    public static func pseudonymised(_ values: [String: String]) -> [String: String] {
        values.filter { !personalFieldKeys.contains($0.key) }
    }

    /// A history entry without personal data: the change of a personal field stays visible, its values do not.
    public static func pseudonymised(_ change: FieldChange) -> FieldChange {
        guard personalFieldKeys.contains(change.key) else { return change }
        return FieldChange(key: change.key, old: change.old.map { _ in placeholder }, new: change.new.map { _ in placeholder })
    }

    /// Whether a case in `status` may lose its personal data (the case is over: closed or cancelled).
    public static func mayRemove(from status: CaseStatus) -> Bool {
        status == .closed || status == .cancelled
    }
}

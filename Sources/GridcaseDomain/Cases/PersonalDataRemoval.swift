/// Pseudonymisation of one case: its personal data goes, the rest of the case and its history stay readable.
/// The personal fields go whole; free text (Övriga upplysningar, notes, the texts written in decisions,
/// attachment names) loses the case's personal values and whatever reads as an identity number, a phone
/// number or an e-mail address (`FreeTextPseudonymiser`).
public struct PersonalDataRemoval: Sendable {
    /// What the history and free text show where a removed value was.
    public static let placeholder = "(borttaget)"

    /// The case fields that hold personal data (names, addresses, phones, e-mails, identity numbers).
    public static let personalFieldKeys: Set<String> = Set(CaseFields.all.filter(\.isPersonalData).map(\.key))

    /// The case fields written as free text.
    public static let freeTextFieldKeys: Set<String> = Set(CaseFields.all.filter { $0.kind == .multiline }.map(\.key))

    /// Whether a case in `status` may lose its personal data (the case is over: closed or cancelled).
    public static func mayRemove(from status: CaseStatus) -> Bool {
        status == .closed || status == .cancelled
    }

    private let freeText: FreeTextPseudonymiser

    /// The removal for a case whose field values are `caseValues` (before removal).
    public init(caseValues: [String: String], today: CalendarDate) {
        let personal = caseValues.filter { Self.personalFieldKeys.contains($0.key) }.map(\.value)
        freeText = FreeTextPseudonymiser(personalValues: personal, today: today)
    }

    /// The values without personal data.
    public func pseudonymised(_ values: [String: String]) -> [String: String] {
        values.filter { !Self.personalFieldKeys.contains($0.key) }.reduce(into: [:]) { kept, entry in
            kept[entry.key] = Self.freeTextFieldKeys.contains(entry.key) ? freeText.pseudonymised(entry.value) : entry.value
        }
    }

    /// A history entry without personal data: the change of a personal field stays visible, its values do not.
    public func pseudonymised(_ change: FieldChange) -> FieldChange {
        if Self.personalFieldKeys.contains(change.key) {
            return FieldChange(key: change.key, old: change.old.map { _ in Self.placeholder }, new: change.new.map { _ in Self.placeholder })
        }
        guard Self.freeTextFieldKeys.contains(change.key) else { return change }
        return FieldChange(key: change.key, old: change.old.map(freeText.pseudonymised), new: change.new.map(freeText.pseudonymised))
    }

    /// A note or an attachment's name without personal data.
    public func pseudonymised(_ text: String) -> String {
        freeText.pseudonymised(text)
    }

    /// A decision with its written texts (reason, conditions, note) without personal data; dates, meter
    /// numbers and readings stay.
    public func pseudonymised(_ details: CaseDecisionDetails) -> CaseDecisionDetails {
        var kept = details
        kept.reason = details.reason.map(freeText.pseudonymised)
        kept.conditions = details.conditions.map(freeText.pseudonymised)
        kept.note = details.note.map(freeText.pseudonymised)
        return kept
    }
}

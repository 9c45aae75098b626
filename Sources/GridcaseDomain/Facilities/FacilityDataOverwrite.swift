/// The manual's rules for "Skriv över fält i anmälan?", and the preview of what applying would change.
public enum FacilityDataOverwrite {
    /// Always replaced by the register's value, whichever answer was given (manual step 11).
    public static let alwaysOverwritten: Set<String> = ["facility.facilityID", "facility.technicalNumber", "facility.meterNumber"]

    /// Never touched: the register does not hand them out, and what the customer gave must not be lost.
    public static let neverTouched: Set<String> = ["owner.identityNumber", "billing.identityNumber"]

    public struct Plan: Equatable, Sendable {
        /// Fields that get the register's value, with the old and new value.
        public var changes: [FieldChange]
        /// Fields the register has a value for that stay as they are (filled, and Nej was chosen).
        public var kept: [FieldChange]
        /// The case's values after applying.
        public var result: [String: String]
    }

    /// Ja (`overwrite`) replaces every field the register has; Nej fills only empty fields. Fields the
    /// register has no value for are never emptied.
    public static func plan(current: [String: String], fetched: [String: String], overwrite: Bool) -> Plan {
        var result = current
        var changes: [FieldChange] = []
        var kept: [FieldChange] = []
        for field in CaseFields.all {
            guard let new = fetched[field.key], !new.isEmpty, !neverTouched.contains(field.key) else { continue }
            let old = current[field.key]
            let isEmpty = (old ?? "").isEmpty
            guard old != new else { continue }
            if overwrite || isEmpty || alwaysOverwritten.contains(field.key) {
                result[field.key] = new
                changes.append(FieldChange(key: field.key, old: old, new: new))
            } else {
                kept.append(FieldChange(key: field.key, old: old, new: new))
            }
        }
        return Plan(changes: changes, kept: kept, result: result)
    }

    /// Ja is preselected when none of the fields the register fills has a value yet (manual step 10).
    public static func suggestsOverwrite(current: [String: String]) -> Bool {
        FacilityRecord.fillableFields.allSatisfy { (current[$0] ?? "").isEmpty }
    }
}

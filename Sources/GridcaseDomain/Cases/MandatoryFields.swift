/// Which fields must be filled before a notification may be sent, and which of them are empty.
public enum MandatoryFields {
    /// Whether the field counts as filled. A party's name is filled by Namn for a company and by
    /// Efternamn and Förnamn for a private person.
    public static func isFilled(_ key: String, in values: [String: String]) -> Bool {
        func has(_ key: String) -> Bool { !(values[key] ?? "").isEmpty }
        if key.hasSuffix(".name"), let section = key.split(separator: ".").first {
            let kind = values[section + ".kind"]
            if kind == CaseFields.partyKindPerson { return has(section + ".lastName") && has(section + ".firstName") }
            if kind == CaseFields.partyKindOrganization { return has(key) }
            return has(key) || (has(section + ".lastName") && has(section + ".firstName"))
        }
        return has(key)
    }

    /// The required fields that are empty, in form order, each with the input a link should lead to.
    public static func missing(required: Set<String>, in values: [String: String]) -> [(field: CaseField, inputID: String)] {
        CaseFields.all.compactMap { field in
            guard required.contains(field.key), !isFilled(field.key, in: values) else { return nil }
            return (field, inputID(for: field, in: values))
        }
    }

    private static func inputID(for field: CaseField, in values: [String: String]) -> String {
        guard field.key.hasSuffix(".name"), let section = field.key.split(separator: ".").first,
              values[section + ".kind"] == CaseFields.partyKindPerson,
              let lastName = CaseFields.field(section + ".lastName")
        else { return field.inputID }
        return lastName.inputID
    }

    /// A sensible starting set for a grid company, by installation type; microproduction job types add
    /// `microproduction`. Grid companies change theirs as data.
    public static func defaults(for type: InstallationType) -> Set<String> {
        var keys: Set<String> = [
            "facility.streetAddress", "facility.postalCode", "facility.city", "facility.requestedMeterPlacement",
            "facility.plannedStartDate",
            "owner.kind", "owner.name", "owner.identityNumber", "owner.phone",
            "billing.kind", "billing.name", "billing.identityNumber", "billing.streetAddress", "billing.postalCode",
            "billing.city",
            "installer.responsibleInstaller", "installer.authorizationNumber", "installer.contactPhone",
        ]
        switch type {
        case .newFacility:
            keys.formUnion(["facility.propertyDesignation", "facility.mainFuseRequested", "facility.phases"])
        case .capacityIncrease, .fuseChange:
            keys.formUnion(["facility.facilityID", "facility.mainFuseExisting", "facility.mainFuseRequested"])
        case .serviceConnectionChange:
            keys.formUnion(["facility.facilityID", "facility.mainFuseRequested"])
        case .workInExistingFacility:
            keys.formUnion(["facility.facilityID"])
        case .temporaryFacility:
            keys.formUnion(["facility.mainFuseRequested", "facility.plannedCompletionDate"])
            keys.remove("facility.requestedMeterPlacement")
        }
        return keys
    }

    public static let microproductionDefaults: Set<String> = [
        "microproduction.inverterMake", "microproduction.inverterModel", "microproduction.maxPowerKW",
        "microproduction.energyStorage",
    ]
}

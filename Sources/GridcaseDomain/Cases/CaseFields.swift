/// The catalogue of every field on a notification. Forms, validation, mandatory rules, history and the
/// print view are all driven from this one list.
public enum CaseFields {
    public static let partyKindPerson = "person"
    public static let partyKindOrganization = "organization"

    static let meterPlacements: [CaseField.Choice] = [
        .init(value: "facadeCabinet", label: "Fasadmätarskåp"),
        .init(value: "indoorBoard", label: "Inomhus i elcentral"),
        .init(value: "plotBoundaryCabinet", label: "Tomtgränsskåp"),
        .init(value: "technicalRoom", label: "Mätarskåp i källare eller teknikutrymme"),
        .init(value: "other", label: "Annan placering (beskriv under övriga upplysningar)"),
    ]

    static let phases: [CaseField.Choice] = [.init(value: "1", label: "1-fas"), .init(value: "3", label: "3-fas")]
    static let yesNo: [CaseField.Choice] = [.init(value: "no", label: "Nej"), .init(value: "yes", label: "Ja")]

    public static let facility: [CaseField] = [
        .init("facility.facilityID", .facility, "Anläggnings-ID (EAN)", format: .gsrn, maxLength: 24),
        .init("facility.technicalNumber", .facility, "Tekniskt nummer", maxLength: 40),
        .init("facility.meterNumber", .facility, "Mätarnummer", maxLength: 40),
        .init("facility.streetAddress", .facility, "Utdelningsadress", personal: true, autocomplete: "street-address"),
        .init("facility.postalCode", .facility, "Postnummer", format: .postalCode, maxLength: 10, autocomplete: "postal-code"),
        .init("facility.city", .facility, "Ort", maxLength: 100, autocomplete: "address-level2"),
        .init("facility.propertyDesignation", .facility, "Fastighetsbeteckning", maxLength: 100),
        .init("facility.apartment", .facility, "Lägenhet/trappa", maxLength: 40),
        .init("facility.mainFuseExisting", .facility, "Huvudsäkring befintlig (A)", kind: .number, format: .amperes, maxLength: 6),
        .init("facility.mainFuseRequested", .facility, "Huvudsäkring önskad (A)", kind: .number, format: .amperes, maxLength: 6),
        .init("facility.phases", .facility, "Antal faser", kind: .choice(phases)),
        .init("facility.requestedMeterPlacement", .facility, "Önskad mätarplacering", kind: .choice(meterPlacements)),
        .init("facility.electricitySupplier", .facility, "Elhandlare", maxLength: 100),
        .init("facility.plannedStartDate", .facility, "Planerat startdatum", kind: .date),
        .init("facility.plannedCompletionDate", .facility, "Planerat färdigdatum", kind: .date),
        .init("facility.otherInformation", .facility, "Övriga upplysningar", kind: .multiline, maxLength: 4000),
    ]

    static func party(_ section: CaseSection) -> [CaseField] {
        let prefix = section.rawValue + "."
        var fields: [CaseField] = [
            .init(prefix + "kind", section, "Typ", kind: .choice([
                .init(value: partyKindPerson, label: "Privat"), .init(value: partyKindOrganization, label: "Företag"),
            ])),
            .init(prefix + "name", section, "Namn (företag)", personal: true, autocomplete: "organization"),
            .init(prefix + "lastName", section, "Efternamn", maxLength: 100, personal: true, autocomplete: "family-name"),
            .init(prefix + "firstName", section, "Förnamn", maxLength: 100, personal: true, autocomplete: "given-name"),
            .init(prefix + "careOf", section, "C/O (attention)", personal: true),
            .init(prefix + "streetAddress", section, "Utdelningsadr.", personal: true, autocomplete: "street-address"),
            .init(prefix + "postalCode", section, "Postnr", format: .postalCode, maxLength: 10, personal: true, autocomplete: "postal-code"),
            .init(prefix + "city", section, "Ortsnamn", maxLength: 100, personal: true, autocomplete: "address-level2"),
            .init(prefix + "identityNumber", section, "Personnr. / org.nr", format: .partyIdentityNumber, maxLength: 16, personal: true),
            .init(prefix + "phone", section, "Telefon/mobil", format: .phone, maxLength: 30, personal: true, autocomplete: "tel"),
            .init(prefix + "email", section, "Epost", format: .email, maxLength: 254, personal: true, autocomplete: "email"),
        ]
        if section == .billing {
            fields.append(.init("billing.invoiceReference", .billing, "Fakturaref.", maxLength: 100))
        }
        return fields
    }

    public static let owner = party(.owner)
    public static let billing = party(.billing)

    public static let installer: [CaseField] = [
        .init("installer.responsibleInstaller", .installer, "Ansvarig installatör", maxLength: 100),
        .init("installer.authorizationNumber", .installer, "Auktorisationsnummer", maxLength: 20),
        .init("installer.contactPerson", .installer, "Kontaktperson", maxLength: 100),
        .init("installer.contactPhone", .installer, "Kontaktpersonens telefon", format: .phone, maxLength: 30),
    ]

    public static let microproduction: [CaseField] = [
        .init("microproduction.inverterMake", .microproduction, "Växelriktare, fabrikat", maxLength: 100),
        .init("microproduction.inverterModel", .microproduction, "Växelriktare, modell", maxLength: 100),
        .init("microproduction.maxPowerKW", .microproduction, "Max effekt (kW)", kind: .number, format: .kilowatts, maxLength: 10),
        .init("microproduction.phases", .microproduction, "Antal faser (produktion)", kind: .choice(phases)),
        .init("microproduction.energyStorage", .microproduction, "Energilager (batteri)", kind: .choice(yesNo)),
        .init("microproduction.storageCapacityKWh", .microproduction, "Energilagrets kapacitet (kWh)", kind: .number,
              format: .kilowattHours, maxLength: 10),
    ]

    public static let all: [CaseField] = facility + owner + billing + installer + microproduction

    private static let byKey: [String: CaseField] = Dictionary(uniqueKeysWithValues: all.map { ($0.key, $0) })

    public static func field(_ key: String) -> CaseField? { byKey[key] }

    public static func fields(in section: CaseSection) -> [CaseField] { all.filter { $0.section == section } }

    /// The fields "Kopiera från ägare" copies: every owner field that Betalningsansvarig also has.
    public static let copiedFromOwner: [(owner: String, billing: String)] = owner.compactMap { field in
        let billingKey = "billing." + field.key.dropFirst("owner.".count)
        return byKey[billingKey] == nil ? nil : (field.key, billingKey)
    }
}

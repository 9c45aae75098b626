/// A facility as the grid company's register knows it. Personal identity numbers are never part of it:
/// privacy law withholds them, so the installer asks the customer.
public struct FacilityRecord: Codable, Equatable, Sendable {
    public var gsrn: String
    public var technicalNumber: String?
    public var meterNumber: String?
    public var streetAddress: String?
    public var postalCode: String?
    public var city: String?
    public var propertyDesignation: String?
    public var gridAreaCode: String?
    public var mainFuse: String?
    public var phases: String?
    public var electricitySupplier: String?
    public var owner: PartyRecord?
    public var billing: PartyRecord?

    public init(gsrn: String) {
        self.gsrn = gsrn
    }
}

/// The property owner or the billing party in the register.
public struct PartyRecord: Codable, Equatable, Sendable {
    public var kind: String?
    public var name: String?
    public var lastName: String?
    public var firstName: String?
    public var careOf: String?
    public var streetAddress: String?
    public var postalCode: String?
    public var city: String?
    public var phone: String?
    public var email: String?
    public var invoiceReference: String?

    public init() {}

    var isEmpty: Bool { self == PartyRecord() }
}

extension FacilityRecord {
    /// The record as case field values (see `CaseFields`), blanks left out.
    public var caseFieldValues: [String: String] {
        var values: [String: String] = [:]
        func put(_ key: String, _ value: String?) {
            if let value = value?.trimmed, !value.isEmpty { values[key] = value }
        }
        put("facility.facilityID", gsrn)
        put("facility.technicalNumber", technicalNumber)
        put("facility.meterNumber", meterNumber)
        put("facility.streetAddress", streetAddress)
        put("facility.postalCode", postalCode)
        put("facility.city", city)
        put("facility.propertyDesignation", propertyDesignation)
        put("facility.mainFuseExisting", mainFuse)
        put("facility.phases", phases)
        put("facility.electricitySupplier", electricitySupplier)
        for (section, party) in [("owner", owner), ("billing", billing)] {
            guard let party else { continue }
            put(section + ".kind", party.kind)
            put(section + ".name", party.name)
            put(section + ".lastName", party.lastName)
            put(section + ".firstName", party.firstName)
            put(section + ".careOf", party.careOf)
            put(section + ".streetAddress", party.streetAddress)
            put(section + ".postalCode", party.postalCode)
            put(section + ".city", party.city)
            put(section + ".phone", party.phone)
            put(section + ".email", party.email)
            if section == "billing" { put("billing.invoiceReference", party.invoiceReference) }
        }
        return values
    }

    /// Every case field a register can fill.
    public static let fillableFields: [String] = {
        var full = FacilityRecord(gsrn: "x")
        full.technicalNumber = "x"; full.meterNumber = "x"; full.streetAddress = "x"; full.postalCode = "x"
        full.city = "x"; full.propertyDesignation = "x"; full.mainFuse = "x"; full.phases = "x"
        full.electricitySupplier = "x"
        var party = PartyRecord()
        party.kind = "x"; party.name = "x"; party.lastName = "x"; party.firstName = "x"; party.careOf = "x"
        party.streetAddress = "x"; party.postalCode = "x"; party.city = "x"; party.phone = "x"; party.email = "x"
        party.invoiceReference = "x"
        full.owner = party
        full.billing = party
        return Array(full.caseFieldValues.keys).sorted()
    }()
}

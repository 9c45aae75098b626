import Fluent
import GridcaseDomain
import Vapor

/// A grid company, an installer company or the operator of this Gridcase installation.
// Fluent models are reference types whose properties Fluent mutates; Sendable is asserted, not checked.
final class Organization: Model, @unchecked Sendable {
    static let schema = "organizations"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: OrganizationKind
    @Field(key: "name") var name: String
    /// NNNNNN-NNNN, checked by `OrganizationNumber`.
    @Field(key: "organization_number") var organizationNumber: String
    /// Elsäkerhetsverket's registration number of an installer company.
    @OptionalField(key: "electrical_safety_registration") var electricalSafetyRegistration: String?
    /// A grid company's GS1 company prefixes, comma-separated (the start of its anläggnings-ID).
    @OptionalField(key: "gs1_prefixes") var gs1Prefixes: String?
    /// A grid company's prefix for its case numbers, e.g. "KBE" in KBE-2026-00042.
    @OptionalField(key: "case_number_prefix") var caseNumberPrefix: String?
    /// The grid company's own register (HTTP connector); none means the embedded register.
    @OptionalField(key: "facility_register_url") var facilityRegisterURL: String?
    @OptionalField(key: "facility_register_token") var facilityRegisterToken: String?
    /// SHA-256 of the bearer token that reads this grid company's embedded register over the API.
    @OptionalField(key: "register_api_token_hash") var registerAPITokenHash: String?
    /// Where a grid company receives e-mail about newly sent cases (its shared inbox); nil: its handlers.
    @OptionalField(key: "case_notification_email") var caseNotificationEmail: String?
    @Field(key: "created_at") var createdAt: Date

    @Children(for: \.$gridCompany) var gridAreas: [GridArea]
    @Children(for: \.$organization) var users: [User]

    init() {}

    init(
        id: UUID? = nil, kind: OrganizationKind, name: String, organizationNumber: String,
        electricalSafetyRegistration: String? = nil, gs1Prefixes: [String] = [], caseNumberPrefix: String? = nil,
        createdAt: Date
    ) {
        self.id = id
        self.kind = kind
        self.name = name
        self.organizationNumber = organizationNumber
        self.electricalSafetyRegistration = electricalSafetyRegistration
        self.gs1Prefixes = gs1Prefixes.isEmpty ? nil : gs1Prefixes.joined(separator: ",")
        self.caseNumberPrefix = caseNumberPrefix
        self.createdAt = createdAt
    }

    var gs1PrefixList: [String] {
        (gs1Prefixes ?? "").split(separator: ",").map(String.init)
    }
}


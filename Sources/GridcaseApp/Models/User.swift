import Fluent
import GridcaseDomain
import Vapor

/// A person who signs in. Belongs to exactly one organisation and has one role there.
// Fluent models are reference types whose properties Fluent mutates; Sendable is asserted, not checked.
final class User: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Parent(key: "organization_id") var organization: Organization
    @Field(key: "name") var name: String
    /// The login: normalised by `EmailAddress`, unique.
    @Field(key: "email") var email: String
    /// E.164, checked by `PhoneNumber`.
    @OptionalField(key: "phone") var phone: String?
    @Field(key: "role") var role: Role
    /// An installer's authorisation number from Elsäkerhetsverket.
    @OptionalField(key: "authorization_number") var authorizationNumber: String?
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "is_active") var isActive: Bool
    /// The hash of the one-time invitation link's token, until it is used.
    @OptionalField(key: "invitation_token_hash") var invitationTokenHash: String?
    @OptionalField(key: "invitation_expires_at") var invitationExpiresAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(
        id: UUID? = nil, organizationID: UUID, name: String, email: String, phone: String?, role: Role,
        authorizationNumber: String? = nil, passwordHash: String, isActive: Bool = true, createdAt: Date
    ) {
        self.id = id
        self.$organization.id = organizationID
        self.name = name
        self.email = email
        self.phone = phone
        self.role = role
        self.authorizationNumber = authorizationNumber
        self.passwordHash = passwordHash
        self.isActive = isActive
        self.createdAt = createdAt
    }
}

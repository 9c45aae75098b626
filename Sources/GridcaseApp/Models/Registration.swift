import Fluent
import Vapor

/// An installer company's registration with a grid company: once approved, its installers may file
/// notifications there.
// Fluent models are reference types whose properties Fluent mutates; Sendable is asserted, not checked.
final class Registration: Model, @unchecked Sendable {
    static let schema = "registrations"

    enum Status: String, Codable, CaseIterable, Sendable {
        case requested, approved, denied
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "installer_company_id") var installerCompany: Organization
    @Parent(key: "grid_company_id") var gridCompany: Organization
    @Field(key: "status") var status: Status
    @Field(key: "requested_at") var requestedAt: Date
    @OptionalField(key: "decided_at") var decidedAt: Date?

    init() {}

    init(id: UUID? = nil, installerCompanyID: UUID, gridCompanyID: UUID, status: Status, requestedAt: Date, decidedAt: Date? = nil) {
        self.id = id
        self.$installerCompany.id = installerCompanyID
        self.$gridCompany.id = gridCompanyID
        self.status = status
        self.requestedAt = requestedAt
        self.decidedAt = decidedAt
    }
}

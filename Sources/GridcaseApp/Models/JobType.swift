import Fluent
import GridcaseDomain
import Vapor

/// A grid company's second-level notification type (jobbtyp) under an installation type.
// Fluent models are reference types whose properties Fluent mutates; Sendable is asserted, not checked.
final class JobType: Model, @unchecked Sendable {
    static let schema = "job_types"

    @ID(key: .id) var id: UUID?
    @Parent(key: "grid_company_id") var gridCompany: Organization
    @Field(key: "installation_type") var installationType: InstallationType
    @Field(key: "name") var name: String
    /// Cases of this job type include the Mikroproduktion section.
    @Field(key: "includes_microproduction") var includesMicroproduction: Bool
    @Field(key: "sort_order") var sortOrder: Int
    @Field(key: "is_active") var isActive: Bool

    init() {}

    init(gridCompanyID: UUID, installationType: InstallationType, name: String, includesMicroproduction: Bool, sortOrder: Int) {
        self.$gridCompany.id = gridCompanyID
        self.installationType = installationType
        self.name = name
        self.includesMicroproduction = includesMicroproduction
        self.sortOrder = sortOrder
        self.isActive = true
    }
}

/// A field that must be filled before a case of this installation type (and job type, when set) is sent.
// Fluent models are reference types whose properties Fluent mutates; Sendable is asserted, not checked.
final class MandatoryFieldRule: Model, @unchecked Sendable {
    static let schema = "mandatory_field_rules"

    @ID(key: .id) var id: UUID?
    @Parent(key: "grid_company_id") var gridCompany: Organization
    @Field(key: "installation_type") var installationType: InstallationType
    @OptionalParent(key: "job_type_id") var jobType: JobType?
    @Field(key: "field_key") var fieldKey: String

    init() {}

    init(gridCompanyID: UUID, installationType: InstallationType, jobTypeID: UUID?, fieldKey: String) {
        self.$gridCompany.id = gridCompanyID
        self.installationType = installationType
        self.$jobType.id = jobTypeID
        self.fieldKey = fieldKey
    }
}

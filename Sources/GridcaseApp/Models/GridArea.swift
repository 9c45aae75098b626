import Fluent
import Vapor

/// A grid company's area (nätområde), for example Helsingborg. Routes a case to the right handlers.
// Fluent models are reference types whose properties Fluent mutates; Sendable is asserted, not checked.
final class GridArea: Model, @unchecked Sendable {
    static let schema = "grid_areas"

    @ID(key: .id) var id: UUID?
    @Parent(key: "grid_company_id") var gridCompany: Organization
    /// The grid company's own short code for the area, unique within the company.
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    /// Offered under Ny anmälan; an area taken out of use stays on the cases filed in it.
    @Field(key: "is_active") var isActive: Bool

    init() {}

    init(id: UUID? = nil, gridCompanyID: UUID, code: String, name: String) {
        self.id = id
        self.$gridCompany.id = gridCompanyID
        self.code = code
        self.name = name
        self.isActive = true
    }
}

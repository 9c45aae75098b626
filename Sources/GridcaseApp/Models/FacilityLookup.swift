import Fluent
import Vapor

/// One "Hämta data": who asked, for which case, by which key, and the status code. No personal data.
// Fluent models are reference types whose properties Fluent mutates; Sendable is asserted, not checked.
final class FacilityLookupLog: Model, @unchecked Sendable {
    static let schema = "facility_lookups"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @OptionalParent(key: "case_id") var caseRecord: Case?
    @Parent(key: "grid_company_id") var gridCompany: Organization
    @OptionalField(key: "meter_number") var meterNumber: String?
    @OptionalField(key: "gsrn") var gsrn: String?
    @Field(key: "status_code") var statusCode: Int
    @Field(key: "at") var at: Date

    init() {}

    init(userID: UUID, caseID: UUID?, gridCompanyID: UUID, meterNumber: String?, gsrn: String?, statusCode: Int, at: Date) {
        self.$user.id = userID
        self.$caseRecord.id = caseID
        self.$gridCompany.id = gridCompanyID
        self.meterNumber = meterNumber
        self.gsrn = gsrn
        self.statusCode = statusCode
        self.at = at
    }
}

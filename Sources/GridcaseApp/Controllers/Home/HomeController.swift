import Fluent
import GridcaseDomain
import Vapor

/// The landing page and each role's start page.
struct HomeController {
    @Sendable func home(req: Request) async throws -> Response {
        req.redirect(to: Navigation.startPage(for: try req.currentUser.role))
    }

    /// "Inkorg": the cases sent to the grid company.
    @Sendable func inbox(req: Request) async throws -> Response {
        let user = try req.currentUser
        try req.authorize(.handleCases, ownerOrganizationID: user.organizationID)
        let areas = try await GridArea.query(on: req.db)
            .filter(\.$gridCompany.$id == user.organizationID)
            .sort(\.$name)
            .all()
        return try await req.render(InboxPage(organizationName: user.organizationName, gridAreas: areas.map(\.name)))
    }
}

struct InboxPage: Page {
    static let template = "home/inbox"
    let title = "Inkorg"
    let organizationName: String
    let gridAreas: [String]
}

/// Which grid companies an installer company is registered with.
enum RegistrationQueries {
    static func approvedGridCompanies(for installerCompanyID: UUID, on db: any Database) async throws -> [Organization] {
        try await Registration.query(on: db)
            .filter(\.$installerCompany.$id == installerCompanyID)
            .filter(\.$status == .approved)
            .with(\.$gridCompany)
            .all()
            .map(\.gridCompany)
            .sorted { $0.name < $1.name }
    }
}

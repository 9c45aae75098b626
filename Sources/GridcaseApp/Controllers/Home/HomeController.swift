import Fluent
import GridcaseDomain
import Vapor

/// The landing page and each role's start page.
struct HomeController {
    @Sendable func home(req: Request) async throws -> Response {
        req.redirect(to: Navigation.startPage(for: try req.currentUser.role))
    }
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

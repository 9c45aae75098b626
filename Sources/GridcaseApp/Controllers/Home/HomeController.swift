import Fluent
import GridcaseDomain
import Vapor

/// The landing page and each role's start page.
struct HomeController {
    @Sendable func home(req: Request) async throws -> Response {
        req.redirect(to: Navigation.startPage(for: try req.currentUser.role))
    }

    /// "Inkorg": the cases sent to the grid company, newest first. Drafts never appear here.
    @Sendable func inbox(req: Request) async throws -> Response {
        let user = try req.currentUser
        try req.authorize(.handleCases, ownerOrganizationID: user.organizationID)
        let page = max(1, req.query[Int.self, at: "sida"] ?? 1)
        let (rows, total) = try await CaseListQueries.cases(.gridCompany(user.organizationID), filter: CaseListFilter(),
                                                             page: page, on: req.db)
        return try await req.render(InboxPage(organizationName: user.organizationName, rows: rows, total: total, page: page))
    }
}

struct InboxPage: Page {
    static let template = "home/inbox"
    let title = "Inkorg"
    let organizationName: String
    let rows: [CaseListRow]
    let summary: String
    let pages: [CaseListPage.PageLink]

    init(organizationName: String, rows: [CaseListRow], total: Int, page: Int) {
        self.organizationName = organizationName
        self.rows = rows
        pages = CaseListPage.PageLink.links(total: total, page: page, path: .inbox)
        summary = total == 0 ? "Inga inkomna ärenden." : "\(total) inkomna ärenden."
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

import Fluent
import GridcaseDomain
import Vapor

/// The operator's view of every organisation on this Gridcase installation.
struct SystemController {
    @Sendable func organizations(req: Request) async throws -> Response {
        let current = try req.currentUser
        try req.authorize(.manageOrganizations, ownerOrganizationID: current.organizationID)
        let organizations = try await Organization.query(on: req.db).sort(\.$name).all()
        return try await req.render(OrganizationsPage(rows: try organizations.map { organization in
            OrganizationsPage.Row(
                name: organization.name, kindName: organization.kind.swedishName,
                organizationNumber: organization.organizationNumber,
                href: SitePath.systemOrganization(.value(try organization.requireID())).relative
            )
        }))
    }

    @Sendable func organization(req: Request) async throws -> Response {
        let id = try req.uuidParameter(SitePath.organizationIDKey)
        guard let organization = try await Organization.find(id, on: req.db) else { throw Abort(.notFound) }
        try req.authorize(.manageOrganizations, ownerOrganizationID: id)
        return try await req.render(try await OrganizationPage.load(organization, on: req.db, canAddUsers: false))
    }
}

struct OrganizationsPage: Page {
    static let template = "system/organizations"

    struct Row: Encodable, Sendable {
        let name: String
        let kindName: String
        let organizationNumber: String
        let href: String
    }

    let title = "Organisationer"
    let rows: [Row]
}

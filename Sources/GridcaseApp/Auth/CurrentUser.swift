import GridcaseDomain
import Vapor

/// The signed-in user as every handler sees it: who, in which organisation, with which role.
struct CurrentUser: Authenticatable, Sendable {
    let id: UUID
    let name: String
    let email: String
    let role: Role
    let organizationID: UUID
    let organizationName: String
    let organizationKind: OrganizationKind
    let sessionID: String
    let csrfToken: String

    var actor: Actor { Actor(userID: id, organizationID: organizationID, role: role) }
}

extension Request {
    /// The signed-in user; only routes behind `RequireSignIn` call this.
    var currentUser: CurrentUser {
        get throws {
            guard let user = auth.get(CurrentUser.self) else { throw Abort(.unauthorized) }
            return user
        }
    }

    /// Throws 404 when the data belongs to an organisation the user has no business with, 403 when the
    /// user's role may not do this in their own organisation.
    func authorize(_ action: Action, ownerOrganizationID: UUID) throws {
        switch AccessPolicy.decide(try currentUser.actor, action, ownerOrganizationID: ownerOrganizationID) {
        case .allowed: return
        case .forbidden: throw Abort(.forbidden)
        case .notFound: throw Abort(.notFound)
        }
    }

    /// The signed-in user's own organisation, once `action` on it is allowed.
    func ownOrganization(authorizedFor action: Action) async throws -> Organization {
        let organizationID = try currentUser.organizationID
        try authorize(action, ownerOrganizationID: organizationID)
        guard let organization = try await Organization.find(organizationID, on: db) else { throw Abort(.notFound) }
        return organization
    }
}

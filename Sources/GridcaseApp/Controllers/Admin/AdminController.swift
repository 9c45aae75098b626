import Fluent
import GridcaseDomain
import Vapor

/// An organisation's administration: its profile, grid areas, registrations and users.
struct AdminController {
    @Sendable func overview(req: Request) async throws -> Response {
        let user = try req.currentUser
        let organization = try await req.ownOrganization(authorizedFor: .manageUsers)
        var page = try await OrganizationPage.load(organization, on: req.db)
        if AccessPolicy.decide(user.actor, .answerDataSubjectRequests, ownerOrganizationID: user.organizationID) == .allowed {
            page.rightsHref = SitePath.adminPersonalData.relative
        }
        if user.organizationKind == .gridCompany,
           AccessPolicy.decide(user.actor, .manageGridAreas, ownerOrganizationID: user.organizationID) == .allowed {
            page.gridAreasHref = SitePath.adminGridAreas.relative
        }
        if AccessPolicy.decide(user.actor, .manageRegistrations, ownerOrganizationID: user.organizationID) == .allowed {
            page.registrationsHref = SitePath.adminRegistrations.relative
        }
        if AccessPolicy.decide(user.actor, .configureCaseHandling, ownerOrganizationID: user.organizationID) == .allowed {
            page.serviceLevelsHref = SitePath.adminServiceLevels.relative
            page.caseTypesHref = SitePath.adminCaseTypes.relative
            page.notificationsHref = SitePath.adminNotifications.relative
        }
        return try await req.render(page)
    }
}

/// One organisation with its areas, registrations and users; the admin's overview and the operator's view.
struct OrganizationPage: Page {
    static let template = "admin/organization"

    struct UserRow: Encodable, Sendable {
        let name: String
        let email: String
        let roleName: String
        let isActive: Bool
        let href: String
    }

    struct AreaRow: Encodable, Sendable {
        let code: String
        let name: String
    }

    struct RegistrationRow: Encodable, Sendable {
        let companyName: String
        let statusName: String
    }

    let title: String
    let name: String
    let kindName: String
    let organizationNumber: String
    let electricalSafetyRegistration: String?
    let gs1Prefixes: [String]
    let areas: [AreaRow]
    let registrations: [RegistrationRow]
    let users: [UserRow]
    /// "Registrerades rättigheter", on the admin's own overview.
    var rightsHref: String? = nil
    /// "Registreringar", on the admin's own overview.
    var registrationsHref: String? = nil
    /// "Nätområden", on a grid admin's own overview.
    var gridAreasHref: String? = nil
    /// "E-post för nya ärenden", on a grid admin's own overview.
    var notificationsHref: String? = nil
    /// "Anmälningstyper", on a grid admin's own overview.
    var caseTypesHref: String? = nil
    /// "Servicenivåer", on a grid admin's own overview.
    var serviceLevelsHref: String? = nil
    let newUserHref: String?

    static func load(_ organization: Organization, on db: any Database, canAddUsers: Bool = true) async throws -> OrganizationPage {
        let id = try organization.requireID()
        let users = try await User.query(on: db).filter(\.$organization.$id == id).sort(\.$name).all()
        let areas = try await GridArea.query(on: db).filter(\.$gridCompany.$id == id).sort(\.$name).all()
        let registrations = try await Registration.query(on: db)
            .group(.or) { $0.filter(\.$installerCompany.$id == id).filter(\.$gridCompany.$id == id) }
            .with(\.$installerCompany).with(\.$gridCompany)
            .all()
        return OrganizationPage(
            title: organization.name,
            name: organization.name,
            kindName: organization.kind.swedishName,
            organizationNumber: organization.organizationNumber,
            electricalSafetyRegistration: organization.electricalSafetyRegistration,
            gs1Prefixes: organization.gs1PrefixList,
            areas: areas.map { AreaRow(code: $0.code, name: $0.name) },
            registrations: registrations.map { registration in
                let other = registration.$gridCompany.id == id ? registration.installerCompany : registration.gridCompany
                return RegistrationRow(companyName: other.name, statusName: registration.status.swedishName)
            }.sorted { $0.companyName < $1.companyName },
            users: try users.map { user in
                UserRow(name: user.name, email: user.email, roleName: user.role.swedishName, isActive: user.isActive,
                        href: SitePath.adminUser(.value(try user.requireID())).relative)
            },
            newUserHref: canAddUsers ? SitePath.adminNewUser.relative : nil
        )
    }
}

extension Registration.Status {
    var swedishName: String {
        switch self {
        case .requested: "Ansökt"
        case .approved: "Godkänd"
        case .denied: "Nekad"
        }
    }
}

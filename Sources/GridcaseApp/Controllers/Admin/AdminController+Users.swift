import Fluent
import GridcaseDomain
import Vapor

/// Adding a user to the admin's own organisation, viewing one user and (de)activating them.
extension AdminController {
    struct NewUserForm: Content {
        var name: String?
        var email: String?
        var phone: String?
        var role: String?
        var authorizationNumber: String?
        var password: String?
        /// "invite": a one-time link by e-mail; "password": a start password the admin hands over.
        var setup: String?

        var input: NewUserInput {
            NewUserInput(name: name ?? "", email: email ?? "", phone: phone ?? "", role: role ?? "",
                         authorizationNumber: authorizationNumber ?? "", password: password ?? "",
                         invite: setup == "invite" || (setup == nil && (password ?? "").isEmpty))
        }
    }

    struct ActivationForm: Content {
        var active: String?
    }

    @Sendable func newUser(req: Request) async throws -> Response {
        let organization = try await req.ownOrganization(authorizedFor: .manageUsers)
        return try await req.render(NewUserPage(organization: organization, form: NewUserForm(), errors: [:]))
    }

    @Sendable func createUser(req: Request) async throws -> Response {
        let organization = try await req.ownOrganization(authorizedFor: .manageUsers)
        let form = try req.content.decode(NewUserForm.self)
        do {
            let (user, token) = try await req.userAccounts.create(form.input, in: organization)
            let id = try user.requireID()
            req.logger.info("User created", metadata: ["user": .string(id.uuidString)])
            guard let token else { return req.redirect(to: .adminUser(.value(id))) }
            let link = Invitations.link(token: token, publicURL: req.application.appConfig.publicURL)
            try await Invitations.enqueueEmail(to: user, organization: organization, link: link, at: req.clock.now(), on: req.db)
            // Shown once, for when the e-mail cannot reach the person: only its hash is kept.
            return try await req.render(InvitationCreatedPage(name: user.name, email: user.email, link: link,
                                                              userHref: SitePath.adminUser(.value(id)).relative))
        } catch let errors as FieldErrors {
            return try await req.render(
                NewUserPage(organization: organization, form: form, errors: errors.messages), status: .unprocessableEntity
            )
        }
    }

    @Sendable func showUser(req: Request) async throws -> Response {
        let user = try await findManagedUser(req)
        let viewer = try req.currentUser
        let mayFollowUp = AccessPolicy.decide(viewer.actor, .followUpAccessLog, ownerOrganizationID: user.$organization.id) == .allowed
        return try await req.render(try UserPage(user: user, isSelf: try user.requireID() == viewer.id, mayFollowUpAccess: mayFollowUp))
    }

    @Sendable func setActivation(req: Request) async throws -> Response {
        let user = try await findManagedUser(req)
        let form = try req.content.decode(ActivationForm.self)
        let isSelf = try user.requireID() == req.currentUser.id
        guard !isSelf else { throw Abort(.forbidden) }
        try await req.userAccounts.setActive(form.active == "true", for: user)
        return req.redirect(to: .adminUser(.value(try user.requireID())))
    }

    /// The user named in the path, when the signed-in admin may manage that user's organisation.
    private func findManagedUser(_ req: Request) async throws -> User {
        let id = try req.uuidParameter(SitePath.userIDKey)
        guard let user = try await User.query(on: req.db).filter(\.$id == id).with(\.$organization).first() else {
            throw Abort(.notFound)
        }
        try req.authorize(.manageUsers, ownerOrganizationID: user.$organization.id)
        return user
    }
}

struct NewUserPage: Page {
    static let template = "admin/new-user"

    struct RoleOption: Encodable, Sendable {
        let value: String
        let label: String
        let isSelected: Bool
    }

    let title = "Ny användare"
    let organizationName: String
    let action = SitePath.adminUsers.relative
    let cancelHref = SitePath.admin.relative
    let values: [String: String]
    let roles: [RoleOption]
    let showsAuthorizationNumber: Bool
    let errors: [String: String]
    let errorCount: Int
    let minimumPasswordLength = PasswordRules.minimumLength
    let usesPassword: Bool

    init(organization: Organization, form: AdminController.NewUserForm, errors: [String: String]) {
        usesPassword = form.setup == "password"
        organizationName = organization.name
        // The password is never sent back to the browser.
        values = ["name": form.name ?? "", "email": form.email ?? "", "phone": form.phone ?? "",
                  "authorizationNumber": form.authorizationNumber ?? ""]
        roles = Role.allCases.filter { $0.organizationKind == organization.kind }.map {
            RoleOption(value: $0.rawValue, label: $0.swedishName, isSelected: $0.rawValue == form.role)
        }
        showsAuthorizationNumber = organization.kind == .installerCompany
        self.errors = errors
        errorCount = errors.count
    }
}

struct UserPage: Page {
    static let template = "admin/user"
    let title: String
    let name: String
    let email: String
    let phone: String
    let roleName: String
    let organizationName: String
    let authorizationNumber: String
    let isActive: Bool
    let canChangeActivation: Bool
    let activationAction: String
    /// "Vems uppgifter har användaren sett?", for an admin who may follow up the access log.
    let accessLogHref: String?

    init(user: User, isSelf: Bool, mayFollowUpAccess: Bool = false) throws {
        title = user.name
        name = user.name
        email = user.email
        phone = user.phone.flatMap { try? PhoneNumber(parsing: $0).display } ?? ""
        roleName = user.role.swedishName
        organizationName = user.organization.name
        authorizationNumber = user.authorizationNumber ?? ""
        isActive = user.isActive
        canChangeActivation = !isSelf
        activationAction = SitePath.adminUserActivation(.value(try user.requireID())).relative
        accessLogHref = mayFollowUpAccess ? SitePath.adminUserAccessLog(.value(try user.requireID())).relative : nil
    }
}

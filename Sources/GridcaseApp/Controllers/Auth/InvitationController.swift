import Fluent
import GridcaseDomain
import Vapor

/// The one-time invitation link: the invited person chooses their password. The token travels in the query
/// string (request logs name the path only) and is stored only as a hash; it works once, for 72 hours.
struct InvitationController {
    struct AcceptForm: Content {
        var token: String?
        var password: String?
        var passwordConfirmation: String?
    }

    @Sendable func form(req: Request) async throws -> Response {
        let token = req.query[String.self, at: "t"] ?? ""
        guard let user = try await req.userAccounts.invitedUser(token: token) else { return try await Self.linkNoLongerWorks(req) }
        return try await req.render(InvitationPage(name: user.name, email: user.email, token: token, error: nil))
    }

    @Sendable func accept(req: Request) async throws -> Response {
        let form = try req.content.decode(AcceptForm.self)
        let token = form.token ?? ""
        guard let user = try await req.userAccounts.invitedUser(token: token) else { return try await Self.linkNoLongerWorks(req) }
        guard form.password == form.passwordConfirmation else {
            return try await req.render(InvitationPage(name: user.name, email: user.email, token: token,
                                                       error: "Lösenorden är inte lika. Skriv samma lösenord två gånger."),
                                        status: .unprocessableEntity)
        }
        do {
            try await req.userAccounts.acceptInvitation(of: user, password: form.password ?? "")
        } catch let errors as FieldErrors {
            return try await req.render(InvitationPage(name: user.name, email: user.email, token: token, error: errors["password"]),
                                        status: .unprocessableEntity)
        }
        return req.redirect(to: SitePath.login.relative + "?meddelande=valkommen", redirectType: .normal)
    }

    /// An unknown, used, expired or deactivated link: the page says so, with no name or form.
    private static func linkNoLongerWorks(_ req: Request) async throws -> Response {
        try await req.render(InvitationPage(name: nil, email: nil, token: "", error: nil), status: .notFound)
    }
}

/// The invitation link and its e-mail.
enum Invitations {
    static func link(token: String, publicURL: String) -> String {
        publicURL + SitePath.invitation.relative + "?t=" + token
    }

    static func enqueueEmail(to user: User, organization: Organization, link: String, at now: Date, on db: any Database) async throws {
        let body = """
            Hej \(user.name)!

            Du har fått ett konto i Gridcase för \(organization.name). Välj ditt lösenord här (länken fungerar en gång, i 72 timmar):

            \(link)

            Din inloggning är \(user.email).

            Detta meddelande skickades automatiskt av Gridcase.
            """
        try await OutboxMessage(caseID: nil, event: "invitation", recipient: user.email, subject: "Välkommen till Gridcase – välj ditt lösenord",
                                body: body, at: now).create(on: db)
    }
}

struct InvitationPage: Page {
    static let template = "auth/invitation"
    let title = "Välj lösenord"
    let name: String?
    let email: String?
    let token: String
    let error: String?
    let action = SitePath.invitation.relative
    let loginHref = SitePath.login.relative
    let minimumPasswordLength = PasswordRules.minimumLength
}

struct InvitationCreatedPage: Page {
    static let template = "admin/invitation-created"
    let title = "Inbjudan skapad"
    let name: String
    let email: String
    let link: String
    let userHref: String
}

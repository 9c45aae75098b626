import Fluent
import GridcaseDomain
import Vapor

/// The signed-in user's own account: details and password.
struct AccountController {
    struct PasswordForm: Content {
        var currentPassword: String?
        var newPassword: String?
        var repeatPassword: String?
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await req.render(try await page(req, errors: [:], saved: false))
    }

    @Sendable func changePassword(req: Request) async throws -> Response {
        let current = try req.currentUser
        let form = try req.content.decode(PasswordForm.self)
        guard let user = try await User.find(current.id, on: req.db) else { throw Abort(.notFound) }

        var errors: [String: String] = [:]
        let currentMatches = try await req.password.async.verify(form.currentPassword ?? "", created: user.passwordHash)
        if !currentMatches { errors["currentPassword"] = "Nuvarande lösenord stämmer inte." }
        do throws(FieldError) {
            try PasswordRules.check(form.newPassword ?? "")
            if form.newPassword != form.repeatPassword {
                errors["repeatPassword"] = "Lösenorden är inte lika."
            }
        } catch {
            errors["newPassword"] = error.message
        }
        guard errors.isEmpty, let newPassword = form.newPassword else {
            return try await req.render(try await page(req, errors: errors, saved: false), status: .unprocessableEntity)
        }

        user.passwordHash = try await req.password.async.hash(newPassword)
        try await user.update(on: req.db)
        // Other browsers signed in as this user must sign in again with the new password.
        try await UserSession.query(on: req.db)
            .filter(\.$user.$id == current.id)
            .filter(\.$id != current.sessionID)
            .delete()
        return try await req.render(try await page(req, errors: [:], saved: true))
    }

    private func page(_ req: Request, errors: [String: String], saved: Bool) async throws -> AccountPage {
        let current = try req.currentUser
        guard let user = try await User.find(current.id, on: req.db) else { throw Abort(.notFound) }
        return AccountPage(
            name: user.name, email: user.email,
            phone: user.phone.flatMap { try? PhoneNumber(parsing: $0).display } ?? "",
            roleName: user.role.swedishName, organizationName: current.organizationName,
            authorizationNumber: user.authorizationNumber ?? "",
            passwordAction: SitePath.accountPassword.relative,
            errors: errors, saved: saved, minimumPasswordLength: PasswordRules.minimumLength
        )
    }
}

struct AccountPage: Page {
    static let template = "account/show"
    let title = "Mitt konto"
    let name: String
    let email: String
    let phone: String
    let roleName: String
    let organizationName: String
    let authorizationNumber: String
    let passwordAction: String
    let errors: [String: String]
    let saved: Bool
    let minimumPasswordLength: Int
}

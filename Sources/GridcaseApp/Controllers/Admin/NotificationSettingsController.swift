import Fluent
import GridcaseDomain
import Vapor

/// "E-post för nya ärenden": the grid company's shared inbox for newly sent cases. Empty: every handler and
/// admin gets them. (Later events go to the case's handler.)
struct NotificationSettingsController {
    struct SettingsForm: Content {
        var caseNotificationEmail: String?
    }

    @Sendable func form(req: Request) async throws -> Response {
        let organization = try await req.ownOrganization(authorizedFor: .configureCaseHandling)
        let saved = req.query[String.self, at: "meddelande"] == "sparat"
        return try await req.render(NotificationSettingsPage(value: organization.caseNotificationEmail ?? "", error: nil,
                                                             notice: saved ? "E-postadressen är sparad." : nil))
    }

    @Sendable func save(req: Request) async throws -> Response {
        let organization = try await req.ownOrganization(authorizedFor: .configureCaseHandling)
        let typed = (try req.content.decode(SettingsForm.self).caseNotificationEmail ?? "").trimmingCharacters(in: .whitespaces)
        if typed.isEmpty {
            organization.caseNotificationEmail = nil
        } else {
            do throws(FieldError) {
                organization.caseNotificationEmail = try EmailAddress(parsing: typed).normalized
            } catch {
                return try await req.render(NotificationSettingsPage(value: typed, error: error.message, notice: nil), status: .unprocessableEntity)
            }
        }
        try await organization.update(on: req.db)
        return req.redirect(to: SitePath.adminNotifications.relative + "?meddelande=sparat", redirectType: .normal)
    }
}

struct NotificationSettingsPage: Page {
    static let template = "admin/notifications"
    let title = "E-post för nya ärenden"
    let formAction = SitePath.adminNotifications.relative
    let backHref = SitePath.admin.relative
    let value: String
    let error: String?
    let notice: String?
}

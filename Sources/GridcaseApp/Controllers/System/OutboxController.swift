import Fluent
import GridcaseDomain
import Vapor

/// "Utkorg": the operator sees every e-mail Gridcase has written, whether it was sent, is waiting (always,
/// when no SMTP server is configured) or was given up on, and why.
struct OutboxController {
    static let shown = 200

    @Sendable func list(req: Request) async throws -> Response {
        let current = try req.currentUser
        try req.authorize(.manageOrganizations, ownerOrganizationID: current.organizationID)
        let messages = try await OutboxMessage.query(on: req.db).sort(\.$createdAt, .descending).limit(Self.shown).all()
        let smtp = req.application.appConfig.smtp
        return try await req.render(OutboxPage(
            delivery: smtp.map { "E-post skickas via \($0.host):\($0.port)." }
                ?? "E-post skickas inte: ingen SMTP-server är inställd (SMTP_HOST). Meddelandena väntar här.",
            rows: messages.map { message in
                OutboxPage.Row(createdAt: DisplayFormat.dateTime(message.createdAt), recipient: message.recipient,
                               subject: message.subject, body: message.body, statusName: message.status.swedishName,
                               status: message.status.rawValue, attempts: message.attempts,
                               sentAt: message.sentAt.map(DisplayFormat.dateTime), lastError: message.lastError)
            }))
    }
}

struct OutboxPage: Page {
    static let template = "system/outbox"

    struct Row: Encodable, Sendable {
        let createdAt: String
        let recipient: String
        let subject: String
        let body: String
        let statusName: String
        let status: String
        let attempts: Int
        let sentAt: String?
        let lastError: String?
    }

    let title = "Utkorg"
    let delivery: String
    let rows: [Row]
    let limit = OutboxController.shown
}

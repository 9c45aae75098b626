import Fluent
import SQLKit

/// The e-mail outbox: every notification is written here in the same transaction as the change that causes
/// it, and a worker delivers it over SMTP. `claim_token` and `claimed_until` let one worker of several app
/// instances hold a message while it delivers it. Also the grid company's address for new cases.
struct M013_CreateOutbox: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("outbox_messages")
            .id()
            .field("created_at", .datetime, .required)
            // No foreign key: the message outlives nothing it refers to, but a deleted draft never sends one.
            .field("case_id", .uuid)
            .field("event", .string, .required)
            .field("recipient", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("claim_token", .string)
            .field("claimed_until", .datetime)
            .field("sent_at", .datetime)
            .field("last_error", .string)
            .create()
        try await (database as! any SQLDatabase).raw("CREATE INDEX outbox_due ON outbox_messages (status, next_attempt_at)").run()
        try await database.schema("organizations").field("case_notification_email", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("organizations").deleteField("case_notification_email").update()
        try await database.schema("outbox_messages").delete()
    }
}

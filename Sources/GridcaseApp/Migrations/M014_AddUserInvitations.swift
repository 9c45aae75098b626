import Fluent
import SQLKit

/// A one-time invitation link per user: only its hash is kept, with the moment it stops working.
struct M014_AddUserInvitations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("users").field("invitation_token_hash", .string).update()
        try await database.schema("users").field("invitation_expires_at", .datetime).update()
        try await (database as! any SQLDatabase).raw("CREATE INDEX users_invitation ON users (invitation_token_hash)").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX users_invitation").run()
        try await database.schema("users").deleteField("invitation_token_hash").update()
        try await database.schema("users").deleteField("invitation_expires_at").update()
    }
}

import Fluent

/// A grid company may let other systems read its embedded register over the same JSON contract the HTTP
/// connector speaks; only the SHA-256 of that bearer token is stored.
struct M006_AddRegisterAPIToken: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("organizations").field("register_api_token_hash", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("organizations").deleteField("register_api_token_hash").update()
    }
}

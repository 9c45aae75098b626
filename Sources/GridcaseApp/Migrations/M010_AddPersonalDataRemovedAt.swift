import Fluent

/// When a case's personal data was pseudonymised (retention or a person's request); nil while it holds it.
struct M010_AddPersonalDataRemovedAt: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("cases").field("personal_data_removed_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("cases").deleteField("personal_data_removed_at").update()
    }
}

import Fluent

/// Lists' filters and search words live in the session, so a search for an address never ends up in a URL.
struct M004_AddSessionListFilters: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("sessions").field("list_filters", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sessions").deleteField("list_filters").update()
    }
}

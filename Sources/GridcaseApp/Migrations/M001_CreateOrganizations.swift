import Fluent

struct M001_CreateOrganizations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("organizations")
            .id()
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("organization_number", .string, .required)
            .field("electrical_safety_registration", .string)
            .field("gs1_prefixes", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "organization_number")
            .create()

        try await database.schema("grid_areas")
            .id()
            .field("grid_company_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .unique(on: "grid_company_id", "code")
            .create()

        try await database.schema("registrations")
            .id()
            .field("installer_company_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("grid_company_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("status", .string, .required)
            .field("requested_at", .datetime, .required)
            .field("decided_at", .datetime)
            .unique(on: "installer_company_id", "grid_company_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("registrations").delete()
        try await database.schema("grid_areas").delete()
        try await database.schema("organizations").delete()
    }
}

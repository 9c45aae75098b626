import Fluent
import Foundation
import GridcaseDomain
import SQLKit

/// Job types, mandatory-field rules, cases with their history, notes and attachments.
struct M003_CreateCases: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("organizations").field("case_number_prefix", .string).update()

        try await database.schema("job_types")
            .id()
            .field("grid_company_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("installation_type", .string, .required)
            .field("name", .string, .required)
            .field("includes_microproduction", .bool, .required)
            .field("sort_order", .int, .required)
            .field("is_active", .bool, .required)
            .create()

        try await database.schema("mandatory_field_rules")
            .id()
            .field("grid_company_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("installation_type", .string, .required)
            .field("job_type_id", .uuid, .references("job_types", "id", onDelete: .cascade))
            .field("field_key", .string, .required)
            .create()

        try await database.schema("case_number_counters")
            .field("id", .string, .identifier(auto: false))
            .field("last_serial", .int, .required)
            .create()

        try await database.schema("cases")
            .id()
            .field("case_number", .string, .required)
            .field("grid_company_id", .uuid, .required, .references("organizations", "id"))
            .field("installer_company_id", .uuid, .required, .references("organizations", "id"))
            .field("created_by_id", .uuid, .required, .references("users", "id"))
            .field("installation_type", .string, .required)
            .field("job_type_id", .uuid, .required, .references("job_types", "id"))
            .field("grid_area_id", .uuid, .required, .references("grid_areas", "id"))
            .field("status", .string, .required)
            .field("version", .int, .required)
            .field("fields", .string, .required)
            .field("facility_id", .string)
            .field("meter_number", .string)
            .field("street_address", .string)
            .field("city", .string)
            .field("creation_key", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("submitted_at", .datetime)
            .unique(on: "grid_company_id", "case_number")
            .unique(on: "creation_key")
            .create()

        try await database.schema("case_events")
            .id()
            .field("case_id", .uuid, .required, .references("cases", "id", onDelete: .cascade))
            .field("actor_id", .uuid, .references("users", "id"))
            .field("at", .datetime, .required)
            .field("kind", .string, .required)
            .field("status_from", .string)
            .field("status_to", .string)
            .field("changes", .string)
            .create()

        try await database.schema("case_notes")
            .id()
            .field("case_id", .uuid, .required, .references("cases", "id", onDelete: .cascade))
            .field("author_id", .uuid, .required, .references("users", "id"))
            .field("body", .string, .required)
            .field("is_internal", .bool, .required)
            .field("created_at", .datetime, .required)
            .create()

        try await database.schema("attachments")
            .id()
            .field("case_id", .uuid, .required, .references("cases", "id", onDelete: .cascade))
            .field("uploaded_by_id", .uuid, .required, .references("users", "id"))
            .field("file_name", .string, .required)
            .field("content_type", .string, .required)
            .field("category", .string, .required)
            .field("size", .int, .required)
            .field("data", .data, .required)
            .field("created_at", .datetime, .required)
            .create()

        let sql = database as! any SQLDatabase
        for statement in [
            "CREATE INDEX cases_installer_company ON cases (installer_company_id, created_at)",
            "CREATE INDEX cases_grid_company ON cases (grid_company_id, status, created_at)",
            "CREATE INDEX case_events_case ON case_events (case_id, at)",
            "CREATE INDEX case_notes_case ON case_notes (case_id, created_at)",
            "CREATE INDEX attachments_case ON attachments (case_id)",
            "CREATE INDEX job_types_company ON job_types (grid_company_id, installation_type)",
            "CREATE INDEX sessions_user ON sessions (user_id)",
            "CREATE INDEX users_organization ON users (organization_id)",
        ] {
            try await sql.raw(SQLQueryString(statement)).run()
        }

        // Grid companies created before this migration get the default job types and mandatory fields.
        // Plain SQL: a migration must not depend on how a model looks later.
        let gridCompanyIDs = try await sql.raw("SELECT id FROM organizations WHERE kind = \(bind: OrganizationKind.gridCompany.rawValue)")
            .all().map { try $0.decode(column: "id", as: UUID.self) }
        for id in gridCompanyIDs {
            try await GridCompanyDefaults.install(forGridCompany: id, on: database)
        }
    }

    func revert(on database: any Database) async throws {
        for table in ["attachments", "case_notes", "case_events", "cases", "case_number_counters",
                      "mandatory_field_rules", "job_types"] {
            try await database.schema(table).delete()
        }
        try await database.schema("organizations").deleteField("case_number_prefix").update()
    }
}

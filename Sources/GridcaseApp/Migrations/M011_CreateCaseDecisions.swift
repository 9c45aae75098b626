import Fluent
import SQLKit

/// The grid company's side of a case: every decision with who, when and why (`case_decisions`), the handler
/// a case is assigned to, and since when the case has had its status (for service levels).
struct M011_CreateCaseDecisions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("case_decisions")
            .id()
            .field("case_id", .uuid, .required, .references("cases", "id", onDelete: .cascade))
            .field("actor_id", .uuid, .required, .references("users", "id"))
            .field("at", .datetime, .required)
            .field("transition", .string, .required)
            .field("status_from", .string, .required)
            .field("status_to", .string, .required)
            // `CaseDecisionDetails` as JSON: the reason, the installationsmedgivande, the färdiganmälan...
            .field("details", .string, .required)
            .create()
        // One column per ALTER: SQLite adds only one at a time.
        try await database.schema("cases").field("assigned_handler_id", .uuid).update()
        try await database.schema("cases").field("status_changed_at", .datetime).update()
        let sql = database as! any SQLDatabase
        try await sql.raw("UPDATE cases SET status_changed_at = coalesce(submitted_at, updated_at)").run()
        try await sql.raw("CREATE INDEX case_decisions_case ON case_decisions (case_id, at)").run()
        try await sql.raw("CREATE INDEX cases_grid_status ON cases (grid_company_id, status, status_changed_at)").run()
        try await sql.raw("CREATE INDEX cases_assigned_handler ON cases (assigned_handler_id)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX cases_assigned_handler").run()
        try await sql.raw("DROP INDEX cases_grid_status").run()
        try await database.schema("cases").deleteField("assigned_handler_id").update()
        try await database.schema("cases").deleteField("status_changed_at").update()
        try await database.schema("case_decisions").delete()
    }
}

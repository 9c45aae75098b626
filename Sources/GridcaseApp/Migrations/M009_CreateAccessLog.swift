import Fluent
import SQLKit

/// The access log: one row for every display, search hit, print, reveal or export of a case's personal data.
/// Append-only: triggers refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL), so not even Gridcase itself
/// can change what was recorded. It holds references only, no personal data.
struct M009_CreateAccessLog: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("access_log")
            .id()
            .field("at", .datetime, .required)
            .field("user_id", .uuid, .required)
            .field("organization_id", .uuid, .required)
            // No foreign key: the log outlives deleted drafts and deactivated users.
            .field("case_id", .uuid)
            .field("action", .string, .required)
            .field("purpose", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX access_log_case ON access_log (case_id, at)").run()
        try await sql.raw("CREATE INDEX access_log_user ON access_log (user_id, at)").run()
        if sql.dialect.name == "sqlite" {
            for operation in ["UPDATE", "DELETE"] {
                try await sql.raw("""
                    CREATE TRIGGER access_log_no_\(unsafeRaw: operation.lowercased()) BEFORE \(unsafeRaw: operation) ON access_log
                    BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END
                    """).run()
            }
        } else {
            try await sql.raw("""
                CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'access_log is append-only'; END $$
                """).run()
            try await sql.raw("""
                CREATE TRIGGER access_log_no_change BEFORE UPDATE OR DELETE ON access_log
                FOR EACH ROW EXECUTE FUNCTION access_log_append_only()
                """).run()
            try await sql.raw("""
                CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
                FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only()
                """).run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await database.schema("access_log").delete()
        if sql.dialect.name != "sqlite" {
            try await sql.raw("DROP FUNCTION access_log_append_only()").run()
        }
    }
}

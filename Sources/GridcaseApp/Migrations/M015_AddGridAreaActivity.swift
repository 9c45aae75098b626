import Fluent
import SQLKit

/// A grid area can be taken out of use: no longer offered under Ny anmälan, still on the cases filed in it.
struct M015_AddGridAreaActivity: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("grid_areas").field("is_active", .bool, .required, .sql(.default(true))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("grid_areas").deleteField("is_active").update()
    }
}

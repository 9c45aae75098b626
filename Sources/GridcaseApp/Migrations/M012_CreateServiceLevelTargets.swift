import Fluent
import SQLKit

/// A grid company's service-level targets: working days per step (`ServiceLevelStep`). A step without a row
/// uses its default.
struct M012_CreateServiceLevelTargets: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("service_level_targets")
            .field("grid_company_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("step", .string, .required)
            .field("working_days", .int, .required)
            .compositeIdentifier(over: "grid_company_id", "step")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("service_level_targets").delete()
    }
}

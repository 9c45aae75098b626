import Fluent
import SQLKit

/// The embedded facility register, the log of lookups, and each grid company's choice of register.
struct M005_CreateFacilityRegister: AsyncMigration {
    static let partyColumns = ["kind", "name", "last_name", "first_name", "care_of", "street_address", "postal_code",
                               "city", "phone", "email"]

    func prepare(on database: any Database) async throws {
        var facilities = database.schema("facilities")
            .id()
            .field("grid_company_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("gsrn", .string, .required)
        for column in ["technical_number", "meter_number", "street_address", "postal_code", "city", "property_designation",
                       "grid_area_code", "main_fuse", "phases", "electricity_supplier"] {
            facilities = facilities.field(.string(column), .string)
        }
        for party in ["owner", "billing"] {
            for column in Self.partyColumns { facilities = facilities.field(.string("\(party)_\(column)"), .string) }
        }
        try await facilities
            .field("billing_invoice_reference", .string)
            .unique(on: "grid_company_id", "gsrn")
            .create()

        try await database.schema("facility_lookups")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("case_id", .uuid, .references("cases", "id", onDelete: .setNull))
            .field("grid_company_id", .uuid, .required, .references("organizations", "id"))
            .field("meter_number", .string)
            .field("gsrn", .string)
            .field("status_code", .int, .required)
            .field("at", .datetime, .required)
            .create()

        try await database.schema("organizations")
            .field("facility_register_url", .string)
            .update()
        try await database.schema("organizations")
            .field("facility_register_token", .string)
            .update()

        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX facilities_meter ON facilities (grid_company_id, meter_number)").run()
        try await sql.raw("CREATE INDEX facility_lookups_case ON facility_lookups (case_id, at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("facility_lookups").delete()
        try await database.schema("facilities").delete()
        try await database.schema("organizations").deleteField("facility_register_url").update()
        try await database.schema("organizations").deleteField("facility_register_token").update()
    }
}

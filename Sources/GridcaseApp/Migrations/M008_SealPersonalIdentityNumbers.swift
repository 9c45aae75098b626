import Fluent
import Foundation
import GridcaseDomain
import SQLKit

/// Personal identity numbers in a case's fields are stored sealed (see `PersonalDataCipher`): the key that
/// sealed them, and keyed hashes that let an exact number be searched. Values stored before this migration
/// stay readable and are sealed by `gridcase keys reencrypt` (run at every start) or their next save. The
/// history's copies of identity numbers are masked here.
struct M008_SealPersonalIdentityNumbers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        for column in ["personal_data_key", "owner_identity_hash", "billing_identity_hash"] {
            try await database.schema("cases").field(.string(column), .string).update()
        }
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX cases_owner_identity_hash ON cases (owner_identity_hash)").run()
        try await sql.raw("CREATE INDEX cases_billing_identity_hash ON cases (billing_identity_hash)").run()
        try await sql.raw("CREATE INDEX cases_personal_data_key ON cases (personal_data_key)").run()

        // The history kept identity numbers whole until now: keep only "YYYYMMDD-****" there.
        let events = try await sql.raw("SELECT id, changes FROM case_events WHERE changes LIKE '%identityNumber%'").all()
        for event in events {
            let changes = try JSONDecoder().decode([FieldChange].self, from: Data(try event.decode(column: "changes", as: String.self).utf8))
            let masked = String(decoding: try JSONEncoder().encode(changes.map(\.forHistory)), as: UTF8.self)
            try await sql.raw("UPDATE case_events SET changes = \(bind: masked) WHERE id = \(bind: try event.decode(column: "id", as: UUID.self))").run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for index in ["cases_owner_identity_hash", "cases_billing_identity_hash", "cases_personal_data_key"] {
            try await sql.raw("DROP INDEX \(ident: index)").run()
        }
        for column in ["personal_data_key", "owner_identity_hash", "billing_identity_hash"] {
            try await database.schema("cases").deleteField(.string(column)).update()
        }
    }
}

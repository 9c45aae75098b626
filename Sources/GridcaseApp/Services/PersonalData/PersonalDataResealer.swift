import Fluent
import Foundation
import SQLKit

/// Seals every case's personal identity numbers with the current key, in batches: after a key rotation, and
/// for values stored before sealing existed. A case saved by someone meanwhile is left alone (its save sealed
/// it with the current key already); its content and version never change here.
struct PersonalDataResealer {
    static let batchSize = 200

    let database: any Database
    let cipher: PersonalDataCipher

    /// How many cases were sealed again. `progress` hears the running count after every batch.
    @discardableResult
    func resealAll(progress: (Int) -> Void = { _ in }) async throws -> Int {
        let sql = database as! any SQLDatabase
        var total = 0
        var after: UUID?
        while true {
            let notCurrent: SQLQueryString = "(personal_data_key IS NULL OR personal_data_key <> \(bind: cipher.currentKeyID))"
            let rows = try await sql.raw(after.map { last in
                "SELECT id, fields, version FROM cases WHERE \(notCurrent) AND id > \(bind: last) ORDER BY id LIMIT \(unsafeRaw: String(Self.batchSize))"
            } ?? "SELECT id, fields, version FROM cases WHERE \(notCurrent) ORDER BY id LIMIT \(unsafeRaw: String(Self.batchSize))").all()
            guard !rows.isEmpty else { return total }
            try await database.transaction { db in
                let sql = db as! any SQLDatabase
                for row in rows {
                    let record = Case()
                    record.fieldsJSON = try row.decode(column: "fields", as: String.self)
                    try record.setFieldValues(try record.fieldValues(cipher), cipher)
                    try await sql.raw("""
                        UPDATE cases SET fields = \(bind: record.fieldsJSON), personal_data_key = \(bind: record.personalDataKey),
                          owner_identity_hash = \(bind: record.ownerIdentityHash), billing_identity_hash = \(bind: record.billingIdentityHash)
                        WHERE id = \(bind: try row.decode(column: "id", as: UUID.self))
                          AND version = \(bind: try row.decode(column: "version", as: Int.self))
                        """).run()
                }
            }
            total += rows.count
            progress(total)
            after = try rows.last?.decode(column: "id", as: UUID.self)
        }
    }
}

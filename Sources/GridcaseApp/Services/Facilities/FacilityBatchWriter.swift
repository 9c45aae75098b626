import Fluent
import Foundation
import GridcaseDomain
import SQLKit
import SQLiteNIO

/// Writes batches of facilities into one grid company's embedded register, upserting by anläggnings-ID: each
/// as its two lookup keys and its JSON document. On SQLite it binds values directly (the import's hot path:
/// 5.5 million rows for all of Sweden); on PostgreSQL it goes through SQLKit.
struct FacilityBatchWriter: Sendable {
    /// A facility ready to store: its keys and its document, made while the previous batch is written.
    struct Row: Sendable {
        let gsrn: String
        let meterNumber: String?
        let document: String

        init(_ record: FacilityRecord) {
            gsrn = record.gsrn
            meterNumber = record.meterNumber
            document = record.jsonDocument
        }
    }

    let database: any Database
    let gridCompanyID: UUID

    /// How many facilities the grid company's register holds (before and after an import tell how many were new).
    func count() async throws -> Int {
        let row = try await (database as! any SQLDatabase)
            .raw("SELECT count(*) AS n FROM \(ident: FacilityTable.name) WHERE grid_company_id = \(bind: gridCompanyID)")
            .first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Writes `batches` in one transaction (one sync to disk for all of them).
    func write(_ batches: [[Row]]) async throws {
        try await database.transaction { db in
            for rows in batches { try await upsert(rows, on: db) }
        }
    }

    /// Inserts new facilities and updates known ones. A facility twice in one batch is written once with its
    /// last row (PostgreSQL refuses to update a row twice in one statement).
    private func upsert(_ rows: [Row], on db: any Database) async throws {
        var latest: [String: Row] = [:]
        var order: [String] = []
        for row in rows where latest.updateValue(row, forKey: row.gsrn) == nil {
            order.append(row.gsrn)
        }
        let unique = order.map { latest[$0]! }
        if let sqlite = db as? any SQLiteDatabase {
            try await upsertOnSQLite(unique, on: sqlite)
        } else {
            try await upsertWithSQLKit(unique, on: db as! any SQLDatabase)
        }
    }

    private static let columns = ["grid_company_id", "gsrn", "meter_number", "record"]
    private static let conflictClause = " ON CONFLICT (grid_company_id, gsrn) DO UPDATE SET meter_number = excluded.meter_number, record = excluded.record"

    /// The INSERT statement for `count` rows.
    private static func sqliteInsert(rows count: Int) -> String {
        "INSERT INTO \(FacilityTable.name) (\(columns.joined(separator: ", "))) VALUES "
            + Array(repeating: "(?,?,?,?)", count: count).joined(separator: ",") + conflictClause
    }

    private static let fullBatchInsert = sqliteInsert(rows: FacilityImporter.batchSize)

    private func upsertOnSQLite(_ rows: [Row], on sqlite: any SQLiteDatabase) async throws {
        var binds: [SQLiteData] = []
        binds.reserveCapacity(rows.count * Self.columns.count)
        let company = SQLiteData.text(gridCompanyID.uuidString)
        for row in rows {
            binds.append(company)
            binds.append(.text(row.gsrn))
            binds.append(row.meterNumber.map(SQLiteData.text) ?? .null)
            binds.append(.text(row.document))
        }
        let query = rows.count == FacilityImporter.batchSize ? Self.fullBatchInsert : Self.sqliteInsert(rows: rows.count)
        _ = try await sqlite.query(query, binds)
    }

    private func upsertWithSQLKit(_ rows: [Row], on sql: any SQLDatabase) async throws {
        let insert = sql.insert(into: FacilityTable.name).columns(Self.columns)
        for row in rows {
            insert.values(SQLBind(gridCompanyID), SQLBind(row.gsrn), SQLBind(row.meterNumber), SQLBind(row.document))
        }
        try await insert
            .onConflict(with: ["grid_company_id", "gsrn"]) { $0.set(excludedValueOf: "meter_number").set(excludedValueOf: "record") }
            .run()
    }
}

import Fluent
import Foundation
import GridcaseDomain
import SQLKit
import SQLiteNIO

/// Writes batches of facilities into one grid company's embedded register, upserting by anläggnings-ID. On SQLite
/// it binds values directly (the import's hot path: 5.5 million rows for all of Sweden); on PostgreSQL it goes
/// through SQLKit.
struct FacilityBatchWriter: Sendable {
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
    func write(_ batches: [[FacilityRecord]], ids: SequentialUUIDs) async throws {
        try await database.transaction { db in
            var ids = ids
            for records in batches { try await upsert(records, ids: &ids, on: db) }
        }
    }

    /// Inserts new facilities and updates known ones. A facility twice in one batch is written once with its
    /// last row (PostgreSQL refuses to update a row twice in one statement).
    private func upsert(_ records: [FacilityRecord], ids: inout SequentialUUIDs, on db: any Database) async throws {
        var latest: [String: FacilityRecord] = [:]
        var order: [String] = []
        for record in records where latest.updateValue(record, forKey: record.gsrn) == nil {
            order.append(record.gsrn)
        }
        let rows = order.map { gsrn in (id: ids.next(), record: latest[gsrn]!) }
        if let sqlite = db as? any SQLiteDatabase {
            try await upsertOnSQLite(rows, on: sqlite)
        } else {
            try await upsertWithSQLKit(rows, on: db as! any SQLDatabase)
        }
    }

    private static let columns = ["id", "grid_company_id", "gsrn"] + FacilityTable.dataColumns
    private static let conflictUpdate = FacilityTable.dataColumns.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")

    /// The INSERT statement for `count` rows.
    private static func sqliteInsert(rows count: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        return "INSERT INTO \(FacilityTable.name) (\(columns.joined(separator: ", "))) VALUES "
            + Array(repeating: row, count: count).joined(separator: ",")
            + " ON CONFLICT (grid_company_id, gsrn) DO UPDATE SET \(conflictUpdate)"
    }

    private static let fullBatchInsert = sqliteInsert(rows: FacilityImporter.batchSize)

    private func upsertOnSQLite(_ rows: [(id: UUID, record: FacilityRecord)], on sqlite: any SQLiteDatabase) async throws {
        var binds: [SQLiteData] = []
        binds.reserveCapacity(rows.count * Self.columns.count)
        let company = SQLiteData.text(gridCompanyID.uuidString)
        for (id, record) in rows {
            binds.append(.text(id.uuidString))
            binds.append(company)
            binds.append(.text(record.gsrn))
            for value in FacilityTable.values(of: record) { binds.append(value.map(SQLiteData.text) ?? .null) }
        }
        let query = rows.count == FacilityImporter.batchSize ? Self.fullBatchInsert : Self.sqliteInsert(rows: rows.count)
        _ = try await sqlite.query(query, binds)
    }

    private func upsertWithSQLKit(_ rows: [(id: UUID, record: FacilityRecord)], on sql: any SQLDatabase) async throws {
        let insert = sql.insert(into: FacilityTable.name).columns(Self.columns)
        for (id, record) in rows {
            let values: [any Encodable & Sendable] = [id, gridCompanyID, record.gsrn] + FacilityTable.values(of: record)
            insert.values(values.map { SQLBind($0) })
        }
        try await insert
            .onConflict(with: ["grid_company_id", "gsrn"]) { update in
                for column in FacilityTable.dataColumns { update.set(excludedValueOf: column) }
                return update
            }
            .run()
    }
}

/// Ids that sort in the order they are made (the UUID version 7 layout: milliseconds, then a counter from a
/// random start), so that millions of inserts append to the primary-key index instead of landing all over it.
struct SequentialUUIDs: Sendable {
    private var high: UInt64
    private var low: UInt64

    init(now: Date = Date()) {
        var random = SystemRandomNumberGenerator()
        let milliseconds = UInt64(max(0, now.timeIntervalSince1970 * 1000)) & 0xFFFF_FFFF_FFFF
        high = milliseconds << 16 | 0x7000 | (random.next() & 0x0FFF)
        low = 0x8000_0000_0000_0000 | (random.next() & 0x0000_00FF_FFFF_FFFF)
    }

    mutating func next() -> UUID {
        low += 1
        let h = high.bigEndian, l = low.bigEndian
        return withUnsafeBytes(of: (h, l)) { bytes in
            UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                        bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        }
    }

    /// Skips the ids a writer used, so the next writer starts after them.
    mutating func skip(_ count: Int) { low += UInt64(count) }
}

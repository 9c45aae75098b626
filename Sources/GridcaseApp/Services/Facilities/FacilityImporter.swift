import CSV
import Fluent
import Foundation
import GridcaseDomain
import SQLKit
import Vapor

/// Imports a grid company's register from its CSV export: streaming, in batches, upserting by
/// anläggnings-ID. A bad row is reported and skipped whole; the rest is imported.
struct FacilityImporter {
    struct Summary: Equatable, Sendable {
        var added = 0
        var updated = 0
        var rejected = 0
        var rows: Int { added + updated + rejected }
    }

    enum ImportError: Error, CustomStringConvertible {
        case unreadable(String)
        case badHeader(String)
        var description: String {
            switch self {
            case .unreadable(let reason): "Filen kunde inte läsas: \(reason)"
            case .badHeader(let reason): "Fel rubrikrad. \(reason)"
            }
        }
    }

    /// Rows per INSERT; 34 parameters each stays well inside SQLite's and PostgreSQL's limits.
    static let batchSize = 500
    /// Batches per transaction: fewer commits (each one syncs to disk) without holding a lock for long.
    static let batchesPerTransaction = 10

    let database: any Database
    let gridCompanyID: UUID
    let areaCodes: Set<String>

    /// Reads the file at `path`. `rejectedRow` hears of every skipped row, `progress` of the count so far.
    func importFile(
        at path: String, rejectedRow: (FacilityCSV.RowError) -> Void, progress: (Summary) -> Void = { _ in }
    ) async throws -> Summary {
        guard let firstLine = try Self.firstLine(of: path) else { throw ImportError.unreadable("filen är tom") }
        let separator = FacilityCSV.separator(ofHeader: firstLine)
        guard let stream = InputStream(fileAtPath: path) else { throw ImportError.unreadable(path) }
        let reader = try CSVReader(stream: stream, hasHeaderRow: false, delimiter: separator.unicodeScalars.first!)
        guard let header = reader.next() else { throw ImportError.unreadable("ingen rubrikrad") }
        if let problem = FacilityCSV.checkHeader(header.map { $0.replacingOccurrences(of: "\u{FEFF}", with: "") }) {
            throw ImportError.badHeader(problem)
        }

        var summary = Summary()
        var line = 1
        var batch: [FacilityRecord] = []
        var pending: [[FacilityRecord]] = []
        func flush() async throws {
            if !batch.isEmpty { pending.append(batch); batch = [] }
            guard !pending.isEmpty else { return }
            let batches = pending
            pending = []
            let counts = try await database.transaction { db in
                var added = 0, updated = 0
                for records in batches {
                    let result = try await upsert(records, on: db as! any SQLDatabase)
                    added += result.added
                    updated += result.updated
                }
                return (added, updated)
            }
            summary.added += counts.0
            summary.updated += counts.1
            progress(summary)
        }

        while let fields = reader.next() {
            line += 1
            switch FacilityCSV.record(from: fields, line: line, knownAreaCodes: areaCodes) {
            case .success(let record):
                batch.append(record)
                if batch.count == Self.batchSize {
                    pending.append(batch)
                    batch = []
                    if pending.count == Self.batchesPerTransaction { try await flush() }
                }
            case .failure(let error):
                summary.rejected += 1
                rejectedRow(error)
            }
        }
        // The CSV reader reports the end of the stream as `cannotReadFile`; only an error before the end counts.
        if let error = reader.error {
            let reachedEnd: Bool
            if case CSVError.cannotReadFile = error { reachedEnd = !stream.hasBytesAvailable } else { reachedEnd = false }
            if !reachedEnd { throw ImportError.unreadable("\(error) efter rad \(line)") }
        }
        try await flush()
        return summary
    }

    /// Adds or updates these records (the demo data's few facilities).
    func importRecords(_ records: [FacilityRecord]) async throws -> Summary {
        let result = try await upsert(records, on: database as! any SQLDatabase)
        return Summary(added: result.added, updated: result.updated)
    }

    /// Inserts new facilities and updates known ones; a facility twice in one batch counts once added.
    private func upsert(_ records: [FacilityRecord], on sql: any SQLDatabase) async throws -> (added: Int, updated: Int) {
        var latest: [String: FacilityRecord] = [:]
        var order: [String] = []
        for record in records {
            if latest.updateValue(record, forKey: record.gsrn) == nil { order.append(record.gsrn) }
        }
        let existing = try await sql.select().column("gsrn").from(FacilityTable.name)
            .where("grid_company_id", .equal, gridCompanyID)
            .where("gsrn", .in, order)
            .all()
            .map { try $0.decode(column: "gsrn", as: String.self) }

        let insert = sql.insert(into: FacilityTable.name)
            .columns(["id", "grid_company_id", "gsrn"] + FacilityTable.dataColumns)
        for gsrn in order {
            guard let record = latest[gsrn] else { continue }
            let values: [any Encodable & Sendable] = [UUID(), gridCompanyID, gsrn] + FacilityTable.values(of: record)
            insert.values(values.map { SQLBind($0) })
        }
        try await insert
            .onConflict(with: ["grid_company_id", "gsrn"]) { update in
                for column in FacilityTable.dataColumns { update.set(excludedValueOf: column) }
                return update
            }
            .run()
        let updated = existing.count + (records.count - order.count)
        return (records.count - updated, updated)
    }

    /// The header line, read on its own to tell `;` from `,`.
    static func firstLine(of path: String) throws -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ImportError.unreadable(path) }
        defer { try? handle.close() }
        let data = handle.readData(ofLength: 4096)
        guard !data.isEmpty else { return nil }
        return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init)
    }
}

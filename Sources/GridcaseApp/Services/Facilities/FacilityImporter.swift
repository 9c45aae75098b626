import Fluent
import Foundation
import GridcaseDomain

/// Imports a grid company's register from its CSV export: streaming, in batches, upserting by
/// anläggnings-ID. A bad row is reported and skipped whole; the rest is imported. Memory stays bounded: one
/// chunk of the file and two groups of batches at a time.
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

    /// Rows per INSERT; 4 parameters each stays well inside SQLite's (32,766) and PostgreSQL's (65,535) limits.
    static let batchSize = 2000
    /// Batches per transaction: fewer commits (each one syncs to disk) without holding a lock for long.
    static let batchesPerTransaction = 5
    /// Bytes read from the file at a time.
    static let readSize = 1 << 20

    let database: any Database
    let gridCompanyID: UUID
    let areaCodes: Set<String>

    /// Reads the file at `path`. `rejectedRow` hears of every skipped row, `progress` of the rows read so far.
    /// While one group of batches is written, the next is read and checked (the two run on separate cores).
    /// Facilities new to the register count as added, the rest as updated (the register's size before and after
    /// tells them apart, so two imports into one register at once would blur that split, not the data).
    func importFile(
        at path: String, rejectedRow: (FacilityCSV.RowError) -> Void, progress: (Int) -> Void = { _ in }
    ) async throws -> Summary {
        guard let firstLine = try Self.firstLine(of: path) else { throw ImportError.unreadable("filen är tom") }
        guard let file = FileHandle(forReadingAtPath: path) else { throw ImportError.unreadable(path) }
        defer { try? file.close() }
        var parser = DelimitedTextParser(separator: FacilityCSV.separator(ofHeader: firstLine))
        let writer = FacilityBatchWriter(database: database, gridCompanyID: gridCompanyID)
        let countBefore = try await writer.count()
        var accepted = 0, rejected = 0
        var headerChecked = false
        var batch: [FacilityBatchWriter.Row] = []
        var pending: [[FacilityBatchWriter.Row]] = []
        var writing: Task<Void, any Error>?

        func take(_ row: DelimitedTextParser.Row) throws {
            guard headerChecked else {
                if let problem = FacilityCSV.checkHeader(row.fields) { throw ImportError.badHeader(problem) }
                headerChecked = true
                return
            }
            switch FacilityCSV.record(from: row, knownAreaCodes: areaCodes) {
            case .success(let record):
                batch.append(FacilityBatchWriter.Row(record))
                accepted += 1
                if batch.count == Self.batchSize {
                    pending.append(batch)
                    batch = []
                }
            case .failure(let error):
                rejected += 1
                rejectedRow(error)
            }
        }
        /// Waits for the write in flight, then starts writing what is pending.
        func write(all: Bool) async throws {
            if all, !batch.isEmpty { pending.append(batch); batch = [] }
            guard all || pending.count >= Self.batchesPerTransaction else { return }
            if let previous = writing {
                writing = nil
                try await previous.value
                progress(accepted + rejected)
            }
            guard !pending.isEmpty else { return }
            let batches = pending
            pending = []
            writing = Task { try await writer.write(batches) }
        }

        do {
            while let chunk = try file.read(upToCount: Self.readSize), !chunk.isEmpty {
                try chunk.withUnsafeBytes { raw in
                    try parser.consume(raw.bindMemory(to: UInt8.self), row: take)
                }
                try await write(all: false)
            }
            try parser.finish(row: take)
            guard headerChecked else { throw ImportError.unreadable("ingen rubrikrad") }
            try await write(all: true)
            if let last = writing { writing = nil; try await last.value; progress(accepted + rejected) }
        } catch {
            _ = try? await writing?.value // never leave a write running behind the caller's back
            if let error = error as? ImportError { throw error }
            throw ImportError.unreadable("\(error)")
        }
        let added = try await writer.count() - countBefore
        return Summary(added: added, updated: accepted - added, rejected: rejected)
    }

    /// Adds or updates these records (the demo data's few facilities).
    func importRecords(_ records: [FacilityRecord]) async throws -> Summary {
        let writer = FacilityBatchWriter(database: database, gridCompanyID: gridCompanyID)
        let countBefore = try await writer.count()
        try await writer.write([records.map(FacilityBatchWriter.Row.init)])
        let added = try await writer.count() - countBefore
        return Summary(added: added, updated: records.count - added)
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

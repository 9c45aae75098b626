import Foundation
import GridcaseDomain
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Vapor
// The C module of the SQLite library that SQLiteNIO compiles into the program (its functions are prefixed
// `sqlite_nio_`). sqlite-nio does not offer it as a product, but its module is visible to the packages that
// depend on sqlite-nio. It has to be this copy: a second SQLite library in one process would break SQLite's
// POSIX file locks, and with them the database.
import VaporCSQLite

/// What a register API lookup reads: the grid company's API token hash (one row per facility, or a single row
/// with no facility when nothing matched) and the facility's keys and stored document.
struct RegisterLookupRow: Sendable, Equatable {
    let apiTokenHash: String?
    let gsrn: String?
    let meterNumber: String?
    let record: String?
}

/// Answers the register API from read-only connections to the SQLite file that keep their two statements
/// prepared. One trip to the thread pool and back per lookup: no connection pool, no SQL to build or parse,
/// no row handed to the event loop one at a time (what Fluent's SQLite driver does). Connections are opened
/// when first needed, at most one per thread of the pool, and each is used by one thread at a time.
final class SQLiteRegisterReader: Sendable {
    private let path: String
    private let threadPool: NIOThreadPool
    private let idle = NIOLockedValueBox<[ReaderConnection]>([])

    init(path: String, threadPool: NIOThreadPool) {
        self.path = path
        self.threadPool = threadPool
    }

    /// At most two facilities of the grid company for `key`, each with the company's API token hash; a single
    /// row without a facility when none matched; no rows when there is no such grid company.
    func rows(gridCompanyID: UUID, key: FacilityLookupKey, on eventLoop: any EventLoop) -> EventLoopFuture<[RegisterLookupRow]> {
        threadPool.runIfActive(eventLoop: eventLoop) {
            let connection = try self.idle.withLockedValue { $0.popLast() } ?? ReaderConnection(path: self.path)
            defer { self.idle.withLockedValue { $0.append(connection) } }
            return try connection.rows(gridCompanyID: gridCompanyID, key: key)
        }
    }

    /// The register API's answer (see `EmbeddedFacilityRegister.document(for:authorizedByTokenHash:)`).
    func document(gridCompanyID: UUID, for key: FacilityLookupKey, authorizedByTokenHash tokenHash: String,
                  on eventLoop: any EventLoop, logger: Logger) -> EventLoopFuture<Result<String, FacilityLookupOutcome>?> {
        EmbeddedFacilityRegister.answer(rows(gridCompanyID: gridCompanyID, key: key, on: eventLoop),
                                        for: key, authorizedByTokenHash: tokenHash, logger: logger)
    }

    /// How often the idle connections' statements were prepared again: 0 while they stay prepared, as they should.
    func repreparations() -> Int {
        idle.withLockedValue { $0.reduce(0) { $0 + $1.repreparations } }
    }

    /// Closes the open connections (at shutdown).
    func close() {
        idle.withLockedValue { connections in
            connections.forEach { $0.close() }
            connections.removeAll()
        }
    }
}

extension Application {
    private struct RegisterReaderKey: StorageKey {
        typealias Value = SQLiteRegisterReader
    }

    /// The register API's reader when the database is SQLite; nil on PostgreSQL. Closed at shutdown.
    var registerReader: SQLiteRegisterReader? {
        get { storage[RegisterReaderKey.self] }
        set { storage.set(RegisterReaderKey.self, to: newValue) { $0.close() } }
    }
}

struct SQLiteReaderError: Error, CustomStringConvertible {
    let description: String
}

/// One read-only SQLite connection and its prepared statements. Not safe for two threads at once:
/// `SQLiteRegisterReader` hands each to one thread at a time.
private final class ReaderConnection: @unchecked Sendable {
    private var handle: OpaquePointer?
    private var byGSRN: OpaquePointer?
    private var byMeterNumber: OpaquePointer?

    /// The grid company's row leads, joined to its facilities, as in `EmbeddedFacilityRegister`.
    private static func sql(matching column: String) -> String {
        """
        SELECT o.register_api_token_hash, f.gsrn, f.meter_number, f.record FROM organizations o
        LEFT JOIN facility_records f ON f.grid_company_id = o.id AND \(column) = ?2
        WHERE o.id = ?1 AND o.kind = ?3 LIMIT 2
        """
    }

    init(path: String) throws {
        let status = sqlite_nio_sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
        guard status == SQLITE_OK else {
            defer { close() }
            throw error("Could not open the register (\(status))")
        }
        do {
            try check(sqlite_nio_sqlite3_busy_timeout(handle, Int32(SQLitePragmas.busyTimeoutMilliseconds)))
            try check(sqlite_nio_sqlite3_exec(handle, "PRAGMA cache_size = -\(SQLitePragmas.cacheKilobytes)", nil, nil, nil))
            byGSRN = try prepare(Self.sql(matching: "f.gsrn"))
            byMeterNumber = try prepare(Self.sql(matching: "f.meter_number"))
        } catch {
            close()
            throw error
        }
    }

    func rows(gridCompanyID: UUID, key: FacilityLookupKey) throws -> [RegisterLookupRow] {
        let statement = key.gsrn != nil ? byGSRN : byMeterNumber
        // Every parameter is bound anew below. Clearing the bindings as well would expire the statement and
        // make SQLite prepare it again on every step (the planner marks `column = ?` terms for re-planning).
        defer { sqlite_nio_sqlite3_reset(statement) }
        // Fluent stores UUIDs as their upper-case text.
        try bind(gridCompanyID.uuidString, at: 1, in: statement)
        try bind(key.gsrn?.normalized ?? key.meterNumber ?? "", at: 2, in: statement)
        try bind(OrganizationKind.gridCompany.rawValue, at: 3, in: statement)
        var rows: [RegisterLookupRow] = []
        while true {
            let status = sqlite_nio_sqlite3_step(statement)
            if status == SQLITE_DONE { return rows }
            guard status == SQLITE_ROW else { throw error("Could not read the register (\(status))") }
            rows.append(RegisterLookupRow(apiTokenHash: text(statement, 0), gsrn: text(statement, 1),
                                          meterNumber: text(statement, 2), record: text(statement, 3)))
        }
    }

    /// How often SQLite has had to prepare the statements again since they were prepared.
    var repreparations: Int {
        [byGSRN, byMeterNumber].reduce(0) { $0 + Int(sqlite_nio_sqlite3_stmt_status($1, SQLITE_STMTSTATUS_REPREPARE, 0)) }
    }

    func close() {
        sqlite_nio_sqlite3_finalize(byGSRN)
        sqlite_nio_sqlite3_finalize(byMeterNumber)
        sqlite_nio_sqlite3_close(handle)
        (byGSRN, byMeterNumber, handle) = (nil, nil, nil)
    }

    private func prepare(_ sql: String) throws -> OpaquePointer? {
        var statement: OpaquePointer?
        try check(sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil))
        return statement
    }

    /// SQLite's SQLITE_TRANSIENT (a C macro Swift cannot import): SQLite copies the bound text.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private func bind(_ value: String, at index: Int32, in statement: OpaquePointer?) throws {
        try check(sqlite_nio_sqlite3_bind_text64(statement, index, value, UInt64(value.utf8.count), Self.transient, UInt8(SQLITE_UTF8)))
    }

    private func text(_ statement: OpaquePointer?, _ column: Int32) -> String? {
        guard sqlite_nio_sqlite3_column_type(statement, column) != SQLITE_NULL,
              let bytes = sqlite_nio_sqlite3_column_text(statement, column) else { return nil }
        let count = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    private func check(_ status: Int32) throws {
        guard status == SQLITE_OK else { throw error("SQLite error \(status)") }
    }

    private func error(_ context: String) -> SQLiteReaderError {
        let message = handle.flatMap { sqlite_nio_sqlite3_errmsg($0) }.map { String(cString: $0) } ?? ""
        return SQLiteReaderError(description: "\(context): \(message)")
    }
}

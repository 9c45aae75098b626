import FluentSQLiteDriver
import Foundation
import SQLKit
import Testing
@testable import GridcaseApp

@Suite struct SQLiteSettingsTests {
    static var onSQLite: Bool { (ProcessInfo.processInfo.environment["TEST_DATABASE_URL"] ?? "").isEmpty }

    @Test(.enabled(if: onSQLite, "the SQLite settings only apply to SQLite"))
    func everyConnectionHasWALFullSyncForeignKeysAndAFiniteBusyTimeout() async throws {
        try await TestApp.run { t in
            for eventLoop in t.app.eventLoopGroup.makeIterator() {
                let db = t.app.databases.database(.sqlite, logger: t.app.logger, on: eventLoop)!
                let sql = db as! any SQLDatabase
                func pragma(_ name: String) async throws -> String {
                    let row = try #require(try await sql.raw("PRAGMA \(unsafeRaw: name)").first())
                    let column = try #require(row.allColumns.first)
                    if let text = try? row.decode(column: column, as: String.self) { return text }
                    return String(try row.decode(column: column, as: Int.self))
                }
                let journalMode = try await pragma("journal_mode")
                let synchronous = try await pragma("synchronous")
                let foreignKeys = try await pragma("foreign_keys")
                let busyTimeout = try await pragma("busy_timeout")
                #expect(journalMode == "wal")
                #expect(synchronous == "2")
                #expect(foreignKeys == "1")
                #expect(busyTimeout == String(SQLitePragmas.busyTimeoutMilliseconds))
            }
        }
    }
}

import FluentSQLiteDriver
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import GridcaseApp

/// A Gridcase application on a fresh database of its own, loaded with the demo data, with a clock that
/// stands still. SQLite by default; PostgreSQL when TEST_DATABASE_URL names one on this machine.
struct TestApp {
    let app: Application
    let clock: FakeClock
    let config: AppConfig

    static let start = Date(timeIntervalSince1970: 1_795_000_000) // 2026-11-18, a Wednesday

    /// Runs `body` with a migrated, demo-loaded application and tears everything down afterwards.
    static func run(logLevel: Logger.Level = .warning, _ body: (TestApp) async throws -> Void) async throws {
        LogCapture.installed
        let database = try TestDatabase.make()
        var config = try AppConfig.fromEnvironment([:])
        config.database = database.location
        config.bcryptCost = 4
        // Tests run in parallel, each app with its own pool: two connections per event loop keep the whole
        // run well under the test PostgreSQL's max_connections (a CI run once hit "too many clients").
        config.databasePoolSize = 2
        config.personalDataKeys = .inline(json: String(decoding: try JSONEncoder().encode(PersonalDataKeySet.generated(now: start)), as: UTF8.self))
        config.logLevel = logLevel
        let clock = FakeClock(start)

        let app = try await Application.make(.testing)
        app.directory = DirectoryConfiguration(workingDirectory: TestApp.packageRoot)
        do {
            try await configure(app, config: config, clock: clock)
            try await app.asyncBoot()
            try await app.autoMigrate()
            try await DemoData.loadIfEmpty(on: app.db, hasher: app.password.async, clock: clock)
            try await body(TestApp(app: app, clock: clock, config: config))
        } catch {
            try? await database.drop(app)
            try? await app.asyncShutdown()
            database.removeFiles()
            throw error
        }
        try await database.drop(app)
        try await app.asyncShutdown()
        database.removeFiles()
    }

    static let packageRoot: String = {
        // Tests/GridcaseAppTests/Support/TestApp.swift -> package root
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path + "/"
    }()

    var sql: any SQLDatabase { app.db as! any SQLDatabase }

    /// A new browser with an empty cookie jar.
    func browser() -> Browser { Browser(app: app) }

    /// A browser signed in as the demo user with this e-mail.
    func signedIn(_ email: String) async throws -> Browser {
        let browser = browser()
        let response = try await browser.login(email: email, password: DemoData.password)
        #expect(response.status == .seeOther, "sign-in as \(email) failed")
        return browser
    }
}

/// Where a test's database lives and how it is removed.
struct TestDatabase {
    let location: AppConfig.DatabaseLocation
    let sqlitePath: String?

    static func make() throws -> TestDatabase {
        if let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !url.isEmpty {
            try refuseNonLocal(url)
            let schema = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            return TestDatabase(location: .postgres(url: url, schema: schema), sqlitePath: nil)
        }
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("gridcase-test-\(UUID().uuidString)/gridcase.sqlite").path
        return TestDatabase(location: .sqlite(path: path), sqlitePath: path)
    }

    /// Tests drop what they create: they must never point at a server elsewhere.
    static func refuseNonLocal(_ url: String) throws {
        let host = URLComponents(string: url)?.host ?? ""
        guard ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host) else {
            throw TestDatabaseError.notLocal(host: host)
        }
    }

    func drop(_ app: Application) async throws {
        if case .postgres(_, let schema?) = location {
            let sql = app.db as! any SQLDatabase
            try await sql.raw("DROP SCHEMA \(ident: schema) CASCADE").run()
        }
    }

    func removeFiles() {
        guard let sqlitePath else { return }
        try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: sqlitePath).deletingLastPathComponent().path)
    }
}

enum TestDatabaseError: Error, CustomStringConvertible {
    case notLocal(host: String)
    var description: String { "TEST_DATABASE_URL must point at this machine, not '\(host)'" }
    private var host: String { if case .notLocal(let host) = self { host } else { "" } }
}

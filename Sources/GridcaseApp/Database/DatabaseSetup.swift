import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import SQLKit
import Vapor

/// Connects Fluent to SQLite (the embedded default) or PostgreSQL, as configured.
enum DatabaseSetup {
    static func configure(_ app: Application, _ config: AppConfig) throws {
        switch config.database {
        case .sqlite(let path):
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            app.databases.use(.sqlite(.file(path), sqlLogLevel: .trace), as: .sqlite)
            app.lifecycle.use(SQLitePragmas())
            app.registerReader = SQLiteRegisterReader(path: path, threadPool: app.threadPool)
        case .postgres(let url, let schema):
            var postgres = try SQLPostgresConfiguration(url: url)
            if let schema {
                postgres.searchPath = [schema]
                app.lifecycle.use(PostgresSchema(name: schema))
            }
            app.databases.use(
                .postgres(configuration: postgres, maxConnectionsPerEventLoop: config.databasePoolSize,
                          // Queries carry personal data in their values: log them only when tracing.
                          sqlLogLevel: .trace),
                as: .psql
            )
        }
        app.migrations.add(AppMigrations.all)
    }
}

/// SQLite settings that belong to each connection. The SQLite driver keeps one connection per event loop
/// and has no hook for new connections, so they are applied to every loop's connection at boot.
/// `busy_timeout` also replaces the driver's own busy handler, which would retry forever.
struct SQLitePragmas: LifecycleHandler {
    static let busyTimeoutMilliseconds = 5000
    static let cacheKilobytes = 32 * 1024

    func willBootAsync(_ app: Application) async throws {
        for eventLoop in app.eventLoopGroup.makeIterator() {
            let database = app.databases.database(.sqlite, logger: app.logger, on: eventLoop)!
            try await database.withConnection { connection in
                let sql = connection as! any SQLDatabase
                // WAL lets readers and one writer work at once; it is stored in the file.
                try await sql.raw("PRAGMA journal_mode = WAL").run()
                try await sql.raw("PRAGMA synchronous = FULL").run()
                try await sql.raw("PRAGMA foreign_keys = ON").run()
                // Deleted and overwritten content is zeroed, so no old personal data lingers in free pages.
                try await sql.raw("PRAGMA secure_delete = ON").run()
                // 32 MB of page cache per connection instead of 2 MB: the facility register's indexes stay in memory.
                try await sql.raw("PRAGMA cache_size = -\(unsafeRaw: String(Self.cacheKilobytes))").run()
                try await sql.raw("PRAGMA busy_timeout = \(unsafeRaw: String(Self.busyTimeoutMilliseconds))").run()
            }
        }
    }
}

/// Creates the configured PostgreSQL schema before anything uses it.
struct PostgresSchema: LifecycleHandler {
    let name: String

    func willBootAsync(_ app: Application) async throws {
        let sql = app.db(.psql) as! any SQLDatabase
        try await sql.raw("CREATE SCHEMA IF NOT EXISTS \(ident: name)").run()
    }
}

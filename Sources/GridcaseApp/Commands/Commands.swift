import Fluent
import Vapor

/// The `gridcase` command line. With no command, `start` runs.
enum Commands {
    static func register(_ app: Application) {
        app.asyncCommands.use(StartCommand(), as: "start", isDefault: true)
        app.asyncCommands.use(MigrateDatabaseCommand(), as: "migrate")
        app.asyncCommands.use(SeedDemoCommand(), as: "seed-demo")
        app.asyncCommands.use(UserCommands(), as: "user")
        app.asyncCommands.use(FacilityCommands(), as: "facilities")
        app.asyncCommands.use(KeyCommands(), as: "keys")
        app.asyncCommands.use(PersonalDataCommands(), as: "personal-data")
    }
}

/// `start`: what `gridcase` without arguments does. Ready to try on a fresh checkout.
struct StartCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    let signature = Signature()
    let help = "Default when no command is given: migrates the database, loads demo data into an empty one, prints the URL and demo logins, and serves."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await MigrateDatabaseCommand.migrate(app, console: context.console)
        // Values stored before sealing existed, or under a key since rotated away from, are sealed now.
        try await PersonalDataResealer(database: app.db, cipher: app.personalData).resealAll()
        let loaded = try await DemoData.loadIfEmpty(on: app.db, hasher: app.password.async, clock: app.clock)
        if loaded { context.console.print("Demodata inlästa.") }
        if try await User.query(on: app.db).filter(\.$email == DemoData.logins[0].email).count() > 0 {
            context.console.print(DemoData.loginSummary(publicURL: app.appConfig.publicURL))
        } else {
            context.console.print("Gridcase körs på \(app.appConfig.publicURL)")
        }
        // Finished cases past the retention period lose their personal data now and then once a day.
        let retention = RetentionSchedule()
        app.lifecycle.use(retention)
        retention.start(app)
        if let dispatcher = app.outboxDispatcher(), let smtp = app.appConfig.smtp {
            let worker = OutboxWorker()
            app.lifecycle.use(worker)
            worker.start(dispatcher, logger: app.logger)
            context.console.print("E-post skickas via \(smtp.host):\(smtp.port).")
        } else {
            context.console.print("E-post skickas inte (SMTP_HOST saknas): meddelandena samlas i utkorgen, /system/outbox.")
        }
        guard let serve = app.asyncCommands.commands["serve"] else { return }
        var serveContext = context
        serveContext.input = CommandInput(arguments: [context.input.executable])
        try await serve.run(using: &serveContext)
    }
}

/// `migrate`: applies every migration not yet applied, without asking.
struct MigrateDatabaseCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    let signature = Signature()
    let help = "Applies the database migrations that have not been applied yet."

    func run(using context: CommandContext, signature: Signature) async throws {
        try await Self.migrate(context.application, console: context.console)
    }

    static func migrate(_ app: Application, console: any Console) async throws {
        try await app.migrator.setupIfNeeded().get()
        let pending = try await app.migrator.previewPrepareBatch().get()
        guard !pending.isEmpty else { return }
        try await app.migrator.prepareBatch().get()
        console.print("Migrerade databasen: \(pending.map(\.0.name).joined(separator: ", "))")
    }
}

/// `seed-demo`: loads the demo companies and users into an empty database.
struct SeedDemoCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    let signature = Signature()
    let help = "Loads demo companies and users into an empty database and prints the demo logins."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await MigrateDatabaseCommand.migrate(app, console: context.console)
        guard try await DemoData.loadIfEmpty(on: app.db, hasher: app.password.async, clock: app.clock) else {
            context.console.error("Databasen innehåller redan organisationer; demodata lästes inte in.")
            throw ExitCode.failure
        }
        context.console.print(DemoData.loginSummary(publicURL: app.appConfig.publicURL))
    }
}

enum ExitCode: Error, CustomStringConvertible {
    case failure
    var description: String { "The command failed." }
}

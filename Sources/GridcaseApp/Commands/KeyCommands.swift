import Foundation
import Vapor

/// `gridcase keys rotate|reencrypt`: the keys that seal personal identity numbers.
struct KeyCommands: AsyncCommandGroup {
    let commands: [String: any AnyAsyncCommand] = [
        "rotate": RotateKeyCommand(),
        "reencrypt": ReencryptCommand(),
    ]
    let help = "Rotates the key that seals personal identity numbers, or seals them again with the current key."
}

struct RotateKeyCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    let signature = Signature()
    let help = "Adds a new current key to the key file (the old ones stay to read older values) and seals every case with it."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard case .file(let path) = app.appConfig.personalDataKeys else {
            context.console.error("Nycklarna kommer från ENCRYPTION_KEYS: lägg till en ny nyckel där, gör den till \"current\" och kör `gridcase keys reencrypt`.")
            throw ExitCode.failure
        }
        try await MigrateDatabaseCommand.migrate(app, console: context.console)
        let rotated = try PersonalDataKeyStore.load(.file(path: path), now: app.clock.now(), logger: app.logger).rotated(now: app.clock.now())
        try PersonalDataKeyStore.save(rotated, to: path)
        app.personalData = try PersonalDataCipher(rotated)
        context.console.print("Ny nyckel \(rotated.current) i \(path).")
        try await ReencryptCommand.reseal(app, console: context.console)
    }
}

struct ReencryptCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    let signature = Signature()
    let help = "Seals every case's personal identity numbers with the current key, in batches."

    func run(using context: CommandContext, signature: Signature) async throws {
        try await MigrateDatabaseCommand.migrate(context.application, console: context.console)
        try await Self.reseal(context.application, console: context.console)
    }

    static func reseal(_ app: Application, console: any Console) async throws {
        let count = try await PersonalDataResealer(database: app.db, cipher: app.personalData).resealAll { total in
            if total % 10_000 == 0 { console.print("… \(total) ärenden") }
        }
        console.print("Klart: \(count) ärenden förseglade med nyckeln \(app.personalData.currentKeyID).")
    }
}

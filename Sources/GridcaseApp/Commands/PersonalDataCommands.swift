import Fluent
import Foundation
import GridcaseDomain
import NIOConcurrencyHelpers
import Vapor

/// `gridcase personal-data export|erase|retention`: a person's rights and the retention period.
struct PersonalDataCommands: AsyncCommandGroup {
    let commands: [String: any AnyAsyncCommand] = [
        "export": ExportPersonCommand(),
        "erase": ErasePersonCommand(),
        "retention": RetentionCommand(),
        "unusual-access": UnusualAccessCommand(),
    ]
    let help = "Exports or erases what Gridcase stores about a person; pseudonymises finished cases past the retention period."
}

/// The options that name a person.
struct PersonSignature: CommandSignature {
    @Option(name: "personnummer", help: "Personnummer or organisationsnummer.")
    var identityNumber: String?
    @Option(name: "email", help: "E-mail address.")
    var email: String?
    @Option(name: "name", help: "Last name, or a company's name, exactly as stored.")
    var name: String?
    @Option(name: "by", help: "The e-mail of the admin who asks (recorded in the access log).")
    var by: String?

    init() {}

    func person(_ console: any Console) throws -> PersonalDataRights.Person {
        let named = PersonalDataRights.Person.named(identityNumber: identityNumber, email: email, name: name)
        guard let person = named.person else {
            console.error((named.problem ?? "") + " (--personnummer, --email, --name)")
            throw ExitCode.failure
        }
        return person
    }
}

extension Application {
    var personalDataRights: PersonalDataRights { PersonalDataRights(database: db, cipher: personalData, clock: clock) }
}

struct ExportPersonCommand: AsyncCommand {
    let signature = PersonSignature()
    let help = "Prints everything stored about a person as JSON, with who saw it when and why; the export is logged."

    func run(using context: CommandContext, signature: PersonSignature) async throws {
        let app = context.application
        let person = try signature.person(context.console)
        guard let email = signature.by, let admin = try await User.query(on: app.db).filter(\.$email == email.lowercased()).first(),
              admin.isActive, AccessPolicy.isAllowed(admin.role, .answerDataSubjectRequests, .ownOrganization) else {
            context.console.error("Ange --by med e-postadressen till en administratör: exporten loggas i hennes eller hans namn.")
            throw ExitCode.failure
        }
        context.console.output(try await app.personalDataRights.export(person, requestedBy: admin).consoleText())
    }
}

struct ErasePersonCommand: AsyncCommand {
    let signature = PersonSignature()
    let help = "Pseudonymises a person's data in their closed and cancelled cases; cases still in progress are listed, not changed."

    func run(using context: CommandContext, signature: PersonSignature) async throws {
        // The operator's command: every organisation's cases.
        let erasure = try await context.application.personalDataRights.erase(try signature.person(context.console), organizationID: nil)
        context.console.print("Personuppgifterna borttagna ur \(erasure.erased) avslutade eller makulerade ärenden.")
        for caseNumber in erasure.inProgress {
            context.console.warning("\(caseNumber) pågår och ändrades inte.")
        }
        for caseNumber in erasure.failed {
            context.console.error("\(caseNumber) kunde inte rensas och har kvar sina uppgifter; försök igen.")
        }
    }
}

struct RetentionCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    let signature = Signature()
    let help = "Pseudonymises the personal data of closed and cancelled cases older than RETENTION_MONTHS."

    func run(using context: CommandContext, signature: Signature) async throws {
        try await MigrateDatabaseCommand.migrate(context.application, console: context.console)
        let count = try await Self.apply(context.application)
        context.console.print("Gallring: personuppgifterna borttagna ur \(count) ärenden äldre än \(context.application.appConfig.retentionMonths) månader.")
    }

    static func apply(_ app: Application) async throws -> Int {
        let rights = app.personalDataRights
        return try await rights.pseudonymise(try await rights.casesPastRetention(months: app.appConfig.retentionMonths)).count
    }
}

struct UnusualAccessCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "days", help: "The window to check, in days back from now (default 1).")
        var days: Int?
    }

    let signature = Signature()
    let help = "Lists unusual access in the access log: users who saw far more cases than usual, and cases outside their organisation's."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let findings = try await UnusualAccessReport(database: app.db, clock: app.clock).findings(days: max(1, signature.days ?? 1))
        guard !findings.isEmpty else {
            context.console.print("Inga ovanliga åtkomster.")
            return
        }
        for finding in findings {
            let user = try await User.query(on: app.db).filter(\.$id == finding.userID).with(\.$organization).first()
            let who = user.map { "\($0.name) <\($0.email)>, \($0.organization.name)" } ?? finding.userID.uuidString
            switch finding.kind {
            case .manyCases(let cases, let usual):
                context.console.warning("\(who): \(cases) ärenden, mot i snitt \(String(format: "%.1f", usual)) om dagen tidigare.")
            case .outsideOrganization(let caseID):
                let number = try await Case.find(caseID, on: app.db)?.caseNumber ?? caseID.uuidString
                context.console.warning("\(who): åtkomst till \(number), som inte hör till organisationens ärenden.")
            }
        }
    }
}

/// Runs the retention job once a day while the server runs (started by `gridcase start`).
struct RetentionSchedule: LifecycleHandler {
    static let interval: Duration = .seconds(24 * 3600)
    let task: NIOLockedValueBox<Task<Void, Never>?> = .init(nil)

    func start(_ app: Application) {
        task.withLockedValue { $0 = Task {
            while !Task.isCancelled {
                do {
                    let count = try await RetentionCommand.apply(app)
                    app.logger.info("Retention ran", metadata: ["cases": .stringConvertible(count)])
                } catch let failed as PseudonymisationFailed {
                    // Case ids and error types only.
                    app.logger.error("Retention left cases with their personal data", metadata: [
                        "cases": .stringConvertible(failed.pseudonymised.count), "failed": .string(failed.description),
                    ])
                } catch {
                    app.logger.error("Retention failed", metadata: ["error": .string(String(describing: type(of: error)))])
                }
                try? await Task.sleep(for: Self.interval)
            }
        } }
    }

    func shutdown(_ application: Application) {
        task.withLockedValue { $0?.cancel() }
    }
}

private extension String {
    func consoleText() -> ConsoleText { ConsoleText(stringLiteral: self) }
}

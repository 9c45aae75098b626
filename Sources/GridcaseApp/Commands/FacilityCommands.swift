import Fluent
import GridcaseDomain
import Vapor

/// `facilities import` and `facilities connector`: a grid company's facility register.
struct FacilityCommands: AsyncCommandGroup {
    let help = "The grid companies' facility registers: `facilities import`, `facilities connector`, `facilities api-token`."
    let commands: [String: any AnyAsyncCommand] = [
        "import": ImportFacilitiesCommand(),
        "connector": FacilityConnectorCommand(),
        "api-token": RegisterAPITokenCommand(),
    ]

    /// A grid company named by its id or its organisationsnummer.
    static func gridCompany(_ reference: String, on db: any Database) async throws -> Organization? {
        let query = Organization.query(on: db).filter(\.$kind == .gridCompany)
        if let id = UUID(uuidString: reference) { return try await query.filter(\.$id == id).first() }
        guard let number = try? OrganizationNumber(parsing: reference) else { return nil }
        return try await query.filter(\.$organizationNumber == number.normalized).first()
    }

    /// The grid company the command names, or a message and a failed exit.
    static func requireGridCompany(_ reference: String?, _ context: CommandContext) async throws -> Organization {
        guard let company = try await gridCompany(reference ?? "", on: context.application.db) else {
            context.console.error("Inget nätbolag med id eller organisationsnummer '\(reference ?? "")'.")
            throw ExitCode.failure
        }
        return company
    }
}

struct ImportFacilitiesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "grid-company", help: "The grid company's id or organisationsnummer.")
        var gridCompany: String?
        @Argument(name: "file", help: "The CSV export (UTF-8, ; or , separated; columns in docs/facility-register.md).")
        var file: String
    }

    let signature = Signature()
    let help = "Imports a facility register CSV, adding new facilities and updating known ones by anläggnings-ID."
    static let progressEvery = 100_000

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let company = try await FacilityCommands.requireGridCompany(signature.gridCompany, context)
        let companyID = try company.requireID()
        let areas = try await GridArea.query(on: app.db).filter(\.$gridCompany.$id == companyID).all()
        let importer = FacilityImporter(database: app.db, gridCompanyID: companyID, areaCodes: Set(areas.map(\.code)))
        let console = context.console
        var nextReport = Self.progressEvery
        let started = Date()
        do {
            let summary = try await importer.importFile(at: signature.file, rejectedRow: { error in
                console.warning("Rad \(error.line) hoppades över: \(error.reason)")
            }, progress: { rows in
                guard rows >= nextReport else { return }
                nextReport = rows + Self.progressEvery
                console.print("… \(rows) rader lästa (\(Int(Date().timeIntervalSince(started))) s)")
            })
            console.print("Klart för \(company.name): \(summary.added) tillagda, \(summary.updated) uppdaterade, \(summary.rejected) avvisade.")
        } catch let error as FacilityImporter.ImportError {
            console.error(error.description)
            throw ExitCode.failure
        }
    }
}

struct FacilityConnectorCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "grid-company", help: "The grid company's id or organisationsnummer.")
        var gridCompany: String?
        @Option(name: "url", help: "The base URL of the grid company's register (its /installations answers lookups).")
        var url: String?
        @Flag(name: "token-stdin", help: "Read the bearer token from the first line of standard input.")
        var tokenFromStandardInput: Bool
        @Flag(name: "embedded", help: "Use the embedded register again.")
        var embedded: Bool
    }

    let signature = Signature()
    let help = "Points a grid company's lookups at its own register over HTTP, or back at the embedded one."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let company = try await FacilityCommands.requireGridCompany(signature.gridCompany, context)
        if signature.embedded {
            company.facilityRegisterURL = nil
            company.facilityRegisterToken = nil
        } else {
            guard let raw = signature.url, let url = URL(string: raw), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                context.console.error("Ange --url med en http- eller https-adress, eller --embedded.")
                throw ExitCode.failure
            }
            company.facilityRegisterURL = raw
            company.facilityRegisterToken = signature.tokenFromStandardInput ? readLine(strippingNewline: true) : nil
        }
        try await company.update(on: app.db)
        context.console.print("\(company.name) använder nu \(company.facilityRegisterURL ?? "det inbyggda registret").")
    }
}

struct RegisterAPITokenCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "grid-company", help: "The grid company's id or organisationsnummer.")
        var gridCompany: String?
        @Flag(name: "revoke", help: "Remove the token: the register can no longer be read over the API.")
        var revoke: Bool
    }

    let signature = Signature()
    let help = "Creates (or revokes) the bearer token that reads a grid company's embedded register over the API; prints it once."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let company = try await FacilityCommands.requireGridCompany(signature.gridCompany, context)
        let token = signature.revoke ? nil : SecureToken.generate()
        company.registerAPITokenHash = token.map(SecureToken.hash)
        try await company.update(on: app.db)
        guard let token else {
            context.console.print("API-nyckeln för \(company.name) är borttagen.")
            return
        }
        let path = SitePath.apiInstallations(.value(try company.requireID())).relative
        context.console.print("API-nyckel för \(company.name) (visas bara nu, spara den säkert):")
        context.console.print(token)
        context.console.print("Fråga: GET \(app.appConfig.publicURL)\(path)?meterNumber=… med Authorization: Bearer <nyckel>")
    }
}

import Fluent
import GridcaseDomain
import Vapor

/// `user create` and `user set-password`. Passwords are asked for (hidden) or read from standard input
/// with `--password-stdin`, never given as arguments, so they stay out of shell history and process lists.
struct UserCommands: AsyncCommandGroup {
    let help = "Manages user accounts: `user create`, `user set-password`."
    let commands: [String: any AnyAsyncCommand] = [
        "create": CreateUserCommand(),
        "set-password": SetPasswordCommand(),
    ]
}

struct CreateUserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "organization", help: "The organisation's organisationsnummer, e.g. 556712-3459.")
        var organization: String?
        @Option(name: "name", help: "The user's full name.")
        var name: String?
        @Option(name: "email", help: "The e-mail address, used to sign in.")
        var email: String?
        @Option(name: "phone", help: "Phone number (optional).")
        var phone: String?
        @Option(name: "role", help: "installer, installerAdmin, caseHandler, gridAdmin or systemAdmin.")
        var role: String?
        @Option(name: "authorization-number", help: "An installer's authorisation number (optional).")
        var authorizationNumber: String?
        @Flag(name: "password-stdin", help: "Read the password from the first line of standard input.")
        var passwordFromStandardInput: Bool
    }

    let signature = Signature()
    let help = "Creates a user in an organisation; asks for the password."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let orgNumber = try OrganizationNumber(parsing: signature.organization ?? "").normalized
        guard let organization = try await Organization.query(on: app.db)
            .filter(\.$organizationNumber == orgNumber).first()
        else {
            context.console.error("Ingen organisation har organisationsnummer \(orgNumber).")
            throw ExitCode.failure
        }
        let password = readPassword(context, fromStandardInput: signature.passwordFromStandardInput,
                                    prompt: "Lösenord (minst \(PasswordRules.minimumLength) tecken):")
        let input = NewUserInput(
            name: signature.name ?? "", email: signature.email ?? "", phone: signature.phone ?? "",
            role: signature.role ?? "", authorizationNumber: signature.authorizationNumber ?? "", password: password
        )
        do {
            let accounts = UserAccounts(database: app.db, hasher: app.password.async, clock: app.clock)
            let user = try await accounts.create(input, in: organization).user
            context.console.print("Skapade \(user.email) (\(user.role.swedishName)) i \(organization.name).")
        } catch let errors as FieldErrors {
            for (field, message) in errors.messages.sorted(by: { $0.key < $1.key }) {
                context.console.error("\(field): \(message)")
            }
            throw ExitCode.failure
        }
    }
}

struct SetPasswordCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "email", help: "The user's e-mail address.")
        var email: String
        @Flag(name: "password-stdin", help: "Read the password from the first line of standard input.")
        var passwordFromStandardInput: Bool
    }

    let signature = Signature()
    let help = "Sets a new password for a user (asks for it) and ends the user's sessions."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let email = signature.email.trimmingCharacters(in: .whitespaces).lowercased()
        guard let user = try await User.query(on: app.db).filter(\.$email == email).first() else {
            context.console.error("Ingen användare har e-postadressen \(email).")
            throw ExitCode.failure
        }
        let password = readPassword(context, fromStandardInput: signature.passwordFromStandardInput,
                                    prompt: "Nytt lösenord (minst \(PasswordRules.minimumLength) tecken):")
        do {
            let accounts = UserAccounts(database: app.db, hasher: app.password.async, clock: app.clock)
            try await accounts.setPassword(password, for: user)
            context.console.print("Lösenordet för \(email) är ändrat.")
        } catch let errors as FieldErrors {
            context.console.error(errors.messages.values.joined(separator: " "))
            throw ExitCode.failure
        }
    }
}

/// The password from standard input's first line, or asked for without echo.
private func readPassword(_ context: CommandContext, fromStandardInput: Bool, prompt: String) -> String {
    if fromStandardInput { return readLine(strippingNewline: true) ?? "" }
    return context.console.ask(prompt.consoleText(), isSecure: true)
}

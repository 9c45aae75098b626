import Fluent
import GridcaseDomain
import Vapor

/// Creating users, changing passwords and (de)activating accounts: shared by the admin pages and the
/// `user` commands.
struct UserAccounts {
    let database: any Database
    let hasher: AsyncPasswordHasher
    let clock: any AppClock

    /// Creates the user, or throws `FieldErrors` when a field is bad or the e-mail is taken.
    func create(_ input: NewUserInput, in organization: Organization) async throws -> User {
        let newUser: NewUser
        switch input.validate(organizationKind: organization.kind) {
        case .success(let valid): newUser = valid
        case .failure(let errors): throw errors
        }
        let taken = try await User.query(on: database).filter(\.$email == newUser.email.normalized).count() > 0
        if taken {
            throw FieldErrors(["email": "Det finns redan ett konto med den e-postadressen."])
        }
        let user = User(
            organizationID: try organization.requireID(), name: newUser.name, email: newUser.email.normalized,
            phone: newUser.phone?.e164, role: newUser.role, authorizationNumber: newUser.authorizationNumber,
            passwordHash: try await hasher.hash(newUser.password), createdAt: clock.now()
        )
        try await user.create(on: database)
        return user
    }

    /// Sets a new password and ends every session of the user.
    func setPassword(_ password: String, for user: User) async throws {
        do throws(FieldError) {
            try PasswordRules.check(password)
        } catch {
            throw FieldErrors(["password": error.message])
        }
        user.passwordHash = try await hasher.hash(password)
        try await database.transaction { db in
            try await user.update(on: db)
            try await UserSession.query(on: db).filter(\.$user.$id == user.requireID()).delete()
        }
    }

    /// Activates or deactivates; a deactivated user's sessions end at once.
    func setActive(_ isActive: Bool, for user: User) async throws {
        user.isActive = isActive
        try await database.transaction { db in
            try await user.update(on: db)
            if !isActive {
                try await UserSession.query(on: db).filter(\.$user.$id == user.requireID()).delete()
            }
        }
    }
}

extension Request {
    var userAccounts: UserAccounts {
        UserAccounts(database: db, hasher: password.async, clock: clock)
    }
}

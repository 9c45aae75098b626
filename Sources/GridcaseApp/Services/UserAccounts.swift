import Fluent
import GridcaseDomain
import Vapor

/// Creating users, changing passwords and (de)activating accounts: shared by the admin pages and the
/// `user` commands.
struct UserAccounts {
    let database: any Database
    let hasher: AsyncPasswordHasher
    let clock: any AppClock

    /// How long an invitation link works.
    static let invitationLifetime: TimeInterval = 72 * 3600

    /// Creates the user, or throws `FieldErrors` when a field is bad or the e-mail is taken. An invited user
    /// gets no usable password, and the one-time token is returned (only its hash is stored).
    @discardableResult
    func create(_ input: NewUserInput, in organization: Organization) async throws -> (user: User, invitationToken: String?) {
        let newUser: NewUser
        switch input.validate(organizationKind: organization.kind) {
        case .success(let valid): newUser = valid
        case .failure(let errors): throw errors
        }
        let taken = try await User.query(on: database).filter(\.$email == newUser.email.normalized).count() > 0
        if taken {
            throw FieldErrors(["email": "Det finns redan ett konto med den e-postadressen."])
        }
        let token = newUser.password == nil ? SecureToken.generate() : nil
        let user = User(
            organizationID: try organization.requireID(), name: newUser.name, email: newUser.email.normalized,
            phone: newUser.phone?.e164, role: newUser.role, authorizationNumber: newUser.authorizationNumber,
            // An invited user's password is a random secret nobody knows until they choose their own.
            passwordHash: try await hasher.hash(newUser.password ?? SecureToken.generate()), createdAt: clock.now()
        )
        if let token {
            user.invitationTokenHash = SecureToken.hash(token)
            user.invitationExpiresAt = clock.now().addingTimeInterval(Self.invitationLifetime)
        }
        try await user.create(on: database)
        return (user, token)
    }

    /// The active user a still-valid invitation token belongs to.
    func invitedUser(token: String) async throws -> User? {
        guard !token.isEmpty, let user = try await User.query(on: database)
            .filter(\.$invitationTokenHash == SecureToken.hash(token)).first(),
            user.isActive, let expires = user.invitationExpiresAt, expires > clock.now()
        else { return nil }
        return user
    }

    /// Sets the invited user's own password and uses the link up. `user` comes from `invitedUser(token:)`.
    func acceptInvitation(of user: User, password: String) async throws {
        do throws(FieldError) {
            try PasswordRules.check(password)
        } catch {
            throw FieldErrors(["password": error.message])
        }
        user.passwordHash = try await hasher.hash(password)
        user.invitationTokenHash = nil
        user.invitationExpiresAt = nil
        try await user.update(on: database)
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

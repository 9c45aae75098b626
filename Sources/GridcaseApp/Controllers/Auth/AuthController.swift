import Fluent
import GridcaseDomain
import NIOConcurrencyHelpers
import Vapor

/// Signing in and out.
struct AuthController {
    static let failedMessage = "Fel e-postadress eller lösenord."
    static let throttledMessage = "För många inloggningsförsök. Vänta 15 minuter och försök igen."

    struct LoginForm: Content {
        var email: String?
        var password: String?
    }

    @Sendable func showLogin(req: Request) async throws -> Response {
        if let user = req.auth.get(CurrentUser.self) {
            return req.redirect(to: Navigation.startPage(for: user.role))
        }
        let welcome = req.query[String.self, at: "meddelande"] == "valkommen"
        return try await req.render(LoginPage(email: "", error: nil, notice: welcome ? "Lösenordet är sparat. Logga in." : nil))
    }

    @Sendable func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let email = (form.email ?? "").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let password = form.password ?? ""

        let throttled = try await req.loginThrottler.countAttempt(email: email, address: req.clientAddress)
        if throttled {
            req.logger.notice("Sign-in throttled")
            return try await req.render(LoginPage(email: email, error: Self.throttledMessage), status: .tooManyRequests)
        }

        let user = try await User.query(on: req.db).filter(\.$email == email).first()
        // Check a password even for an unknown e-mail, so the answer takes as long as for a known one.
        let storedHash: String
        if let hash = user?.passwordHash { storedHash = hash } else { storedHash = try await req.application.dummyPasswordHash() }
        let passwordMatches = try await req.password.async.verify(password, created: storedHash)
        guard let user, let userID = user.id, passwordMatches, user.isActive else {
            // Who tried is logged by id only: an e-mail address typed here is personal data.
            let reason = user == nil ? "unknown account" : !passwordMatches ? "wrong password" : "deactivated account"
            req.logger.notice("Sign-in refused", metadata: ["user": .string(user?.id?.uuidString ?? "-"), "reason": .string(reason)])
            return try await req.render(LoginPage(email: email, error: Self.failedMessage), status: .unauthorized)
        }

        try await req.loginThrottler.clearAccount(email: email)
        // A new session id at every sign-in: a session fixed before sign-in is never promoted.
        if let previous = req.auth.get(CurrentUser.self) {
            try await req.sessions.end(sessionID: previous.sessionID)
        }
        let token = try await req.sessions.create(for: userID)
        req.logger.info("Signed in", metadata: ["user": .string(userID.uuidString)])

        let response = req.redirect(to: Navigation.startPage(for: user.role))
        response.cookies[SessionStore.cookieName] = req.application.cookieFactory.session(token)
        response.cookies[CSRFMiddleware.anonymousCookieName] = req.application.cookieFactory.expired()
        return response
    }

    @Sendable func logout(req: Request) async throws -> Response {
        if let user = req.auth.get(CurrentUser.self) {
            try await req.sessions.end(sessionID: user.sessionID)
            req.auth.logout(CurrentUser.self)
        }
        let response = req.redirect(to: .login)
        response.cookies[SessionStore.cookieName] = req.application.cookieFactory.expired()
        return response
    }
}

struct LoginPage: Page {
    static let template = "auth/login"
    let title = "Logga in"
    let email: String
    let error: String?
    var notice: String? = nil
    var action = SitePath.login.relative
}

extension Application {
    /// A hash of a random password, checked when the e-mail is unknown so that the answer takes as long as for a
    /// wrong password. Made on first use, so commands that never sign anyone in do not pay for it.
    func dummyPasswordHash() async throws -> String {
        if let hash = dummyPasswordHashBox.withLockedValue({ $0 }) { return hash }
        let hash = try await password.async.hash(SecureToken.generate())
        dummyPasswordHashBox.withLockedValue { $0 = hash }
        return hash
    }

    private struct DummyHashKey: StorageKey {
        typealias Value = NIOLockedValueBox<String?>
    }

    private var dummyPasswordHashBox: NIOLockedValueBox<String?> {
        storage[DummyHashKey.self] ?? { preconditionFailure("configure(_:) sets up the dummy password hash") }()
    }

    /// Called once by `configure(_:)`.
    func prepareDummyPasswordHash() {
        storage[DummyHashKey.self] = NIOLockedValueBox(nil)
    }
}

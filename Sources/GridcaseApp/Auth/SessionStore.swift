import Fluent
import Vapor

/// Creates, finds and ends sessions, applying the idle and absolute timeouts.
struct SessionStore {
    static let cookieName = "gridcase_session"
    /// How often a session's last-seen time is written: often enough for the idle timeout, rarely
    /// enough that reading pages does not mean writing the database.
    static let touchInterval: TimeInterval = 60

    let database: any Database
    let clock: any AppClock
    let idleTimeout: TimeInterval
    let absoluteTimeout: TimeInterval

    /// Starts a new session for the user and returns the token for the cookie.
    func create(for userID: UUID) async throws -> String {
        let token = SecureToken.generate()
        let session = UserSession(
            tokenHash: SecureToken.hash(token), userID: userID, csrfToken: SecureToken.generate(), createdAt: clock.now()
        )
        try await session.create(on: database)
        return token
    }

    /// The live session for a cookie token, with its user and organisation; ends an expired one.
    func find(token: String) async throws -> (UserSession, User, Organization)? {
        guard let session = try await UserSession.query(on: database)
            .filter(\.$id == SecureToken.hash(token))
            .with(\.$user, { $0.with(\.$organization) })
            .first()
        else { return nil }

        let now = clock.now()
        let idleExpired = now.timeIntervalSince(session.lastSeenAt) > idleTimeout
        let absoluteExpired = now.timeIntervalSince(session.createdAt) > absoluteTimeout
        guard !idleExpired, !absoluteExpired, session.user.isActive else {
            try await session.delete(on: database)
            return nil
        }
        if now.timeIntervalSince(session.lastSeenAt) > Self.touchInterval {
            session.lastSeenAt = now
            try await session.update(on: database)
        }
        return (session, session.user, session.user.organization)
    }

    func end(sessionID: String) async throws {
        try await UserSession.query(on: database).filter(\.$id == sessionID).delete()
    }

    func endAll(for userID: UUID) async throws {
        try await UserSession.query(on: database).filter(\.$user.$id == userID).delete()
    }
}

extension Request {
    var sessions: SessionStore {
        let config = application.appConfig
        return SessionStore(
            database: db, clock: clock,
            idleTimeout: config.sessionIdleTimeout, absoluteTimeout: config.sessionAbsoluteTimeout
        )
    }
}

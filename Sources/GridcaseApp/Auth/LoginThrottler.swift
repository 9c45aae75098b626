import Fluent
import SQLKit
import Vapor

/// Limits sign-in attempts per account and per client address, in the database so that every instance
/// counts together. An attempt is counted before the password is checked, in one atomic statement, so
/// parallel guesses cannot slip past the limit; a successful sign-in clears the account's count.
struct LoginThrottler {
    static let window: TimeInterval = 15 * 60
    /// Nine wrong passwords in a row are allowed; the tenth attempt is refused until the window ends.
    static let accountLimit = 9
    static let addressLimit = 100

    let database: any Database
    let clock: any AppClock

    static func accountKey(_ email: String) -> String { "account:" + email }
    static func addressKey(_ address: String) -> String { "address:" + address }

    /// Counts an attempt for the account and the address; true when either is over its limit.
    func countAttempt(email: String, address: String) async throws -> Bool {
        let accountAttempts = try await increment(Self.accountKey(email))
        let addressAttempts = try await increment(Self.addressKey(address))
        return accountAttempts > Self.accountLimit || addressAttempts > Self.addressLimit
    }

    func clearAccount(email: String) async throws {
        try await LoginThrottle.query(on: database).filter(\.$id == Self.accountKey(email)).delete()
    }

    /// Adds one to the key's count, starting a new window when the old one has passed; returns the count.
    private func increment(_ key: String) async throws -> Int {
        let now = clock.now()
        let windowStart = now.addingTimeInterval(-Self.window)
        let sql = database as! any SQLDatabase
        let row = try await sql.raw("""
            INSERT INTO login_throttles (id, failures, window_started_at) VALUES (\(bind: key), 1, \(bind: now))
            ON CONFLICT (id) DO UPDATE SET
              failures = CASE WHEN login_throttles.window_started_at < \(bind: windowStart)
                              THEN 1 ELSE login_throttles.failures + 1 END,
              window_started_at = CASE WHEN login_throttles.window_started_at < \(bind: windowStart)
                              THEN \(bind: now) ELSE login_throttles.window_started_at END
            RETURNING failures
            """).first()
        return try row?.decode(column: "failures", as: Int.self) ?? 1
    }
}

extension Request {
    var loginThrottler: LoginThrottler { LoginThrottler(database: db, clock: clock) }

    /// The client's address: the peer, or the first X-Forwarded-For hop when a trusted proxy sets it.
    var clientAddress: String {
        if application.appConfig.trustForwardedFor,
           let forwarded = headers.first(name: "X-Forwarded-For")?.split(separator: ",").first
        {
            return forwarded.trimmingCharacters(in: .whitespaces)
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }
}

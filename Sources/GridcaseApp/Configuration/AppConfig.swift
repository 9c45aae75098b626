import Foundation
import GridcaseDomain
import Logging

/// Everything Gridcase reads from its environment, read and checked once at start-up.
/// `.env.example` documents every key.
public struct AppConfig: Sendable, Equatable {
    public enum DatabaseLocation: Sendable, Equatable {
        case sqlite(path: String)
        /// `schema` keeps Gridcase's tables in their own PostgreSQL schema (created when missing).
        case postgres(url: String, schema: String?)
    }

    /// Where the keys that encrypt personal identity numbers come from (see `PersonalDataCipher`).
    public enum PersonalDataKeySource: Sendable, Equatable {
        /// A key file, created with a new key set on first start when missing (mode 0600).
        case file(path: String)
        /// The key set's JSON itself (ENCRYPTION_KEYS), for secret stores that hand over values.
        case inline(json: String)
    }

    public var database: DatabaseLocation
    public var personalDataKeys: PersonalDataKeySource
    public var databasePoolSize: Int
    public var host: String
    public var port: Int
    public var publicURL: String
    public var secureCookies: Bool
    public var logLevel: Logger.Level
    public var sessionIdleTimeout: TimeInterval
    public var sessionAbsoluteTimeout: TimeInterval
    public var bcryptCost: Int
    public var trustForwardedFor: Bool
    /// Months after which a closed or cancelled case has its personal data pseudonymised.
    public var retentionMonths: Int
    /// Where e-mail goes; nil (no SMTP_HOST): not sent, kept in the outbox for the operator to see.
    public var smtp: SMTPSettings?
    /// Register API lookups per second per grid company (twice as many at once); 0: no limit.
    public var registerAPIRateLimit: Int = 20

    public struct SMTPSettings: Equatable, Sendable {
        public enum Security: String, Sendable, CaseIterable {
            /// Plain connection upgraded with STARTTLS (port 587); refused if the server does not offer it.
            case startTLS = "starttls"
            /// TLS from the first byte (port 465).
            case tls
            /// No encryption: only for a relay on the same host or a test server.
            case none
        }

        public var host: String
        public var port: Int
        public var security: Security
        public var username: String?
        public var password: String?
        public var from: String
        /// Extra certificate authorities (PEM) to trust, for a server with a private CA.
        public var caFile: String? = nil
    }

    public static let defaultSQLitePath = "./data/gridcase.sqlite"

    public struct Invalid: Error, CustomStringConvertible, Equatable {
        public let key: String
        public let reason: String
        public var description: String { "Configuration error in \(key): \(reason)" }
    }

    /// Reads the configuration; throws `Invalid` naming the first bad key.
    public static func fromEnvironment(_ environment: [String: String]) throws(Invalid) -> AppConfig {
        let reader = Reader(environment: environment)
        let port = try reader.int("PORT", default: 8080, range: 1...65535)
        let host = try reader.string("HOST", default: "127.0.0.1")
        let publicURL = try reader.url("PUBLIC_URL", default: "http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)")
        let database = try reader.database("DATABASE_URL")
        return AppConfig(
            database: database,
            personalDataKeys: try reader.personalDataKeys(for: database),
            databasePoolSize: try reader.int("DATABASE_POOL_SIZE", default: 4, range: 1...100),
            host: host,
            port: port,
            publicURL: publicURL,
            secureCookies: try reader.bool("SECURE_COOKIES", default: publicURL.hasPrefix("https://")),
            logLevel: try reader.logLevel("LOG_LEVEL", default: .info),
            sessionIdleTimeout: TimeInterval(try reader.int("SESSION_IDLE_MINUTES", default: 120, range: 5...1440) * 60),
            sessionAbsoluteTimeout: TimeInterval(try reader.int("SESSION_ABSOLUTE_HOURS", default: 12, range: 1...168) * 3600),
            bcryptCost: try reader.int("BCRYPT_COST", default: 12, range: 4...31),
            trustForwardedFor: try reader.bool("TRUST_FORWARDED_FOR", default: false),
            retentionMonths: try reader.int("RETENTION_MONTHS", default: 36, range: 1...240),
            smtp: try reader.smtp(),
            registerAPIRateLimit: try reader.int("REGISTER_API_RATE_LIMIT", default: 20, range: 0...100_000)
        )
    }
}

/// Reads typed values from the environment, naming the key in every error.
private struct Reader {
    func smtp() throws(AppConfig.Invalid) -> AppConfig.SMTPSettings? {
        guard let host = value("SMTP_HOST") else { return nil }
        let securityText = value("SMTP_SECURITY") ?? AppConfig.SMTPSettings.Security.startTLS.rawValue
        guard let security = AppConfig.SMTPSettings.Security(rawValue: securityText.lowercased()) else {
            throw AppConfig.Invalid(key: "SMTP_SECURITY", reason: "must be starttls, tls or none")
        }
        guard let from = value("MAIL_FROM") else {
            throw AppConfig.Invalid(key: "MAIL_FROM", reason: "is required with SMTP_HOST: the sender address of Gridcase's e-mail")
        }
        guard (try? EmailAddress(parsing: from)) != nil else {
            throw AppConfig.Invalid(key: "MAIL_FROM", reason: "must be an e-mail address")
        }
        let username = value("SMTP_USERNAME")
        if username != nil, security == .none {
            throw AppConfig.Invalid(key: "SMTP_SECURITY", reason: "a password is never sent without TLS: use starttls or tls")
        }
        return AppConfig.SMTPSettings(
            host: host, port: try int("SMTP_PORT", default: security == .tls ? 465 : 587, range: 1...65535), security: security,
            username: username, password: value("SMTP_PASSWORD"), from: from, caFile: value("SMTP_CA_FILE"))
    }

    let environment: [String: String]

    func value(_ key: String) -> String? {
        guard let raw = environment[key]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        return raw
    }

    func string(_ key: String, default fallback: String) throws(AppConfig.Invalid) -> String {
        value(key) ?? fallback
    }

    func int(_ key: String, default fallback: Int, range: ClosedRange<Int>) throws(AppConfig.Invalid) -> Int {
        guard let raw = value(key) else { return fallback }
        guard let number = Int(raw), range.contains(number) else {
            throw .init(key: key, reason: "expected a whole number from \(range.lowerBound) to \(range.upperBound), got '\(raw)'")
        }
        return number
    }

    /// ENCRYPTION_KEYS, else ENCRYPTION_KEY_FILE, else (SQLite only) `gridcase.keys` beside the database file.
    /// PostgreSQL serves several instances, which must share one key set: it needs one of the two keys set.
    func personalDataKeys(for database: AppConfig.DatabaseLocation) throws(AppConfig.Invalid) -> AppConfig.PersonalDataKeySource {
        if let json = value("ENCRYPTION_KEYS") { return .inline(json: json) }
        if let path = value("ENCRYPTION_KEY_FILE") { return .file(path: path) }
        switch database {
        case .sqlite(let path):
            let directory = (path as NSString).deletingLastPathComponent
            return .file(path: directory.isEmpty ? "gridcase.keys" : directory + "/gridcase.keys")
        case .postgres:
            throw .init(key: "ENCRYPTION_KEY_FILE", reason: "with PostgreSQL set ENCRYPTION_KEY_FILE or ENCRYPTION_KEYS, shared by every instance")
        }
    }

    func bool(_ key: String, default fallback: Bool) throws(AppConfig.Invalid) -> Bool {
        guard let raw = value(key) else { return fallback }
        switch raw.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw .init(key: key, reason: "expected true or false, got '\(raw)'")
        }
    }

    func url(_ key: String, default fallback: String) throws(AppConfig.Invalid) -> String {
        guard let raw = value(key) else { return fallback }
        guard let url = URL(string: raw), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw .init(key: key, reason: "expected an http:// or https:// URL, got '\(raw)'")
        }
        return raw.hasSuffix("/") ? String(raw.dropLast()) : raw
    }

    func logLevel(_ key: String, default fallback: Logger.Level) throws(AppConfig.Invalid) -> Logger.Level {
        guard let raw = value(key) else { return fallback }
        guard let level = Logger.Level(rawValue: raw.lowercased()) else {
            let names = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            throw .init(key: key, reason: "expected one of \(names), got '\(raw)'")
        }
        return level
    }

    func database(_ key: String) throws(AppConfig.Invalid) -> AppConfig.DatabaseLocation {
        guard let raw = value(key) else { return .sqlite(path: AppConfig.defaultSQLitePath) }
        if raw.hasPrefix("postgres://") || raw.hasPrefix("postgresql://") {
            guard let url = URL(string: raw), url.host != nil else {
                throw .init(key: key, reason: "the PostgreSQL URL has no host")
            }
            let schema = value("DATABASE_SCHEMA")
            if let schema, !schema.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) {
                throw .init(key: "DATABASE_SCHEMA", reason: "use only letters, digits and _, got '\(schema)'")
            }
            return .postgres(url: raw, schema: schema)
        }
        if raw.hasPrefix("sqlite://") { return .sqlite(path: String(raw.dropFirst("sqlite://".count))) }
        if raw.contains("://") {
            throw .init(key: key, reason: "expected a file path for SQLite or a postgres:// URL")
        }
        return .sqlite(path: raw)
    }
}

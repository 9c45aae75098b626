import Testing
@testable import GridcaseApp

@Suite struct AppConfigTests {
    @Test func defaultsAreTheEmbeddedSetup() throws {
        let config = try AppConfig.fromEnvironment([:])
        #expect(config.database == .sqlite(path: "./data/gridcase.sqlite"))
        #expect(config.host == "127.0.0.1")
        #expect(config.port == 8080)
        #expect(config.publicURL == "http://127.0.0.1:8080")
        #expect(config.secureCookies == false)
        #expect(config.logLevel == .info)
        #expect(config.personalDataKeys == .file(path: "./data/gridcase.keys"), "the key file sits beside the database, not in it")
    }

    @Test func personalDataKeysComeFromTheKeysTheFileOrBesideTheSQLiteFile() throws {
        #expect(try AppConfig.fromEnvironment(["ENCRYPTION_KEYS": "{}"]).personalDataKeys == .inline(json: "{}"))
        #expect(try AppConfig.fromEnvironment(["ENCRYPTION_KEY_FILE": "/etc/gridcase/keys"]).personalDataKeys == .file(path: "/etc/gridcase/keys"))
        #expect(try AppConfig.fromEnvironment(["DATABASE_URL": "db.sqlite"]).personalDataKeys == .file(path: "gridcase.keys"))
        #expect(throws: AppConfig.Invalid.self, "PostgreSQL serves several instances: one key set must be named") {
            try AppConfig.fromEnvironment(["DATABASE_URL": "postgres://gridcase@127.0.0.1/gridcase"])
        }
    }

    @Test func readsEveryKey() throws {
        let config = try AppConfig.fromEnvironment([
            "DATABASE_URL": "postgres://gridcase@127.0.0.1:5432/gridcase", "DATABASE_SCHEMA": "gridcase",
            "DATABASE_POOL_SIZE": "8", "HOST": "0.0.0.0", "PORT": "9000", "PUBLIC_URL": "https://el.example.se/",
            "LOG_LEVEL": "debug", "SESSION_IDLE_MINUTES": "30", "SESSION_ABSOLUTE_HOURS": "8", "BCRYPT_COST": "10",
            "TRUST_FORWARDED_FOR": "true", "ENCRYPTION_KEY_FILE": "/run/secrets/gridcase.keys",
        ])
        #expect(config.database == .postgres(url: "postgres://gridcase@127.0.0.1:5432/gridcase", schema: "gridcase"))
        #expect(config.databasePoolSize == 8)
        #expect(config.port == 9000)
        #expect(config.publicURL == "https://el.example.se")
        #expect(config.secureCookies, "on by default behind https")
        #expect(config.logLevel == .debug)
        #expect(config.sessionIdleTimeout == 1800)
        #expect(config.sessionAbsoluteTimeout == 8 * 3600)
        #expect(config.bcryptCost == 10)
        #expect(config.trustForwardedFor)
        #expect(config.personalDataKeys == .file(path: "/run/secrets/gridcase.keys"))
    }

    @Test(arguments: [
        ("PORT", "åttioåttio"), ("PORT", "70000"), ("SECURE_COOKIES", "kanske"), ("LOG_LEVEL", "loud"),
        ("PUBLIC_URL", "ftp://x"), ("DATABASE_URL", "mysql://x/y"), ("DATABASE_POOL_SIZE", "0"), ("BCRYPT_COST", "3"),
    ])
    func aWrongValueNamesItsKey(key: String, value: String) {
        #expect {
            try AppConfig.fromEnvironment([key: value])
        } throws: { error in
            (error as? AppConfig.Invalid)?.key == key && "\(error)".contains(key)
        }
    }

    @Test func sqlitePathsAreAcceptedWithOrWithoutScheme() throws {
        #expect(try AppConfig.fromEnvironment(["DATABASE_URL": "/var/lib/gridcase/db.sqlite"]).database == .sqlite(path: "/var/lib/gridcase/db.sqlite"))
        #expect(try AppConfig.fromEnvironment(["DATABASE_URL": "sqlite://data/x.sqlite"]).database == .sqlite(path: "data/x.sqlite"))
    }

    @Test func theRegisterAPIRateLimitIsOnByDefaultAndCanBeTurnedOff() throws {
        #expect(try AppConfig.fromEnvironment([:]).registerAPIRateLimit == 20)
        #expect(try AppConfig.fromEnvironment(["REGISTER_API_RATE_LIMIT": "0"]).registerAPIRateLimit == 0)
        #expect(throws: AppConfig.Invalid.self) { try AppConfig.fromEnvironment(["REGISTER_API_RATE_LIMIT": "-1"]) }
        #expect(throws: AppConfig.Invalid.self) { try AppConfig.fromEnvironment(["REGISTER_API_RATE_LIMIT": "many"]) }
    }

    @Test func smtpIsOffByDefaultAndCheckedWhenOn() throws {
        #expect(try AppConfig.fromEnvironment([:]).smtp == nil, "the embedded setup keeps e-mail in the outbox")
        let smtp = try #require(try AppConfig.fromEnvironment([
            "SMTP_HOST": "smtp.el.example.se", "SMTP_USERNAME": "gridcase", "SMTP_PASSWORD": "hemligt", "MAIL_FROM": "noreply@el.example.se",
        ]).smtp)
        #expect(smtp == AppConfig.SMTPSettings(host: "smtp.el.example.se", port: 587, security: .startTLS, username: "gridcase",
                                               password: "hemligt", from: "noreply@el.example.se"))
        #expect(try AppConfig.fromEnvironment(["SMTP_HOST": "mail", "SMTP_SECURITY": "TLS", "MAIL_FROM": "a@el.example.se"]).smtp?.port == 465)
        #expect(throws: AppConfig.Invalid(key: "MAIL_FROM", reason: "is required with SMTP_HOST: the sender address of Gridcase's e-mail")) {
            try AppConfig.fromEnvironment(["SMTP_HOST": "mail"])
        }
        #expect(throws: AppConfig.Invalid(key: "SMTP_SECURITY", reason: "must be starttls, tls or none")) {
            try AppConfig.fromEnvironment(["SMTP_HOST": "mail", "SMTP_SECURITY": "ssl", "MAIL_FROM": "a@el.example.se"])
        }
        #expect(throws: AppConfig.Invalid(key: "SMTP_SECURITY", reason: "a password is never sent without TLS: use starttls or tls")) {
            try AppConfig.fromEnvironment(["SMTP_HOST": "mail", "SMTP_SECURITY": "none", "SMTP_USERNAME": "u", "MAIL_FROM": "a@el.example.se"])
        }
        #expect(throws: AppConfig.Invalid(key: "MAIL_FROM", reason: "must be an e-mail address")) {
            try AppConfig.fromEnvironment(["SMTP_HOST": "mail", "MAIL_FROM": "gridcase"])
        }
    }
}

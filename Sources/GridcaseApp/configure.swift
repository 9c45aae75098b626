import Fluent
import Leaf
import Vapor

/// Sets up an application from its configuration: database, templates, middleware, routes and commands.
public func configure(_ app: Application, config: AppConfig, clock: any AppClock = SystemClock()) async throws {
    app.appConfig = config
    app.clock = clock
    app.http.server.configuration.hostname = config.host
    app.http.server.configuration.port = config.port
    app.logger.logLevel = config.logLevel

    try DatabaseSetup.configure(app, config)
    app.personalData = try PersonalDataCipher(PersonalDataKeyStore.load(config.personalDataKeys, now: clock.now(), logger: app.logger))

    app.http.client.configuration.timeout = .init(connect: HTTPFacilityRegister.connectTimeout,
                                                  read: HTTPFacilityRegister.totalTimeout)
    app.registerAPIRateLimit = config.registerAPIRateLimit > 0 ? RegisterAPIRateLimit(perSecond: config.registerAPIRateLimit) : nil

    app.views.use(.leaf)
    app.leaf.cache.isEnabled = app.environment.isRelease
    app.passwords.use(.bcrypt(cost: config.bcryptCost))
    app.prepareDummyPasswordHash()

    // Outermost first: headers on everything, then errors become pages, then files, sessions and CSRF.
    app.middleware = Middlewares()
    app.middleware.use(SecurityHeadersMiddleware(strictTransportSecurity: config.publicURL.hasPrefix("https://")))
    app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
    app.middleware.use(ErrorPageMiddleware())
    app.middleware.use(PublicFilesMiddleware(publicDirectory: app.directory.publicDirectory))
    app.middleware.use(SessionMiddleware())
    app.middleware.use(CSRFMiddleware())

    try routes(app)
    Commands.register(app)
}

extension Application {
    private struct AppConfigKey: StorageKey {
        typealias Value = AppConfig
    }

    /// The configuration this application was started with.
    public var appConfig: AppConfig {
        get {
            guard let config = storage[AppConfigKey.self] else { fatalError("configure(_:config:) has not run") }
            return config
        }
        set { storage[AppConfigKey.self] = newValue }
    }
}

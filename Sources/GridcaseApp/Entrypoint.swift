import Foundation
import Logging
import Vapor

/// Starts Gridcase: reads the configuration, sets up the application and runs the command line.
public enum GridcaseMain {
    public static func run() async {
        let environment: Environment
        do {
            environment = try Environment.detect()
        } catch {
            printError("gridcase: \(error)")
            exit(64)
        }
        let config: AppConfig
        do {
            config = try AppConfig.fromEnvironment(ProcessInfo.processInfo.environment)
        } catch {
            printError("gridcase: \(error.description)")
            exit(78)
        }
        LoggingSystem.bootstrap { label in
            var handler = PersonalDataSafeLogHandler(wrapping: StreamLogHandler.standardError(label: label))
            handler.logLevel = config.logLevel
            return handler
        }
        let app: Application
        do {
            app = try await Application.make(environment)
        } catch {
            printError("gridcase: could not start: \(error)")
            exit(1)
        }
        do {
            try await configure(app, config: config)
            try await app.execute()
        } catch {
            app.logger.report(error: error)
            try? await app.asyncShutdown()
            exit(1)
        }
        try? await app.asyncShutdown()
    }

    private static func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}

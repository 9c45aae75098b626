import Foundation
import Logging
import NIOConcurrencyHelpers
@testable import GridcaseApp

/// Every log line any test application writes, kept in memory (and still printed to standard error), so a
/// test can search what was logged. Installed once for the test process by `TestApp`.
enum LogCapture {
    private static let lines = NIOLockedValueBox<[String]>([])

    static let installed: Void = {
        LoggingSystem.bootstrap { label in
            // The same redaction the gridcase executable installs (Entrypoint.swift).
            PersonalDataSafeLogHandler(wrapping: MultiplexLogHandler([Handler(label: label), StreamLogHandler.standardError(label: label)]))
        }
    }()

    static var all: [String] { lines.withLockedValue { $0 } }

    struct Handler: LogHandler {
        let label: String
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            let text = "\(event.level) \(label) \(event.message) \(merged.map { "\($0)=\($1)" }.sorted().joined(separator: " "))"
            LogCapture.lines.withLockedValue { $0.append(text) }
        }
    }
}

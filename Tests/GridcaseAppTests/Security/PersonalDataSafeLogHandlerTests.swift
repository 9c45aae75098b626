import Logging
import NIOConcurrencyHelpers
import Testing
@testable import GridcaseApp

@Suite struct PersonalDataSafeLogHandlerTests {
    /// Keeps the events it is handed, as they arrive.
    struct Recorder: LogHandler {
        let events: NIOLockedValueBox<[LogEvent]>
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            events.withLockedValue { $0.append(event) }
        }
    }

    struct RowError: Error, CustomStringConvertible {
        var description: String { "could not insert ('Andersson', '19811218-9876')" }
    }

    @Test func valueBearingMetadataIsRedactedAndAnAttachedErrorIsNotPassedOn() {
        let events = NIOLockedValueBox<[LogEvent]>([])
        let logger = Logger(label: "test") { _ in PersonalDataSafeLogHandler(wrapping: Recorder(events: events)) }
        logger.debug("INSERT INTO cases ...", metadata: ["binds": "[Andersson, 19811218-9876]", "table": "cases"])
        logger.error("Insert failed", error: RowError(), metadata: ["input": "Andersson"])

        let logged = events.withLockedValue { $0 }
        #expect(logged.count == 2)
        #expect(logged.first?.metadata?["binds"] == PersonalDataSafeLogHandler.redacted)
        #expect(logged.first?.metadata?["table"] == "cases", "other metadata stays")
        #expect(logged.last?.metadata?["input"] == PersonalDataSafeLogHandler.redacted)
        #expect(logged.last?.error == nil, "the error's description could quote the row")
        #expect(logged.last?.message == "Insert failed")
    }
}

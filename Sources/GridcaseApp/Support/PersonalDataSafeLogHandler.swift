import Logging

/// Wraps the log handler every logger uses and removes the metadata in which the database libraries log
/// values (bound parameters, inserted rows, filters) at debug and trace level: those values hold customers'
/// personal data, and no log may. The SQL text itself (with placeholders) is kept.
public struct PersonalDataSafeLogHandler: LogHandler {
    static let valueBearingKeys: Set<String> = ["binds", "input", "filters"]
    static let redacted: Logger.Metadata.Value = "(utelämnat: kan innehålla personuppgifter)"

    private var wrapped: any LogHandler

    public init(wrapping handler: any LogHandler) {
        wrapped = handler
    }

    public var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    public var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = Self.redacting(newValue) ?? [:] }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = Self.valueBearingKeys.contains(key) ? Self.redacted : newValue }
    }

    /// The event with its value-bearing metadata redacted. An error attached to the event is not passed on:
    /// its description can quote the values it failed on (Gridcase's own code logs an error's type).
    public func log(event: LogEvent) {
        var safe = event
        safe.metadata = Self.redacting(event.metadata)
        safe.error = nil
        wrapped.log(event: safe)
    }

    static func redacting(_ metadata: Logger.Metadata?) -> Logger.Metadata? {
        guard var metadata else { return nil }
        for key in valueBearingKeys where metadata[key] != nil { metadata[key] = redacted }
        return metadata
    }
}

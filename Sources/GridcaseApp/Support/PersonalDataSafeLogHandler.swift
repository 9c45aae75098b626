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

    public func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?,
                    source: String, file: String, function: String, line: UInt) {
        wrapped.log(level: level, message: message, metadata: Self.redacting(metadata),
                    source: source, file: file, function: function, line: line)
    }

    static func redacting(_ metadata: Logger.Metadata?) -> Logger.Metadata? {
        guard var metadata else { return nil }
        for key in valueBearingKeys where metadata[key] != nil { metadata[key] = redacted }
        return metadata
    }
}

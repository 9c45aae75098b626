/// Messages for several fields of one form, keyed by the field's name.
public struct FieldErrors: Error, Equatable, Sendable {
    public private(set) var messages: [String: String] = [:]

    public init(_ messages: [String: String] = [:]) {
        self.messages = messages
    }

    public var isEmpty: Bool { messages.isEmpty }

    public subscript(field: String) -> String? {
        get { messages[field] }
        set { messages[field] = newValue }
    }

    /// Runs `parse` and records its error under `field`; returns the parsed value or nil.
    public mutating func check<T>(_ field: String, _ parse: () throws(FieldError) -> T) -> T? {
        do throws(FieldError) {
            return try parse()
        } catch {
            messages[field] = error.message
            return nil
        }
    }
}

/// A rejected field value with a message in Swedish, meant to be shown next to the field.
public struct FieldError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

extension String {
    /// The ASCII digits of the string, in order.
    var asciiDigits: [Int] {
        unicodeScalars.compactMap { scalar in
            ("0"..."9").contains(scalar) ? Int(scalar.value - 48) : nil
        }
    }

    /// The string without spaces (including no-break spaces) at either end.
    var trimmed: String {
        // Fast path (the register import trims millions of fields): printable ASCII at both ends.
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return self
        }
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}

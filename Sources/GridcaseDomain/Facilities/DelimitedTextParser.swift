/// A streaming reader of delimited text (RFC 4180 CSV with `;` or `,`): bytes go in chunk by chunk, whole rows
/// come out. Quoted fields may hold separators, doubled quotes and line breaks; rows end with LF or CRLF; a
/// UTF-8 byte order mark at the very start is skipped. Memory stays bounded by the longest row.
///
/// Written by hand because it reads a register export about 8 times faster than the CSV package it replaced
/// (measured with `scripts/bench/facility-import`; see the README's performance section).
public struct DelimitedTextParser: Sendable {
    /// One row: its fields, and the line of the file it starts on (1-based).
    public struct Row: Equatable, Sendable {
        public var fields: [String]
        public var line: Int
        /// Whether some field was not valid UTF-8 (its text then holds replacement characters).
        public var hasInvalidUTF8: Bool
    }

    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
    private static let quote = UInt8(ascii: "\""), lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    private let separator: UInt8
    private var field: [UInt8] = []
    private var fields: [String] = []
    private var inQuotes = false
    /// A quote was read inside quotes: either the first of a doubled quote or the closing one.
    private var quoteInQuotes = false
    /// The previous byte ended a field with CR; a following LF belongs to the same line end.
    private var afterCarriageReturn = false
    private var rowHasContent = false
    private var invalidUTF8 = false
    private var line = 1
    private var rowStartLine = 1
    /// Nothing has ended a field yet: the first field may start with a byte order mark.
    private var atFileStart = true

    public init(separator: Character) {
        precondition(separator.isASCII, "the separator is one ASCII character")
        self.separator = separator.asciiValue!
        field.reserveCapacity(256)
    }

    /// Reads `bytes`, handing every row they complete to `row`.
    public mutating func consume<E: Error>(_ bytes: UnsafeBufferPointer<UInt8>, row: (Row) throws(E) -> Void) throws(E) {
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            let byte = bytes[index]
            if afterCarriageReturn {
                afterCarriageReturn = false
                if byte == Self.lineFeed { index += 1; continue }
            }
            if inQuotes {
                if quoteInQuotes {
                    quoteInQuotes = false
                    if byte == Self.quote { field.append(byte); index += 1; continue }
                    inQuotes = false // the closing quote: this byte is handled as outside quotes below
                } else if byte == Self.quote {
                    quoteInQuotes = true
                    index += 1
                    continue
                } else {
                    if byte == Self.lineFeed { line += 1 }
                    field.append(byte)
                    index += 1
                    continue
                }
            }
            switch byte {
            case separator:
                endField()
                rowHasContent = true
            case Self.lineFeed, Self.carriageReturn:
                if byte == Self.carriageReturn { afterCarriageReturn = true }
                try endRow(row)
                line += 1
                rowStartLine = line
            case Self.quote where field.isEmpty || (atFileStart && fields.isEmpty && field == Self.byteOrderMark):
                inQuotes = true
                rowHasContent = true
            default:
                // The common case: copy the run of ordinary bytes up to the next special one in one go.
                var runEnd = index + 1
                while runEnd < end {
                    let next = bytes[runEnd]
                    if next == separator || next == Self.lineFeed || next == Self.carriageReturn || next == Self.quote { break }
                    runEnd += 1
                }
                field.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<runEnd]))
                rowHasContent = true
                index = runEnd
                continue
            }
            index += 1
        }
    }

    /// Ends the input: a last row without a line break is handed to `row` too.
    public mutating func finish<E: Error>(row: (Row) throws(E) -> Void) throws(E) {
        quoteInQuotes = false
        inQuotes = false
        try endRow(row)
    }

    private mutating func endField() {
        if atFileStart {
            atFileStart = false
            if field.starts(with: Self.byteOrderMark) { field.removeFirst(Self.byteOrderMark.count) }
        }
        if Self.isASCII(field) {
            fields.append(String(decoding: field, as: UTF8.self))
        } else if let text = String(validating: field, as: UTF8.self) {
            fields.append(text)
        } else {
            invalidUTF8 = true
            fields.append(String(decoding: field, as: UTF8.self))
        }
        field.removeAll(keepingCapacity: true)
    }

    private static func isASCII(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var combined: UInt8 = 0
            for byte in buffer { combined |= byte }
            return combined < 0x80
        }
    }

    private mutating func endRow<E: Error>(_ row: (Row) throws(E) -> Void) throws(E) {
        guard rowHasContent || !field.isEmpty else { return } // blank lines are no rows
        endField()
        let finished = Row(fields: fields, line: rowStartLine, hasInvalidUTF8: invalidUTF8)
        fields.removeAll(keepingCapacity: true)
        rowHasContent = false
        invalidUTF8 = false
        try row(finished)
    }
}

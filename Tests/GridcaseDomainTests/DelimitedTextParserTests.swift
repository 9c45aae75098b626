import PropertyBased
import Testing
@testable import GridcaseDomain

@Suite struct DelimitedTextParserTests {
    /// Parses `text` fed in chunks of `chunkSize` bytes.
    static func parse(_ text: String, separator: Character = ";", chunkSize: Int = 4096) -> [DelimitedTextParser.Row] {
        parse(bytes: Array(text.utf8), separator: separator, chunkSize: chunkSize)
    }

    static func parse(bytes: [UInt8], separator: Character = ";", chunkSize: Int = 4096) -> [DelimitedTextParser.Row] {
        var parser = DelimitedTextParser(separator: separator)
        var rows: [DelimitedTextParser.Row] = []
        bytes.withUnsafeBufferPointer { all in
            var start = 0
            while start < all.count {
                let end = min(start + chunkSize, all.count)
                parser.consume(UnsafeBufferPointer(rebasing: all[start..<end])) { rows.append($0) }
                start = end
            }
        }
        parser.finish { rows.append($0) }
        return rows
    }

    @Test func splitsRowsAndFieldsAndKeepsEmptyFields() {
        let rows = Self.parse("a;b;c\n1;;3\n;;\n")
        #expect(rows.map(\.fields) == [["a", "b", "c"], ["1", "", "3"], ["", "", ""]])
        #expect(rows.map(\.line) == [1, 2, 3])
    }

    @Test func commaSeparatedAndCRLFAndNoFinalLineBreak() {
        let rows = Self.parse("a,b\r\nc,d\r\ne,f", separator: ",")
        #expect(rows.map(\.fields) == [["a", "b"], ["c", "d"], ["e", "f"]])
        #expect(rows.map(\.line) == [1, 2, 3])
    }

    @Test func quotedFieldsHoldSeparatorsQuotesAndLineBreaks() {
        let rows = Self.parse("\"Storgatan 1; lgh 2\";\"Sara \"\"Sassa\"\" Ek\";\"c/o\nAnna\"\nnästa;rad;x\n")
        #expect(rows.map(\.fields) == [["Storgatan 1; lgh 2", "Sara \"Sassa\" Ek", "c/o\nAnna"], ["nästa", "rad", "x"]])
        #expect(rows.map(\.line) == [1, 3], "a row's line is where it starts; a break inside quotes counts")
    }

    @Test func blankLinesAreSkippedButCountedInLineNumbers() {
        let rows = Self.parse("a;b\n\n\nc;d\n")
        #expect(rows.map(\.fields) == [["a", "b"], ["c", "d"]])
        #expect(rows.map(\.line) == [1, 4])
    }

    @Test func aByteOrderMarkAtTheStartIsSkipped() {
        let rows = Self.parse(bytes: [0xEF, 0xBB, 0xBF] + Array("gsrn;x\n\"1\";2\n".utf8), chunkSize: 1)
        #expect(rows.map(\.fields) == [["gsrn", "x"], ["1", "2"]])
        let quoted = Self.parse(bytes: [0xEF, 0xBB, 0xBF] + Array("\"gsrn\";x\n".utf8))
        #expect(quoted.map(\.fields) == [["gsrn", "x"]])
    }

    @Test func invalidUTF8IsFlaggedOnItsRowOnly() {
        let rows = Self.parse(bytes: Array("ok;1\n".utf8) + [0x42, 0xFF, 0x3B, 0x32, 0x0A] + Array("å;ä\n".utf8))
        #expect(rows.map(\.hasInvalidUTF8) == [false, true, false])
        #expect(rows[2].fields == ["å", "ä"])
    }

    @Test func anyTableRoundTripsInAnyChunkSize() async {
        let alphabet = Array("ab;,\"\n\r åÖ1")
        let field = Gen.element(of: alphabet).compactMap { $0 }.array(of: 0...6).map { String($0) }
        let table = field.array(of: 1...4).array(of: 1...5)
        await propertyCheck(input: table, Gen.int(in: 1...7)) { rows, chunkSize in
            // A row of one empty field is written as "" so that it is not a blank line.
            let text = rows.map { row in
                row.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ";")
            }.joined(separator: "\r\n")
            #expect(Self.parse(text, chunkSize: chunkSize).map(\.fields) == rows)
        }
    }
}

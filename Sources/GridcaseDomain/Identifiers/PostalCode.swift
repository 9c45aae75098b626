/// A Swedish postnummer, normalised to "NNN NN".
public struct PostalCode: Hashable, Sendable, CustomStringConvertible {
    public let normalized: String

    public init(parsing raw: String) throws(FieldError) {
        var input = raw.trimmed.uppercased()
        if input.hasPrefix("SE-") { input.removeFirst(3) } else if input.hasPrefix("S-") { input.removeFirst(2) }
        guard !input.isEmpty else { throw FieldError("Ange ett postnummer.") }
        guard input.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == " ") }) else {
            throw FieldError("Postnumret får bara innehålla siffror, t.ex. 252 20.")
        }
        let digits = input.asciiDigits
        guard digits.count == 5 else {
            throw FieldError("Postnumret ska ha 5 siffror, t.ex. 252 20.")
        }
        guard digits[0] != 0 else {
            throw FieldError("Svenska postnummer börjar inte med 0.")
        }
        let text = digits.map(String.init).joined()
        self.normalized = String(text.prefix(3)) + " " + String(text.suffix(2))
    }

    public var description: String { normalized }
}

/// An anläggnings-ID: an 18-digit GS1 Global Service Relation Number (GSRN), known in Sweden as the EAN
/// of a metering point. Swedish ones start with 735999; another prefix is a warning, not an error.
public struct GSRN: Hashable, Sendable, CustomStringConvertible {
    public static let swedishPrefix = "735999"

    /// The 18 digits without spaces.
    public let normalized: String

    public init(parsing raw: String) throws(FieldError) {
        if let plain = Self.checkedPlainDigits(raw) {
            guard plain else { throw FieldError("Anläggnings-ID är felaktigt: kontrollsiffran stämmer inte.") }
            self.normalized = raw
            return
        }
        let input = raw.trimmed
        guard !input.isEmpty else { throw FieldError("Ange ett anläggnings-ID.") }
        guard input.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == " ") }) else {
            throw FieldError("Anläggnings-ID får bara innehålla siffror.")
        }
        let digits = input.asciiDigits
        guard digits.count == 18 else {
            throw FieldError("Anläggnings-ID ska ha 18 siffror (har \(digits.count)).")
        }
        guard Self.checkDigit(for: digits.dropLast()) == digits.last else {
            throw FieldError("Anläggnings-ID är felaktigt: kontrollsiffran stämmer inte.")
        }
        self.normalized = digits.map(String.init).joined()
    }

    /// For exactly 18 ASCII digits (as a register export writes them): whether the check digit is right.
    /// Anything else is nil and takes the general path.
    private static func checkedPlainDigits(_ raw: String) -> Bool? {
        guard raw.utf8.count == 18 else { return nil }
        var sum = 0, position = 0, last = 0
        for byte in raw.utf8 {
            guard (0x30...0x39).contains(byte) else { return nil }
            let digit = Int(byte - 0x30)
            position += 1
            if position == 18 { last = digit } else { sum += digit * (position.isMultiple(of: 2) ? 1 : 3) }
        }
        return (10 - sum % 10) % 10 == last
    }

    /// The GS1 check digit: weights 3 and 1 alternate from the rightmost payload digit.
    public static func checkDigit<C: Collection>(for payload: C) -> Int where C.Element == Int {
        var sum = 0
        for (offset, digit) in payload.reversed().enumerated() {
            sum += digit * (offset.isMultiple(of: 2) ? 3 : 1)
        }
        return (10 - sum % 10) % 10
    }

    /// A message for the user when the ID is valid but not Swedish.
    public var warning: String? {
        normalized.hasPrefix(Self.swedishPrefix)
            ? nil
            : "Anläggnings-ID börjar inte med \(Self.swedishPrefix) som svenska anläggningar gör. Kontrollera numret."
    }

    public var description: String { normalized }
}

/// A Swedish organisationsnummer: ten digits, the third at least 2, Luhn check digit last.
/// The twelve-digit form with the prefix 16 is accepted too.
public struct OrganizationNumber: Hashable, Sendable, CustomStringConvertible {
    /// NNNNNN-NNNN.
    public let normalized: String

    public init(parsing raw: String) throws(FieldError) {
        let input = raw.trimmed
        guard !input.isEmpty else { throw FieldError("Ange ett organisationsnummer.") }
        let allowed = Set("0123456789- ")
        guard input.allSatisfy({ allowed.contains($0) }) else {
            throw FieldError("Organisationsnumret får bara innehålla siffror och bindestreck, t.ex. 556016-0680.")
        }
        var digits = input.asciiDigits
        if digits.count == 12 {
            guard digits[0] == 1, digits[1] == 6 else {
                throw FieldError("Den tolvsiffriga formen av ett organisationsnummer börjar med 16.")
            }
            digits.removeFirst(2)
        }
        guard digits.count == 10 else {
            throw FieldError("Organisationsnumret ska ha 10 siffror, t.ex. 556016-0680.")
        }
        guard digits[2] >= 2 else {
            throw FieldError("Organisationsnumret är felaktigt: tredje siffran ska vara 2 eller högre.")
        }
        guard Luhn.isValid(digits) else {
            throw FieldError("Organisationsnumret är felaktigt: kontrollsiffran stämmer inte.")
        }
        let text = digits.map(String.init).joined()
        self.normalized = String(text.prefix(6)) + "-" + String(text.suffix(4))
    }

    public var description: String { normalized }
}

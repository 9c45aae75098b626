/// A telephone number, normalised to E.164 ("+46701234567"). Swedish numbers may be written nationally
/// (070-123 45 67, 042-12 34 56); numbers from other countries need their country code (+47 ...).
public struct PhoneNumber: Hashable, Sendable, CustomStringConvertible {
    public let e164: String

    public init(parsing raw: String) throws(FieldError) {
        let input = raw.trimmed
        guard !input.isEmpty else { throw FieldError("Ange ett telefonnummer.") }
        let allowed = Set("0123456789+-() /")
        guard input.allSatisfy({ allowed.contains($0) }) else {
            throw FieldError("Telefonnumret får bara innehålla siffror, mellanslag, bindestreck och +.")
        }
        guard !input.dropFirst().contains("+") else {
            throw FieldError("Plustecknet får bara stå först i telefonnumret.")
        }
        let digits = input.asciiDigits.map(String.init).joined()
        let international: String
        if input.hasPrefix("+") {
            international = digits
        } else if digits.hasPrefix("00") {
            international = String(digits.dropFirst(2))
        } else if digits.hasPrefix("0") {
            international = "46" + digits.dropFirst()
        } else {
            throw FieldError("Ange telefonnumret med riktnummer, t.ex. 070-123 45 67.")
        }

        if international.hasPrefix("46") {
            // Swedish national significant numbers have 7 to 9 digits and never start with 0.
            let national = international.dropFirst(2)
            guard (7...9).contains(national.count), national.first != "0" else {
                throw FieldError("Telefonnumret har fel antal siffror för ett svenskt nummer, t.ex. 070-123 45 67.")
            }
        } else {
            guard (8...15).contains(international.count), international.first != "0" else {
                throw FieldError("Ange ett giltigt internationellt nummer med landskod, t.ex. +47 912 34 567.")
            }
        }
        self.e164 = "+" + international
    }

    /// Swedish numbers in national form (0701234567), others in international form. Area codes vary
    /// in length (08, 042, 0431), so no grouping is guessed.
    public var display: String {
        e164.hasPrefix("+46") ? "0" + e164.dropFirst(3) : e164
    }

    public var description: String { e164 }
}

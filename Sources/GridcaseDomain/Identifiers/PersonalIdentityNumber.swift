/// A Swedish personnummer or samordningsnummer (coordination number, day of month + 60).
///
/// Accepts 10 digits (YYMMDD-NNNN, where `+` instead of `-` marks a person aged 100 or more) or 12 digits
/// (YYYYMMDDNNNN, optionally with `-`). The 10-digit form's century is taken relative to `today`.
public struct PersonalIdentityNumber: Hashable, Sendable, CustomStringConvertible {
    /// Twelve digits with a dash before the last four: YYYYMMDD-NNNN.
    public let normalized: String
    public let birthDate: CalendarDate
    public let isCoordinationNumber: Bool

    public init(parsing raw: String, today: CalendarDate) throws(FieldError) {
        let input = raw.trimmed
        guard !input.isEmpty else { throw FieldError("Ange ett personnummer.") }
        let allowed = Set("0123456789-+ ")
        guard input.allSatisfy({ allowed.contains($0) }) else {
            throw FieldError("Personnumret får bara innehålla siffror och bindestreck, t.ex. 19811218-9876.")
        }
        let digits = input.asciiDigits
        let separator: Character? = input.contains("+") ? "+" : (input.contains("-") ? "-" : nil)

        let year: Int
        switch digits.count {
        case 12:
            if separator == "+" {
                throw FieldError("Plustecken används bara i den tiosiffriga formen (ÅÅMMDD+NNNN).")
            }
            year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]
        case 10:
            let shortYear = digits[0] * 10 + digits[1]
            year = Self.fullYear(shortYear: shortYear, isCentenarian: separator == "+", today: today)
        default:
            throw FieldError("Personnumret ska ha 10 eller 12 siffror, t.ex. 19811218-9876.")
        }

        let tail = Array(digits.suffix(10))
        let month = tail[2] * 10 + tail[3]
        var day = tail[4] * 10 + tail[5]
        let isCoordination = day > 60
        if isCoordination { day -= 60 }
        guard let date = CalendarDate(year: year, month: month, day: day) else {
            throw FieldError("Personnumret innehåller ett datum som inte finns.")
        }
        guard date <= today else {
            throw FieldError("Födelsedatumet i personnumret ligger i framtiden.")
        }
        guard Luhn.isValid(tail) else {
            throw FieldError("Personnumret är felaktigt: kontrollsiffran stämmer inte.")
        }

        let twelve = String(year) + tail.dropFirst(2).map(String.init).joined()
        self.normalized = String(twelve.prefix(8)) + "-" + String(twelve.suffix(4))
        self.birthDate = date
        self.isCoordinationNumber = isCoordination
    }

    /// The century for a two-digit year: the latest year not after today, a century earlier with `+`.
    static func fullYear(shortYear: Int, isCentenarian: Bool, today: CalendarDate) -> Int {
        let century = today.year / 100 * 100
        var year = century + shortYear
        if year > today.year { year -= 100 }
        if isCentenarian { year -= 100 }
        return year
    }

    /// "YYYYMMDD-****": the form shown wherever the full number is not needed.
    public var masked: String { String(normalized.prefix(8)) + "-****" }

    public var description: String { masked }
}

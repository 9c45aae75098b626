/// Takes personal data out of free text when a case is pseudonymised: notes, the reasons and conditions
/// written in decisions, and attachment names. Each removed part becomes `PersonalDataRemoval.placeholder`.
///
/// Removed are the case's own personal values (names, addresses, phones, e-mails, identity numbers) wherever
/// they stand as whole words, in any letter case, also in the genitive ("Anderssons"); and, whoever they
/// belong to, every e-mail address, every valid personnummer or samordningsnummer (date and check digit),
/// and every valid phone number (Swedish with area code, or international with +). Technical text stays: anläggnings-ID, dates, fuse sizes, and
/// numbers that are none of these. A 10-digit number that starts with 0 reads as a phone number and goes.
public struct FreeTextPseudonymiser: Sendable {
    /// Lower-cased, longest first, so that "Anna Karin" goes whole before "Anna" is tried.
    private let knownValues: [[String]]
    private let today: CalendarDate

    public init(personalValues: some Sequence<String>, today: CalendarDate) {
        let values = Set(personalValues.map(\.trimmed).filter { $0.count >= 2 }.map { $0.map { $0.lowercased() } })
        knownValues = values.sorted { $0.count > $1.count }
        self.today = today
    }

    public func pseudonymised(_ text: String) -> String {
        let characters = Array(text)
        var result = ""
        var index = 0
        while index < characters.count {
            let startsWord = index == 0 || !characters[index - 1].isWordCharacter
            if startsWord, let end = personalDataEnd(in: characters, from: index) {
                result += PersonalDataRemoval.placeholder
                index = end
            } else {
                result.append(characters[index])
                index += 1
            }
        }
        return result
    }

    /// Where personal data that starts at `start` ends, if some does.
    private func personalDataEnd(in characters: [Character], from start: Int) -> Int? {
        // An e-mail address first, whole: "eva.andersson@…" holds the known values "Eva" and "Andersson".
        emailEnd(in: characters, from: start) ?? knownValueEnd(in: characters, from: start) ?? numberEnd(in: characters, from: start)
    }

    private static let genitives = [["s"], [":", "s"]]

    /// A value as a whole word, or in the genitive ("Anderssons", "Li:s"), which goes with it.
    private func knownValueEnd(in characters: [Character], from start: Int) -> Int? {
        for value in knownValues {
            guard characters.hasLowercased(value, at: start) else { continue }
            var end = start + value.count
            if let genitive = Self.genitives.first(where: { characters.hasLowercased($0, at: end) }) { end += genitive.count }
            if end == characters.count || !characters[end].isWordCharacter { return end }
        }
        return nil
    }

    /// local@domain.tld, with the characters e-mail addresses are written with in practice.
    private func emailEnd(in characters: [Character], from start: Int) -> Int? {
        var index = start
        while index < characters.count, characters[index].isEmailLocalCharacter { index += 1 }
        guard index > start, index < characters.count, characters[index] == "@" else { return nil }
        index += 1
        let domainStart = index
        while index < characters.count, characters[index].isEmailDomainCharacter { index += 1 }
        // A sentence's full stop after the address is not part of it.
        while index > domainStart, characters[index - 1] == "." || characters[index - 1] == "-" { index -= 1 }
        let domain = characters[domainStart..<index]
        guard let lastDot = domain.lastIndex(of: "."), lastDot > domainStart,
              index - lastDot > 2, domain[(lastDot + 1)...].allSatisfy(\.isLetter) else { return nil }
        return index
    }

    /// The longest run of digit groups from `start` that is an identity number or a phone number. Groups are
    /// separated by one space, dash, slash or parenthesis, as people write these numbers.
    private func numberEnd(in characters: [Character], from start: Int) -> Int? {
        var index = start
        if characters[index] == "+" || characters[index] == "(" { index += 1 }
        guard index < characters.count, characters[index].isASCIIDigit else { return nil }
        var groupEnds: [Int] = []
        while index < characters.count {
            guard characters[index].isASCIIDigit else { break }
            while index < characters.count, characters[index].isASCIIDigit { index += 1 }
            groupEnds.append(index)
            guard index + 1 < characters.count, "-+ /()".contains(characters[index]) else { break }
            var next = index + 1
            if characters[index] == ")" && characters[next] == " " { next += 1 }
            guard next < characters.count, characters[next].isASCIIDigit else { break }
            index = next
        }
        for end in groupEnds.reversed() {
            if end < characters.count, characters[end].isWordCharacter { continue }
            let candidate = String(characters[start..<end])
            if (try? PersonalIdentityNumber(parsing: candidate, today: today)) != nil { return end }
            if candidate.asciiDigits.count >= 8, (try? PhoneNumber(parsing: candidate)) != nil { return end }
        }
        return nil
    }
}

private extension [Character] {
    /// Whether `lowercased` (one lower-cased character each) stands here from `start`, in any letter case.
    func hasLowercased(_ lowercased: [String], at start: Int) -> Bool {
        start + lowercased.count <= count && zip(self[start...], lowercased).allSatisfy { $0.lowercased() == $1 }
    }
}

private extension Character {
    var isWordCharacter: Bool { isLetter || isNumber }
    var isASCIIDigit: Bool { isASCII && isNumber }
    var isEmailLocalCharacter: Bool { isASCII && (isLetter || isNumber || "._%+-".contains(self)) }
    var isEmailDomainCharacter: Bool { isASCII && (isLetter || isNumber || ".-".contains(self)) }
}

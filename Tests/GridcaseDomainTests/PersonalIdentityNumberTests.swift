import PropertyBased
import Testing
@testable import GridcaseDomain

@Suite struct PersonalIdentityNumberTests {
    let today = CalendarDate(year: 2026, month: 11, day: 27)!

    @Test(arguments: [
        ("811218-9876", "19811218-9876"),
        ("8112189876", "19811218-9876"),
        ("19811218-9876", "19811218-9876"),
        ("198112189876", "19811218-9876"),
        (" 121212-1212 ", "20121212-1212"),
        ("121212+1212", "19121212-1212"),
    ])
    func acceptsWorkedExamples(input: String, normalized: String) throws {
        let number = try PersonalIdentityNumber(parsing: input, today: today)
        #expect(number.normalized == normalized)
        #expect(number.isCoordinationNumber == false)
    }

    @Test func acceptsCoordinationNumberWithDayPlusSixty() throws {
        // 701063-2391: born 1970-10-03, coordination number (day 63 = 3 + 60).
        let number = try PersonalIdentityNumber(parsing: "701063-2391", today: today)
        #expect(number.isCoordinationNumber)
        #expect(number.birthDate == CalendarDate(year: 1970, month: 10, day: 3))
        #expect(number.normalized == "19701063-2391")
    }

    @Test func rejectsWrongCheckDigit() {
        #expect(throws: FieldError("Personnumret är felaktigt: kontrollsiffran stämmer inte.")) {
            try PersonalIdentityNumber(parsing: "811218-9875", today: today)
        }
    }

    @Test(arguments: ["810230-1234", "811318-9876", "810229-1232", "811200-9876"])
    func rejectsDatesThatDoNotExist(input: String) {
        #expect(throws: FieldError("Personnumret innehåller ett datum som inte finns.")) {
            try PersonalIdentityNumber(parsing: input, today: today)
        }
    }

    @Test func rejectsFutureBirthDateInTwelveDigitForm() {
        #expect(throws: FieldError("Födelsedatumet i personnumret ligger i framtiden.")) {
            try PersonalIdentityNumber(parsing: "20301218-9876", today: today)
        }
    }

    @Test(arguments: ["", "81121", "81121898761", "abc", "811218_9876"])
    func rejectsMalformedInput(input: String) {
        #expect(throws: FieldError.self) { try PersonalIdentityNumber(parsing: input, today: today) }
    }

    @Test func masksAllButTheBirthDate() throws {
        #expect(try PersonalIdentityNumber(parsing: "811218-9876", today: today).masked == "19811218-****")
    }

    @Test func centuryOfTenDigitFormIsTheLatestNotInTheFuture() {
        #expect(PersonalIdentityNumber.fullYear(shortYear: 26, isCentenarian: false, today: today) == 2026)
        #expect(PersonalIdentityNumber.fullYear(shortYear: 27, isCentenarian: false, today: today) == 1927)
        #expect(PersonalIdentityNumber.fullYear(shortYear: 27, isCentenarian: true, today: today) == 1827)
    }

    @Test func everyValidDateWithComputedCheckDigitRoundTrips() async {
        let dates = zip(Gen.int(in: 1900...2025), Gen.int(in: 1...12), Gen.int(in: 1...31))
            .compactMap { CalendarDate(year: $0.0, month: $0.1, day: $0.2) }
        await propertyCheck(input: dates, Gen.int(in: 0...999), Gen.bool) { date, serial, coordination in
            let (year, month, day) = (date.year, date.month, date.day)
            let payload = [year / 10 % 10, year % 10, month / 10, month % 10]
                + [(day + (coordination ? 60 : 0)) / 10, (day + (coordination ? 60 : 0)) % 10]
                + [serial / 100, serial / 10 % 10, serial % 10]
            let digits = payload + [Luhn.checkDigit(for: payload)]
            let twelve = String(year / 100) + digits.map(String.init).joined()
            let parsed = try? PersonalIdentityNumber(parsing: twelve, today: today)
            #expect(parsed?.birthDate == CalendarDate(year: year, month: month, day: day))
            #expect(parsed?.isCoordinationNumber == coordination)
            #expect(parsed?.normalized.filter(\.isNumber) == twelve)

            // Any other last digit is refused.
            let wrong = (digits[9] + 1) % 10
            let broken = String(twelve.dropLast()) + String(wrong)
            #expect(throws: FieldError.self) { try PersonalIdentityNumber(parsing: broken, today: today) }
        }
    }
}

import PropertyBased
import Testing
@testable import GridcaseDomain

@Suite struct PostalCodeTests {
    @Test(arguments: [("25220", "252 20"), ("252 20", "252 20"), ("SE-263 31", "263 31"), (" 11122 ", "111 22")])
    func normalizes(input: String, normalized: String) throws {
        #expect(try PostalCode(parsing: input).normalized == normalized)
    }

    @Test(arguments: ["", "2522", "252201", "05220", "25a20"])
    func rejects(input: String) {
        #expect(throws: FieldError.self) { try PostalCode(parsing: input) }
    }

    @Test func everyFiveDigitCodeNotStartingWithZeroIsAccepted() async {
        await propertyCheck(input: Gen.int(in: 10000...99999)) { number in
            let code = try? PostalCode(parsing: String(number))
            #expect(code?.normalized.filter(\.isNumber) == String(number))
        }
    }
}

@Suite struct EmailAddressTests {
    @Test(arguments: [("Anna.Svensson@Example.SE", "anna.svensson@example.se"), (" a@b.se ", "a@b.se")])
    func normalizes(input: String, normalized: String) throws {
        #expect(try EmailAddress(parsing: input).normalized == normalized)
    }

    @Test(arguments: ["", "anna", "anna@", "@example.se", "anna@example", "anna@@example.se", "an na@example.se", "anna@-x.se"])
    func rejects(input: String) {
        #expect(throws: FieldError.self) { try EmailAddress(parsing: input) }
    }
}

@Suite struct PhoneNumberTests {
    @Test(arguments: [
        ("070-123 45 67", "+46701234567"),
        ("+46 70 123 45 67", "+46701234567"),
        ("0046701234567", "+46701234567"),
        ("042-12 34 56", "+4642123456"),
        ("08-123 456 78", "+46812345678"),
        ("+47 912 34 567", "+4791234567"),
    ])
    func normalizes(input: String, e164: String) throws {
        #expect(try PhoneNumber(parsing: input).e164 == e164)
    }

    @Test func showsSwedishNumbersInNationalForm() throws {
        #expect(try PhoneNumber(parsing: "+46701234567").display == "0701234567")
        #expect(try PhoneNumber(parsing: "+4791234567").display == "+4791234567")
    }

    @Test(arguments: ["", "12345", "070-12", "0701234567890", "070 123 45 67 ext", "+46 070 123 45 67", "701234567"])
    func rejects(input: String) {
        #expect(throws: FieldError.self) { try PhoneNumber(parsing: input) }
    }
}

import PropertyBased
import Testing
@testable import GridcaseDomain

@Suite struct OrganizationNumberTests {
    @Test(arguments: [
        ("556016-0680", "556016-0680"),
        ("5560160680", "556016-0680"),
        ("16556016-0680", "556016-0680"),
        ("202100-5448", "202100-5448"),
        ("556012 5790", "556012-5790"),
    ])
    func acceptsWorkedExamples(input: String, normalized: String) throws {
        #expect(try OrganizationNumber(parsing: input).normalized == normalized)
    }

    @Test func rejectsWrongCheckDigit() {
        #expect(throws: FieldError("Organisationsnumret är felaktigt: kontrollsiffran stämmer inte.")) {
            try OrganizationNumber(parsing: "556016-0681")
        }
    }

    @Test func rejectsThirdDigitBelowTwo() {
        // 811218-9876 is a valid personnummer, not an organisationsnummer.
        #expect(throws: FieldError("Organisationsnumret är felaktigt: tredje siffran ska vara 2 eller högre.")) {
            try OrganizationNumber(parsing: "811218-9876")
        }
    }

    @Test(arguments: ["", "55601606", "19556016-0680", "556016-068O"])
    func rejectsMalformedInput(input: String) {
        #expect(throws: FieldError.self) { try OrganizationNumber(parsing: input) }
    }

    @Test func computedCheckDigitsAreAcceptedAndOthersRefused() async {
        let payloads = Gen.int(in: 0...9).array(of: 9).filter { $0[2] >= 2 }
        await propertyCheck(input: payloads) { payload in
            let check = Luhn.checkDigit(for: payload)
            let valid = (payload + [check]).map(String.init).joined()
            #expect((try? OrganizationNumber(parsing: valid)) != nil)
            let invalid = (payload + [(check + 3) % 10]).map(String.init).joined()
            #expect((try? OrganizationNumber(parsing: invalid)) == nil)
        }
    }
}

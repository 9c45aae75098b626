import PropertyBased
import Testing
@testable import GridcaseDomain

@Suite struct GSRNTests {
    @Test(arguments: ["735999000000000013", "735999 000123 456780", "735999111222333442"])
    func acceptsWorkedExamples(input: String) throws {
        let id = try GSRN(parsing: input)
        #expect(id.normalized == input.filter(\.isNumber))
        #expect(id.warning == nil)
    }

    @Test func rejectsWrongCheckDigit() {
        #expect(throws: FieldError("Anläggnings-ID är felaktigt: kontrollsiffran stämmer inte.")) {
            try GSRN(parsing: "735999000000000014")
        }
    }

    @Test func foreignPrefixIsAWarningNotAnError() throws {
        // 707057500000000019: a Norwegian-style prefix with a correct GS1 check digit.
        let payload = "70705750000000001".compactMap(\.wholeNumberValue)
        let id = try GSRN(parsing: payload.map(String.init).joined() + String(GSRN.checkDigit(for: payload)))
        #expect(id.warning?.contains("735999") == true)
    }

    @Test(arguments: ["", "73599900000000001", "7359990000000000133", "73599900000000001X"])
    func rejectsMalformedInput(input: String) {
        #expect(throws: FieldError.self) { try GSRN(parsing: input) }
    }

    @Test func everyPayloadWithItsCheckDigitIsAcceptedAndNoOtherDigit() async {
        await propertyCheck(input: Gen.int(in: 0...9).array(of: 11), Gen.int(in: 1...9)) { tail, shift in
            let payload = [7, 3, 5, 9, 9, 9] + tail
            let check = GSRN.checkDigit(for: payload)
            #expect((try? GSRN(parsing: (payload + [check]).map(String.init).joined())) != nil)
            #expect((try? GSRN(parsing: (payload + [(check + shift) % 10]).map(String.init).joined())) == nil)
        }
    }
}

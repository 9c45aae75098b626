import Testing
@testable import GridcaseApp

@Suite struct SecureTokenTests {
    @Test func theStoredHashIsTheSHA256OfTheTokenInLowerCaseHex() {
        // FIPS 180-2's worked example for "abc".
        #expect(SecureToken.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SecureToken.hex([0x00, 0x0f, 0xf0, 0xff]) == "000ff0ff")
    }

    @Test func generatedTokensAreURLSafeAndDifferent() {
        let tokens = (0..<50).map { _ in SecureToken.generate() }
        #expect(Set(tokens).count == 50)
        #expect(tokens.allSatisfy { $0.count == 43 && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } })
    }

    @Test func constantTimeComparisonTellsEqualFromDifferent() {
        #expect(SecureToken.constantTimeEquals("abc", "abc"))
        #expect(!SecureToken.constantTimeEquals("abc", "abd"))
        #expect(!SecureToken.constantTimeEquals("abc", "abcd"))
    }
}

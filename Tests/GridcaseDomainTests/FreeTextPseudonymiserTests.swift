import Testing
@testable import GridcaseDomain

@Suite struct FreeTextPseudonymiserTests {
    let today = CalendarDate(year: 2026, month: 11, day: 28)!
    let gone = PersonalDataRemoval.placeholder

    func pseudonymised(_ text: String, knowing values: [String] = []) -> String {
        FreeTextPseudonymiser(personalValues: values, today: today).pseudonymised(text)
    }

    @Test func theCasesOwnValuesGoWhereverTheyStandAsWholeWordsInAnyCase() {
        let values = ["Sara", "Karlsson", "Kyrkogatan 97", "553 67", "Jönköping"]
        #expect(pseudonymised("Ring SARA karlsson om mätarskåpet på Kyrkogatan 97, 553 67 jönköping.", knowing: values)
            == "Ring \(gone) \(gone) om mätarskåpet på \(gone), \(gone) \(gone).")
        #expect(pseudonymised("Sarah Karlssonska granne", knowing: values) == "Sarah Karlssonska granne",
                "a longer word that begins with a value is another word")
        #expect(pseudonymised("Karlssons mätarskåp, Saras nyckel, SARA:S bil", knowing: values) == "\(gone) mätarskåp, \(gone) nyckel, \(gone) bil",
                "the genitive goes with the name")
        #expect(pseudonymised("Kyrkogatan 97A", knowing: values) == "Kyrkogatan 97A")
    }

    @Test func anEmailAddressGoesWholeEvenWhenItHoldsKnownValues() {
        #expect(pseudonymised("Skriv till eva.andersson@exempel.se", knowing: ["Eva", "Andersson"]) == "Skriv till \(gone)")
    }

    @Test func aLongerValueGoesWholeBeforeAShorterOneInIt() {
        #expect(pseudonymised("Anna Karin ringer", knowing: ["Anna", "Anna Karin"]) == "\(gone) ringer")
    }

    @Test func valuesShorterThanTwoCharactersAndBlanksAreNotLookedFor() {
        #expect(pseudonymised("Fas L1 och N, 3 x 25 A", knowing: ["L", " ", "", "A"]) == "Fas L1 och N, 3 x 25 A")
    }

    @Test(arguments: [
        "811218-9876", "8112189876", "19811218-9876", "198112189876", "811218 9876", "701063-2391",
    ])
    func anyValidIdentityNumberGoes(number: String) {
        #expect(pseudonymised("Ägarens personnr: \(number).") == "Ägarens personnr: \(gone).")
    }

    @Test func anIdentityNumberWithAWrongCheckDigitOrDateStays() {
        #expect(pseudonymised("Nr 811218-9875 och 811332-9876") == "Nr 811218-9875 och 811332-9876")
    }

    @Test(arguments: [
        "070-123 45 67", "0701234567", "070 123 45 67", "+46 70 123 45 67", "+46701234567", "042-12 34 56",
        "08-123 456 78", "(08) 123 456 78", "+47 912 34 567", "0046 70 123 45 67",
    ])
    func anyValidPhoneNumberGoes(number: String) {
        #expect(pseudonymised("Nås på \(number) efter kl 16") == "Nås på \(gone) efter kl 16")
    }

    @Test(arguments: [
        "mats.larsson@example.se", "Mats.Larsson+el@exempel-elnat.co.uk", "info@el.se",
    ])
    func anyEmailAddressGoesButNotTheFullStopAfterIt(address: String) {
        #expect(pseudonymised("Svara till \(address).") == "Svara till \(gone).")
    }

    @Test func twoNumbersInARowGoEachOnTheirOwn() {
        #expect(pseudonymised("811218-9876 0701234567") == "\(gone) \(gone)")
        #expect(pseudonymised("Kontakt: 0701234567/0709876543") == "Kontakt: \(gone)/\(gone)")
    }

    @Test func technicalTextStays() {
        let text = """
            Anläggnings-ID 735999000000000013, mätare M000000123, huvudsäkring 3 x 25 A, 11 kW. \
            Inkoppling 2026-12-03 kl. 08:00. Servis 4x16 mm², 25 m. Tekniskt nr T-123, ärende GC-2026-00042. \
            Fakturareferens 4500123, org.nr 556712-3459.
            """
        #expect(pseudonymised(text) == text)
    }

    @Test func textWithoutPersonalDataIsUnchangedAndEmptyTextStaysEmpty() {
        #expect(pseudonymised("Godkänd enligt ansökan. Kontakta driftcentralen före arbete.") == "Godkänd enligt ansökan. Kontakta driftcentralen före arbete.")
        #expect(pseudonymised("") == "")
    }

    @Test func aNumberGluedToAWordIsNotReadAsAPhoneNumber() {
        #expect(pseudonymised("kabel0701234567x") == "kabel0701234567x")
    }
}

import Foundation
import PropertyBased
import Testing
@testable import GridcaseDomain

@Suite struct FacilityRecordJSONTests {
    @Test func leavesEmptyValuesOutAndNestsTheParties() throws {
        var record = FacilityRecord(gsrn: "735999000000000013")
        record.meterNumber = "73001001"
        var owner = PartyRecord()
        owner.lastName = "Ek"
        record.owner = owner
        #expect(record.jsonDocument == #"{"gsrn":"735999000000000013","meterNumber":"73001001","owner":{"lastName":"Ek"}}"#)
    }

    @Test func anyRecordDecodesBackToItself() async {
        let alphabet = Array("aÖ\"\\/\n\r\t\u{01}\u{1F} é😀{}:,")
        let text = Gen.element(of: alphabet).compactMap { $0 }.array(of: 0...8).map { String($0) }
        let optionalText = text.map { $0.isEmpty ? nil : $0 }
        await propertyCheck(input: text, optionalText, optionalText, Gen.bool) { gsrn, street, lastName, hasBilling in
            var record = FacilityRecord(gsrn: gsrn)
            record.streetAddress = street
            record.city = lastName.map { $0 + "stad" }
            var party = PartyRecord()
            party.lastName = lastName
            party.invoiceReference = street
            record.owner = party
            record.billing = hasBilling ? party : nil
            let decoded = try? JSONDecoder().decode(FacilityRecord.self, from: Data(record.jsonDocument.utf8))
            #expect(decoded == record)
        }
    }
}

@Suite struct PersonalDataRemovalTests {
    let today = CalendarDate(year: 2026, month: 11, day: 28)!

    @Test func personalFieldsGoEverythingElseStays() {
        let values = ["owner.lastName": "Andersson", "owner.identityNumber": "19811218-9876", "owner.email": "eva@exempel.se",
                      "facility.streetAddress": "Storgatan 1", "facility.facilityID": "735999000000000013", "facility.city": "Helsingborg"]
        #expect(PersonalDataRemoval(caseValues: values, today: today).pseudonymised(values)
            == ["facility.facilityID": "735999000000000013", "facility.city": "Helsingborg"])
        for key in ["owner.name", "owner.firstName", "owner.careOf", "owner.phone", "billing.lastName", "billing.identityNumber",
                    "billing.streetAddress", "billing.postalCode", "billing.city", "billing.email"] {
            #expect(PersonalDataRemoval.personalFieldKeys.contains(key), "\(key) is personal data")
        }
    }

    @Test func freeTextFieldsLoseTheCasesPersonalValuesAndKeepTheRest() {
        let values = ["owner.lastName": "Andersson", "owner.phone": "070-123 45 67",
                      "facility.otherInformation": "Nyckel hos Andersson, ring 070-123 45 67. Mätarskåp på fasaden."]
        let removal = PersonalDataRemoval(caseValues: values, today: today)
        #expect(removal.pseudonymised(values) == ["facility.otherInformation": "Nyckel hos (borttaget), ring (borttaget). Mätarskåp på fasaden."])
        #expect(PersonalDataRemoval.freeTextFieldKeys == ["facility.otherInformation"])
        let change = removal.pseudonymised(FieldChange(key: "facility.otherInformation", old: "Ring Andersson", new: "Ring först"))
        #expect(change == FieldChange(key: "facility.otherInformation", old: "Ring (borttaget)", new: "Ring först"))
    }

    @Test func theHistoryKeepsThatAFieldChangedButNotItsValues() {
        let removal = PersonalDataRemoval(caseValues: ["owner.lastName": "Andersson"], today: today)
        let change = removal.pseudonymised(FieldChange(key: "owner.lastName", old: nil, new: "Andersson"))
        #expect(change == FieldChange(key: "owner.lastName", old: nil, new: "(borttaget)"))
        let kept = FieldChange(key: "facility.mainFuseRequested", old: "20", new: "25")
        #expect(removal.pseudonymised(kept) == kept)
    }

    @Test func aDecisionLosesPersonalDataFromItsTextsOnly() {
        var details = CaseDecisionDetails()
        details.reason = "Andersson har inte svarat"
        details.conditions = "Ring Andersson före inkoppling"
        details.note = "Mätaren satt hos Andersson"
        details.fittedMeterNumber = "12345678"
        details.earliestConnectionDate = "2026-12-03"
        let kept = PersonalDataRemoval(caseValues: ["owner.lastName": "Andersson"], today: today).pseudonymised(details)
        #expect(kept.reason == "(borttaget) har inte svarat" && kept.conditions == "Ring (borttaget) före inkoppling"
                && kept.note == "Mätaren satt hos (borttaget)")
        #expect(kept.fittedMeterNumber == "12345678" && kept.earliestConnectionDate == "2026-12-03")
    }

    @Test(arguments: CaseStatus.allCases)
    func onlyAFinishedCaseLosesItsPersonalData(status: CaseStatus) {
        #expect(PersonalDataRemoval.mayRemove(from: status) == [.closed, .cancelled].contains(status))
    }
}

import Testing
@testable import GridcaseDomain

@Suite struct FacilityDataOverwriteTests {
    enum CaseValue: CaseIterable { case empty, same, different }

    /// Every field the register can fill x (case empty / same / different) x Ja/Nej, checked against the
    /// manual's rules one by one.
    @Test(arguments: [true, false])
    func everyFieldFollowsTheManualsRules(overwrite: Bool) {
        for key in FacilityRecord.fillableFields {
            for caseValue in CaseValue.allCases {
                let registerValue = "registrets-\(key)"
                var current: [String: String] = [:]
                switch caseValue {
                case .empty: break
                case .same: current[key] = registerValue
                case .different: current[key] = "eget-\(key)"
                }
                let plan = FacilityDataOverwrite.plan(current: current, fetched: [key: registerValue], overwrite: overwrite)
                let expected: String? = switch caseValue {
                case .empty, .same: registerValue
                case .different:
                    overwrite || FacilityDataOverwrite.alwaysOverwritten.contains(key) ? registerValue : "eget-\(key)"
                }
                #expect(plan.result[key] == expected, "\(key), case \(caseValue), overwrite \(overwrite)")
                let changed = caseValue == .empty || (caseValue == .different && expected == registerValue)
                #expect(plan.changes.contains { $0.key == key } == changed, "\(key) listed as a change")
                #expect(plan.kept.contains { $0.key == key } == (caseValue == .different && !changed), "\(key) listed as kept")
            }
        }
    }

    @Test(arguments: [true, false])
    func eanTechnicalNumberAndMeterNumberAreAlwaysOverwritten(overwrite: Bool) {
        let current = ["facility.facilityID": "735999000000000013", "facility.technicalNumber": "gammalt",
                       "facility.meterNumber": "111", "facility.city": "Malmö"]
        let fetched = ["facility.facilityID": "735999000123456780", "facility.technicalNumber": "HBG-1",
                       "facility.meterNumber": "222", "facility.city": "Helsingborg"]
        let plan = FacilityDataOverwrite.plan(current: current, fetched: fetched, overwrite: overwrite)
        #expect(plan.result["facility.facilityID"] == "735999000123456780")
        #expect(plan.result["facility.technicalNumber"] == "HBG-1")
        #expect(plan.result["facility.meterNumber"] == "222")
        #expect(plan.result["facility.city"] == (overwrite ? "Helsingborg" : "Malmö"))
    }

    @Test(arguments: [true, false])
    func personalIdentityNumbersAreNeverTouched(overwrite: Bool) {
        let current = ["owner.identityNumber": "19811218-9876"]
        let fetched = ["owner.identityNumber": "19121212-1212", "billing.identityNumber": "19121212-1212"]
        let plan = FacilityDataOverwrite.plan(current: current, fetched: fetched, overwrite: overwrite)
        #expect(plan.result["owner.identityNumber"] == "19811218-9876")
        #expect(plan.result["billing.identityNumber"] == nil)
        #expect(plan.changes.isEmpty && plan.kept.isEmpty)
    }

    @Test func fieldsTheRegisterLacksAreNeverEmptied() {
        let plan = FacilityDataOverwrite.plan(current: ["facility.apartment": "lgh 1102", "facility.city": "Bjuv"],
                                              fetched: ["facility.city": "Helsingborg"], overwrite: true)
        #expect(plan.result["facility.apartment"] == "lgh 1102")
        #expect(plan.result["facility.city"] == "Helsingborg")
    }

    @Test func jaIsSuggestedOnlyWhileTheRegistersFieldsAreEmpty() {
        #expect(FacilityDataOverwrite.suggestsOverwrite(current: [:]))
        #expect(FacilityDataOverwrite.suggestsOverwrite(current: ["installer.contactPerson": "Anna"]))
        #expect(!FacilityDataOverwrite.suggestsOverwrite(current: ["facility.city": "Höganäs"]))
    }

    @Test func theRegisterNeverFillsAnIdentityNumber() {
        #expect(!FacilityRecord.fillableFields.contains("owner.identityNumber"))
        #expect(!FacilityRecord.fillableFields.contains("billing.identityNumber"))
        #expect(FacilityRecord.fillableFields.contains("billing.invoiceReference"))
    }
}

@Suite struct FacilityLookupKeyTests {
    @Test func bothEmptyIsRefusedBeforeAnyLookup() {
        guard case .failure(let outcome) = FacilityLookupKey.parse(meterNumber: " ", gsrn: "") else {
            Issue.record("accepted empty input"); return
        }
        #expect(outcome == .invalidInput("Ange mätarnummer eller anläggnings-ID (EAN)."))
        #expect(outcome.statusCode == 210)
    }

    @Test func aMalformedGSRNIsRefusedWithItsReason() {
        guard case .failure(let outcome) = FacilityLookupKey.parse(meterNumber: "", gsrn: "735999000000000014") else {
            Issue.record("accepted a bad check digit"); return
        }
        #expect(outcome == .invalidInput("Anläggnings-ID är felaktigt: kontrollsiffran stämmer inte."))
    }

    @Test func bothNumbersMustPointAtTheSameFacility() throws {
        let key = try FacilityLookupKey.parse(meterNumber: "73001001", gsrn: "735999000000000013").get()
        var record = FacilityRecord(gsrn: "735999000000000013")
        record.meterNumber = "73001001"
        #expect(key.matches(record))
        record.meterNumber = "73009999"
        #expect(!key.matches(record))
        #expect(FacilityLookupOutcome.mismatch.statusCode == 211)
    }

    @Test func statusCodesAndTextsFollowTheManual() {
        var record = FacilityRecord(gsrn: "735999000000000013")
        record.city = "Helsingborg"
        #expect(FacilityLookupOutcome.found(record).statusCode == 100)
        let notFound = FacilityLookupOutcome.notFound("Request failed with http status code 404 (NotFound): Installation not found")
        #expect(notFound.statusCode == 201)
        #expect(notFound.statusText.hasSuffix("Request failed with http status code 404 (NotFound): Installation not found"))
        #expect(FacilityLookupOutcome.unavailable("x").statusCode == 202)
        #expect(FacilityLookupOutcome.invalidResponse("x").statusCode == 203)
    }
}

@Suite struct FacilityCSVTests {
    static let areas: Set<String> = ["HBG", "HOG"]

    func row(_ overrides: [Int: String] = [:]) -> [String] {
        var fields = Array(repeating: "", count: FacilityCSV.columns.count)
        fields[0] = "735999000000000013"; fields[2] = "73001001"; fields[3] = "Storgatan 1"; fields[7] = "HBG"
        fields[11] = "person"; fields[13] = "Lindgren"; fields[14] = "Maja"; fields[31] = "Kundnr 5"
        for (index, value) in overrides { fields[index] = value }
        return fields
    }

    @Test func aGoodRowBecomesAFacilityWithItsParties() throws {
        let record = try FacilityCSV.record(from: row(), line: 2, knownAreaCodes: Self.areas).get()
        #expect(record.gsrn == "735999000000000013")
        #expect(record.owner?.lastName == "Lindgren")
        #expect(record.billing?.invoiceReference == "Kundnr 5")
        #expect(record.caseFieldValues["facility.streetAddress"] == "Storgatan 1")
    }

    @Test func badRowsAreRefusedWithLineAndReason() {
        let checkDigit = FacilityCSV.record(from: row([0: "735999000000000014"]), line: 7, knownAreaCodes: Self.areas)
        #expect(checkDigit == .failure(.init(line: 7, reason: "anläggnings-ID: Anläggnings-ID är felaktigt: kontrollsiffran stämmer inte.")))
        let area = FacilityCSV.record(from: row([7: "XYZ"]), line: 8, knownAreaCodes: Self.areas)
        #expect(area == .failure(.init(line: 8, reason: "okänt nätområde XYZ")))
        let columns = FacilityCSV.record(from: Array(row().dropLast()), line: 9, knownAreaCodes: Self.areas)
        #expect(columns == .failure(.init(line: 9, reason: "fel antal kolumner: 31, ska vara 32")))
    }

    @Test func theSeparatorIsReadFromTheHeader() {
        #expect(FacilityCSV.separator(ofHeader: FacilityCSV.columns.joined(separator: ";")) == ";")
        #expect(FacilityCSV.separator(ofHeader: FacilityCSV.columns.joined(separator: ",")) == ",")
        #expect(FacilityCSV.checkHeader(FacilityCSV.columns) == nil)
        #expect(FacilityCSV.checkHeader(Array(FacilityCSV.columns.reversed())) != nil)
    }
}

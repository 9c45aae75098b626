import Fluent
import GridcaseDomain
import Testing
import Vapor
import VaporTesting
@testable import GridcaseApp

/// The dialog "Hämta Installations och anläggningsdata" through whole requests (manual steps 8-17).
@Suite struct FacilityDataDialogTests {
    func open(_ t: TestApp) async throws -> (Browser, UUID) {
        let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
        let id = try await t.createCase(browser)
        return (browser, id)
    }

    func fetch(_ browser: Browser, _ id: UUID, meter: String = "", gsrn: String = "", overwrite: String) async throws -> TestingHTTPResponse {
        try await browser.get(SitePath.caseFacilityData(.value(id)).relative)
        return try await browser.post(SitePath.caseFacilityData(.value(id)).relative,
                                      form: ["meterNumber": meter, "gsrn": gsrn, "overwrite": overwrite])
    }

    /// Presses Uppdatera och stäng with the hidden fields of the preview page.
    func apply(_ browser: Browser, _ id: UUID, preview: String) async throws -> TestingHTTPResponse {
        var form: [String: String] = [:]
        for name in ["meterNumber", "gsrn", "overwrite", "digest", "version"] {
            form[name] = Browser.hiddenValue(name, in: preview.components(separatedBy: "facility-data/apply").last ?? "") ?? ""
        }
        return try await browser.post(SitePath.caseFacilityDataApply(.value(id)).relative, form: form)
    }

    @Test func theDialogHasTheManualsLabelsAndSuggestsJaForAnEmptyNotification() async throws {
        try await TestApp.run { t in
            let (browser, id) = try await open(t)
            let html = try await browser.get(SitePath.caseFacilityData(.value(id)).relative).body.string
            for text in ["Hämta Installations och anläggningsdata", "Uppge antingen:", ">Mätarnummer<", "Anläggnings ID (EAN)",
                         "Skriv över fält i anmälan?", ">Hämta data<", ">Avbryt<", "Status kod:", "Status text:"] {
                #expect(html.contains(text), "\(text)")
            }
            #expect(html.contains(#"id="overwrite-yes" name="overwrite" value="yes" checked"#))
            try await t.save(browser, case: id, fields: ["facility.city": "Bjuv"])
            let later = try await browser.get(SitePath.caseFacilityData(.value(id)).relative).body.string
            #expect(later.contains(#"id="overwrite-no" name="overwrite" value="no" checked"#), "Nej once fields are filled")
        }
    }

    @Test func foundIs100WithAPreviewAndUppdateraOchStangAppliesIt() async throws {
        try await TestApp.run { t in
            let (browser, id) = try await open(t)
            let preview = try await fetch(browser, id, meter: "73001001", overwrite: "yes")
            let html = preview.body.string
            #expect(html.contains(#"<dd id="status-code">100</dd>"#))
            #expect(html.contains("slutfördes utan problem"))
            #expect(html.contains("<td>Anläggning: Utdelningsadress</td><td>(tomt)</td><td>Drottninggatan 14</td>"))
            #expect(try await t.loadCase(id).fieldValues(t.app.personalData)["facility.streetAddress"] == nil, "nothing applied before Uppdatera och stäng")

            let applied = try await apply(browser, id, preview: html)
            #expect(applied.status == .seeOther)
            let record = try await t.loadCase(id)
            #expect(try record.fieldValues(t.app.personalData)["facility.streetAddress"] == "Drottninggatan 14")
            #expect(try record.fieldValues(t.app.personalData)["facility.postalCode"] == "252 21")
            #expect(try record.fieldValues(t.app.personalData)["owner.lastName"] == "Lindgren")
            #expect(try record.fieldValues(t.app.personalData)["owner.phone"] == "+46701112233")
            #expect(try record.fieldValues(t.app.personalData)["facility.facilityID"] == DemoFacilities.gsrn(1001))
            #expect(try record.fieldValues(t.app.personalData)["owner.identityNumber"] == nil, "the register never hands out personnummer")

            let page = try await browser.get(SitePath.caseDetail(.value(id)).relative).body.string
            #expect(page.contains("Anläggningsdata hämtad"))
            #expect(page.contains("Anläggning: Utdelningsadress: (tomt) → Drottninggatan 14"))
            #expect(page.contains("Person- och organisationsnummer lämnas inte ut av nätbolagets register. Fråga kunden"))
        }
    }

    @Test func nejFillsOnlyEmptyFieldsButAlwaysReplacesTheThreeNumbers() async throws {
        try await TestApp.run { t in
            let (browser, id) = try await open(t)
            try await t.save(browser, case: id, fields: [
                "facility.streetAddress": "Min egen adress 1", "facility.meterNumber": "73001001",
                "facility.technicalNumber": "GAMMALT", "owner.kind": "person", "owner.identityNumber": "811218-9876",
            ])
            let preview = try await fetch(browser, id, meter: "73001001", overwrite: "no").body.string
            #expect(preview.contains("<td>Anläggning: Utdelningsadress</td><td>Min egen adress 1</td><td>Drottninggatan 14</td>"),
                    "shown as kept")
            try await apply(browser, id, preview: preview)
            let values = try await t.loadCase(id).fieldValues(t.app.personalData)
            #expect(values["facility.streetAddress"] == "Min egen adress 1")
            #expect(values["facility.technicalNumber"] == "HBG-40211")
            #expect(values["facility.city"] == "Helsingborg")
            #expect(values["owner.identityNumber"] == "19811218-9876")
        }
    }

    @Test func jaReplacesFilledFieldsButNeverTheIdentityNumber() async throws {
        try await TestApp.run { t in
            let (browser, id) = try await open(t)
            try await t.save(browser, case: id, fields: [
                "facility.streetAddress": "Min egen adress 1", "owner.kind": "person", "owner.identityNumber": "811218-9876",
            ])
            let preview = try await fetch(browser, id, gsrn: DemoFacilities.gsrn(1001), overwrite: "yes").body.string
            try await apply(browser, id, preview: preview)
            let values = try await t.loadCase(id).fieldValues(t.app.personalData)
            #expect(values["facility.streetAddress"] == "Drottninggatan 14")
            #expect(values["owner.identityNumber"] == "19811218-9876")
        }
    }

    @Test func anUnknownNumberIs201AndTheInstallerCanCorrectItAndFetchAgain() async throws {
        try await TestApp.run { t in
            let (browser, id) = try await open(t)
            let missing = try await fetch(browser, id, meter: "99999999", overwrite: "yes").body.string
            #expect(missing.contains(#"<dd id="status-code">201</dd>"#))
            #expect(missing.contains("misslyckades med följande felmeddelande: Mätarnumret finns inte i nätbolagets register."))
            #expect(!missing.contains("Uppdatera och stäng"))
            #expect(missing.contains(#"value="99999999""#), "the number stays to be corrected")
            let corrected = try await browser.post(SitePath.caseFacilityData(.value(id)).relative,
                                                   form: ["meterNumber": "73001002", "gsrn": "", "overwrite": "yes"])
            #expect(corrected.body.string.contains(#"<dd id="status-code">100</dd>"#))
        }
    }

    @Test(arguments: [
        ("", "", "210", "Ange mätarnummer eller anläggnings-ID (EAN)."),
        ("", "735999000000000014", "210", "kontrollsiffran stämmer inte"),
        ("73001001", "735999000000010029", "211", "hör till olika anläggningar"),
    ])
    func inputChecksGiveSpecificMessages(meter: String, gsrn: String, code: String, message: String) async throws {
        try await TestApp.run { t in
            let (browser, id) = try await open(t)
            let html = try await fetch(browser, id, meter: meter, gsrn: gsrn, overwrite: "yes").body.string
            #expect(html.contains(#"<dd id="status-code">\#(code)</dd>"#))
            #expect(html.contains(message))
            let logged = try await FacilityLookupLog.query(on: t.app.db).count()
            #expect(logged == (code == "210" ? 0 : 1), "input refused before any register call is not a lookup")
        }
    }

    @Test func everyLookupIsLoggedWithoutPersonalData() async throws {
        try await TestApp.run { t in
            let (browser, id) = try await open(t)
            try await fetch(browser, id, meter: "73001001", overwrite: "yes")
            try await fetch(browser, id, meter: "99999999", overwrite: "yes")
            let logs = try await FacilityLookupLog.query(on: t.app.db).sort(\.$statusCode).all()
            #expect(logs.map(\.statusCode) == [100, 201])
            #expect(logs.allSatisfy { $0.$caseRecord.id == id && $0.meterNumber != nil })
        }
    }

    @Test func onlyTheInstallerCompanysOwnDraftCanBeFilled() async throws {
        try await TestApp.run { t in
            let (browser, id) = try await open(t)
            let other = try await t.signedIn(Demo.email(.installer, of: Demo.solkraft))
            #expect(try await other.get(SitePath.caseFacilityData(.value(id)).relative).status == .notFound)
            try await t.save(browser, case: id, fields: TestApp.completeServiceChange)
            try await browser.post(SitePath.caseSend(.value(id)).relative, form: [:])
            #expect(try await browser.get(SitePath.caseFacilityData(.value(id)).relative).status == .conflict)
        }
    }

    @Test func aGridCompanyWithAnHTTPRegisterIsAskedOverHTTP() async throws {
        try await FakeRegisterServer.run { server in
            try await TestApp.run { t in
                let grid = try #require(try await Organization.find(try await t.organizationID(Demo.kullabygden), on: t.app.db))
                grid.facilityRegisterURL = server.baseURL
                grid.facilityRegisterToken = FakeRegisterServer.token
                try await grid.save(on: t.app.db)
                let (browser, id) = try await open(t)
                let missing = try await fetch(browser, id, meter: "MISSING", overwrite: "yes").body.string
                #expect(missing.contains("Request failed with http status code 404 (NotFound): Installation not found"))
                let found = try await fetch(browser, id, meter: "FOUND", overwrite: "yes").body.string
                #expect(found.contains("Bruksgatan 5"))
            }
        }
    }
}

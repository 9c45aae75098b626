import Fluent
import GridcaseDomain
import Testing
import Vapor
import VaporTesting
@testable import GridcaseApp

@Suite struct NewCaseTests {
    @Test func offersOnlyTheGridCompaniesTheInstallerCompanyIsRegisteredWith() async throws {
        try await TestApp.run { t in
            let oresund = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let html = try await oresund.get(SitePath.newCase.relative).body.string
            #expect(html.contains(Demo.kullabygden))
            #expect(!html.contains(Demo.vatterbygden))
            let solkraft = try await t.signedIn(Demo.email(.installer, of: Demo.solkraft))
            let both = try await solkraft.get(SitePath.newCase.relative).body.string
            #expect(both.contains(Demo.kullabygden) && both.contains(Demo.vatterbygden))
        }
    }

    @Test func withoutJavaScriptVisaValShowsTheJobTypesOfTheChosenTypeAndTheCompanysAreas() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.solkraft))
            try await browser.get(SitePath.newCase.relative)
            let response = try await browser.post(SitePath.newCase.relative, form: [
                "gridCompany": try await t.organizationID(Demo.vatterbygden).uuidString, "installationType": "newFacility",
                "gridArea": "", "creationKey": "k",
            ])
            let html = response.body.string
            #expect(response.status == .ok)
            #expect(html.contains("Anläggning med mikroproduktion"))
            #expect(!html.contains("Byggström"), "job types of another installation type are not offered")
            #expect(html.contains("Jönköping") && !html.contains("Helsingborg"))
            #expect(html.contains(#"name="creationKey" value="k""#), "the form keeps its key across reloads")
        }
    }

    @Test func skapaAnmalanCreatesADraftWithACaseNumberAndTheInstallerPrefilled() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let id = try await t.createCase(browser)
            let record = try await t.loadCase(id)
            #expect(record.status == .draft)
            #expect(record.caseNumber == "KBE-2026-00001")
            #expect(try record.fieldValues(t.app.personalData)["installer.responsibleInstaller"] == "Anna Svensson")
            #expect(try record.fieldValues(t.app.personalData)["installer.authorizationNumber"] == "AL-23817")
            #expect(try record.fieldValues(t.app.personalData)["installer.contactPhone"] == "+46701234567")

            let second = try await t.createCase(browser, type: .fuseChange)
            #expect(try await t.loadCase(second).caseNumber == "KBE-2026-00002")

            let page = try await browser.get(SitePath.caseDetail(.value(id)).relative).body.string
            #expect(page.contains("Servisändring - Anläggning med en mätare, <span class=\"status status-draft\">Ej skickat</span>"))
            #expect(page.contains("<dt>Elinstallationsföretag</dt><dd>Öresunds Elinstallation AB</dd>\n    <dt>Ansvarig installatör</dt><dd class=\"field-value\">Anna Svensson</dd>"),
                    "the Installatör section names the company and the prefilled installer")
        }
    }

    @Test func submittingTheSameFormTwiceCreatesOneCase() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let first = try await t.createCase(browser, creationKey: "double-click")
            let second = try await t.createCase(browser, creationKey: "double-click")
            #expect(first == second)
            #expect(try await Case.query(on: t.app.db).count() == 1)
        }
    }

    @Test func refusesChoicesThatDoNotBelongTogether() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            try await browser.get(SitePath.newCase.relative)
            // A grid company the installer company is not registered with, a job type of another type and
            // an area of another company.
            let response = try await browser.post(SitePath.cases.relative, form: [
                "gridCompany": try await t.organizationID(Demo.vatterbygden).uuidString, "installationType": "fuseChange",
                "jobType": try await t.jobTypeID(Demo.vatterbygden, .newFacility, "Anläggning med en mätare").uuidString,
                "gridArea": try await t.areaID(Demo.vatterbygden, "Jönköping").uuidString, "creationKey": "x",
            ])
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains(#"id="gridCompany-error">Välj ett nätbolag."#))
            #expect(try await Case.query(on: t.app.db).count() == 0)

            let wrongJobType = try await browser.post(SitePath.cases.relative, form: [
                "gridCompany": try await t.organizationID(Demo.kullabygden).uuidString, "installationType": "fuseChange",
                "jobType": try await t.jobTypeID(Demo.kullabygden, .newFacility, "Anläggning med mikroproduktion").uuidString,
                "gridArea": try await t.areaID(Demo.kullabygden, "Höganäs").uuidString, "creationKey": "y",
            ])
            #expect(wrongJobType.body.string.contains(#"id="jobType-error">Välj en jobbtyp."#))
            #expect(wrongJobType.body.string.contains(#"value="fuseChange" data-reload checked"#), "the choices made stay chosen")
        }
    }

    @Test func gridCompanyUsersCannotFileNotifications() async throws {
        try await TestApp.run { t in
            let handler = try await t.signedIn(Demo.email(.caseHandler, of: Demo.kullabygden))
            #expect(try await handler.get(SitePath.newCase.relative).status == .forbidden)
        }
    }
}

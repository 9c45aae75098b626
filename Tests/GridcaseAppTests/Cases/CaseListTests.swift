import Fluent
import GridcaseDomain
import Testing
import Vapor
import VaporTesting
@testable import GridcaseApp

@Suite struct CaseListTests {
    @Test func everyoneInTheInstallerCompanySeesItsCasesAndNobodyElseDoes() async throws {
        try await TestApp.run { t in
            let anna = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            try await t.createCase(anna)
            let colleague = try await t.signedIn(Demo.email(.installerAdmin, of: Demo.oresundsEl))
            #expect(try await colleague.get(SitePath.cases.relative).body.string.contains("KBE-2026-00001"))
            let other = try await t.signedIn(Demo.email(.installer, of: Demo.solkraft))
            #expect(!(try await other.get(SitePath.cases.relative).body.string.contains("KBE-2026-00001")))
        }
    }

    @Test func searchWordsArePostedAndNeverPutInTheURL() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let storgatan = try await t.createCase(browser)
            try await t.save(browser, case: storgatan, fields: ["facility.streetAddress": "Storgatan 1", "facility.meterNumber": "M-555"])
            let kullagatan = try await t.createCase(browser)
            try await t.save(browser, case: kullagatan, fields: ["facility.streetAddress": "Kullagatan 9",
                                                                   "facility.facilityID": "735999000123456780"])
            try await browser.get(SitePath.cases.relative)
            let filter = try await browser.post(SitePath.caseFilter.relative, form: ["search": "storGATAN", "status": "", "gridCompany": ""])
            #expect(filter.status == .seeOther)
            #expect(filter.headers.first(name: .location) == SitePath.cases.relative)
            var html = try await browser.get(SitePath.cases.relative).body.string
            #expect(html.contains("KBE-2026-00001") && !html.contains("KBE-2026-00002"))
            #expect(html.contains(#"value="storGATAN""#), "the search stays in the form")

            try await browser.post(SitePath.caseFilter.relative, form: ["search": "123456"])
            html = try await browser.get(SitePath.cases.relative).body.string
            #expect(!html.contains("KBE-2026-00001") && html.contains("KBE-2026-00002"), "found by anläggnings-ID")

            try await browser.post(SitePath.caseFilter.relative, form: ["search": "m-555"])
            html = try await browser.get(SitePath.cases.relative).body.string
            #expect(html.contains("KBE-2026-00001") && !html.contains("KBE-2026-00002"), "found by mätarnummer")

            try await browser.post(SitePath.caseFilter.relative, form: ["clear": "1"])
            html = try await browser.get(SitePath.cases.relative).body.string
            #expect(html.contains("KBE-2026-00001") && html.contains("KBE-2026-00002"))
        }
    }

    @Test func filtersByStatusAndGridCompanyAndSortsByDate() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.solkraft))
            let sent = try await t.createCase(browser)
            try await t.save(browser, case: sent, fields: TestApp.completeServiceChange)
            try await browser.post(SitePath.caseSend(.value(sent)).relative, form: [:])
            t.clock.advance(by: 3600)
            try await t.createCase(browser, grid: Demo.vatterbygden, area: "Gränna")

            try await browser.get(SitePath.cases.relative)
            try await browser.post(SitePath.caseFilter.relative, form: ["status": "submitted"])
            var html = try await browser.get(SitePath.cases.relative).body.string
            #expect(html.contains("KBE-2026-00001") && !html.contains("VBN-2026-00001"))

            let vatterbygden = try await t.organizationID(Demo.vatterbygden).uuidString
            try await browser.post(SitePath.caseFilter.relative, form: ["gridCompany": vatterbygden])
            html = try await browser.get(SitePath.cases.relative).body.string
            #expect(!html.contains("KBE-2026-00001") && html.contains("VBN-2026-00001"))

            try await browser.post(SitePath.caseFilter.relative, form: ["sort": "oldest"])
            html = try await browser.get(SitePath.cases.relative).body.string
            let older = try #require(html.range(of: "KBE-2026-00001")), newer = try #require(html.range(of: "VBN-2026-00001"))
            #expect(older.lowerBound < newer.lowerBound)
            try await browser.post(SitePath.caseFilter.relative, form: ["sort": "newest"])
            html = try await browser.get(SitePath.cases.relative).body.string
            #expect(try #require(html.range(of: "VBN-2026-00001")).lowerBound < (try #require(html.range(of: "KBE-2026-00001"))).lowerBound)
        }
    }

    @Test func pagesHoldTwentyFiveCases() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            for _ in 1...27 {
                try await t.createCase(browser)
                t.clock.advance(by: 60)
            }
            let first = try await browser.get(SitePath.cases.relative).body.string
            #expect(first.contains("Visar 1–25 av 27 ärenden."))
            #expect(first.contains("KBE-2026-00027") && !first.contains("KBE-2026-00002<"))
            let second = try await browser.get(SitePath.cases.relative + "?sida=2").body.string
            #expect(second.contains("Visar 26–27 av 27 ärenden."))
            #expect(second.contains("KBE-2026-00001<") && second.contains("KBE-2026-00002<"))
        }
    }
}

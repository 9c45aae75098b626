import Fluent
import GridcaseDomain
import Testing
import Vapor
import VaporTesting
@testable import GridcaseApp

@Suite struct CaseLifecycleTests {
    @Test func taBortDeletesADraftAfterConfirmationAndLeavesNothing() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let id = try await t.createCase(browser)
            try await t.save(browser, case: id, fields: ["facility.city": "Höganäs"])
            let confirm = try await browser.get(SitePath.caseDelete(.value(id)).relative)
            #expect(confirm.body.string.contains("Vill du ta bort utkastet KBE-2026-00001?"))
            let response = try await browser.post(SitePath.caseDelete(.value(id)).relative, form: [:])
            #expect(response.status == .seeOther)
            #expect(try await Case.find(id, on: t.app.db) == nil)
            #expect(try await CaseEvent.query(on: t.app.db).count() == 0)
            #expect(try await browser.get(SitePath.caseDetail(.value(id)).relative).status == .notFound)
        }
    }

    @Test func aSentCaseCannotBeDeleted() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let id = try await t.createCase(browser)
            try await t.save(browser, case: id, fields: TestApp.completeServiceChange)
            try await browser.post(SitePath.caseSend(.value(id)).relative, form: [:])
            #expect(try await browser.get(SitePath.caseDelete(.value(id)).relative).status == .conflict)
            try await browser.get(SitePath.caseDetail(.value(id)).relative)
            try await browser.post(SitePath.caseDelete(.value(id)).relative, form: [:])
            #expect(try await t.loadCase(id).status == .submitted)
        }
    }

    @Test func theGridCompanySeesACaseOnlyOnceItIsSentAndCannotEditIt() async throws {
        try await TestApp.run { t in
            let installer = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let handler = try await t.signedIn(Demo.email(.caseHandler, of: Demo.kullabygden))
            let otherGrid = try await t.signedIn(Demo.email(.caseHandler, of: Demo.vatterbygden))
            let id = try await t.createCase(installer)
            #expect(try await handler.get(SitePath.caseDetail(.value(id)).relative).status == .notFound)

            try await t.save(installer, case: id, fields: TestApp.completeServiceChange)
            try await installer.post(SitePath.caseSend(.value(id)).relative, form: [:])
            let page = try await handler.get(SitePath.caseDetail(.value(id)).relative)
            #expect(page.status == .ok)
            #expect(!page.body.string.contains(">Redigera<"))
            #expect(try await handler.get(SitePath.caseEdit(.value(id)).relative).status == .forbidden)
            #expect(try await otherGrid.get(SitePath.caseDetail(.value(id)).relative).status == .notFound)
        }
    }

    @Test func aNoteNeedsTextAndKeepsWhatWasTyped() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let id = try await t.createCase(browser)
            try await browser.get(SitePath.caseDetail(.value(id)).relative)
            let empty = try await browser.post(SitePath.caseNotes(.value(id)).relative, form: ["body": "   "])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.string.contains(#"id="new-note-error" role="alert">Skriv en notering."#))
            let long = String(repeating: "a", count: CaseController.maximumNoteLength + 1)
            let tooLong = try await browser.post(SitePath.caseNotes(.value(id)).relative, form: ["body": long])
            #expect(tooLong.body.string.contains(long), "the text stays to be shortened")
            #expect(try await CaseNote.query(on: t.app.db).count() == 0)
        }
    }

    @Test func notesAreShownNewestFirst() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let id = try await t.createCase(browser)
            try await browser.get(SitePath.caseDetail(.value(id)).relative)
            try await browser.post(SitePath.caseNotes(.value(id)).relative, form: ["body": "Första noteringen"])
            t.clock.advance(by: 120)
            try await browser.post(SitePath.caseNotes(.value(id)).relative, form: ["body": "Andra noteringen"])
            let html = try await browser.get(SitePath.caseDetail(.value(id)).relative).body.string
            let second = try #require(html.range(of: "Andra noteringen"))
            let first = try #require(html.range(of: "Första noteringen"))
            #expect(second.lowerBound < first.lowerBound)
        }
    }

    @Test func theUtskriftsversionHasTheWholeCaseAndNoNavigation() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let id = try await t.createCase(browser)
            try await t.save(browser, case: id, fields: TestApp.completeServiceChange)
            try await browser.post(SitePath.caseNotes(.value(id)).relative, form: ["body": "Ring innan besök"])
            let html = try await browser.get(SitePath.casePrint(.value(id)).relative).body.string
            #expect(html.contains("KBE-2026-00001"))
            #expect(html.contains("Servisändring - Anläggning med en mätare, <span class=\"status status-draft\">Ej skickat</span>"))
            for heading in ["Anläggning", "Fastighetsägare", "Betalningsansvarig", "Installatör", "Bilagor", "Noteringar"] {
                #expect(html.contains("<h2>\(heading)</h2>"), "\(heading)")
            }
            #expect(html.contains("Ring innan besök"))
            #expect(html.contains("/css/print.css"))
            #expect(!html.contains("site-nav"))
        }
    }
}

@Suite struct InboxTests {
    @Test func theInboxListsSentCasesAndNeverDrafts() async throws {
        try await TestApp.run { t in
            let installer = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let sent = try await t.createCase(installer)
            try await t.save(installer, case: sent, fields: TestApp.completeServiceChange)
            try await installer.post(SitePath.caseSend(.value(sent)).relative, form: [:])
            try await t.createCase(installer)

            let handler = try await t.signedIn(Demo.email(.caseHandler, of: Demo.kullabygden))
            let html = try await handler.get(SitePath.inbox.relative).body.string
            #expect(html.contains("KBE-2026-00001") && !html.contains("KBE-2026-00002"))
            #expect(html.contains("1 inkomna ärenden."))
            #expect(html.contains(Demo.oresundsEl))
            let other = try await t.signedIn(Demo.email(.caseHandler, of: Demo.vatterbygden))
            #expect(try await other.get(SitePath.inbox.relative).body.string.contains("Inga inkomna ärenden."))
        }
    }
}

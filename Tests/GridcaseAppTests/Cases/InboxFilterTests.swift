import Fluent
import GridcaseDomain
import Testing
import Vapor
import VaporTesting
@testable import GridcaseApp

@Suite struct InboxFilterTests {
    /// Three sent cases from two installer companies, one in Höganäs; the handler takes the first.
    private func inboxWithThreeCases(_ t: TestApp) async throws -> (handler: Browser, ids: [UUID]) {
        // Sessions end after days without use: each step signs in anew.
        let first = try await t.sentCase(try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl)))
        t.clock.advance(by: 86_400 * 3)
        let second = try await t.sentCase(try await t.signedIn(Demo.email(.installer, of: Demo.solkraft)), area: "Höganäs")
        t.clock.advance(by: 86_400)
        let oresund = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
        let third = try await t.sentCase(oresund)
        try await t.createCase(oresund) // a draft: never in the inbox
        let handler = try await t.signedIn(Demo.email(.caseHandler, of: Demo.kullabygden))
        try await handler.get(SitePath.caseDetail(.value(first)).relative)
        try await handler.post(SitePath.caseAssignment(.value(first)).relative, form: [:])
        return (handler, [first, second, third])
    }

    private func filter(_ handler: Browser, _ form: [String: String]) async throws -> String {
        try await handler.get(SitePath.inbox.relative)
        #expect(try await handler.post(SitePath.inboxFilter.relative, form: form).status == .seeOther)
        return try await handler.get(SitePath.inbox.relative).body.string
    }

    private func caseNumbers(in html: String) -> [String] {
        html.matches(of: /KBE-2026-\d{5}/).map { String($0.output) }.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }

    @Test func theInboxCountsPerStatusAndListsTheLongestWaitingFirst() async throws {
        try await TestApp.run { t in
            let (handler, ids) = try await inboxWithThreeCases(t)
            try await t.decide(handler, .approve, case: ids[2], form: TestApp.consent)
            let html = try await handler.get(SitePath.inbox.relative).body.string
            #expect(html.contains(#"<span class="count">2</span> För godkännande"#))
            #expect(html.contains(#"<span class="count">1</span> Godkänd"#))
            #expect(html.contains(#"<span class="count">0</span> Avslagen"#))
            #expect(!html.contains("Ej skickat"), "drafts are not the grid company's business")
            #expect(caseNumbers(in: html) == ["KBE-2026-00001", "KBE-2026-00002", "KBE-2026-00003"])
            #expect(html.contains(#"<td>2<span class="hint due-date"> (senast 2026-12-02)</span></td>"#), "sent Wednesday, now Sunday: two working days")
            let newest = try await filter(handler, ["sort": "newest"])
            #expect(caseNumbers(in: newest) == ["KBE-2026-00003", "KBE-2026-00002", "KBE-2026-00001"])
        }
    }

    @Test func theInboxFiltersByStatusHandlerAreaTypeAndSearch() async throws {
        try await TestApp.run { t in
            let (handler, ids) = try await inboxWithThreeCases(t)
            try await t.decide(handler, .approve, case: ids[2], form: TestApp.consent)
            #expect(caseNumbers(in: try await filter(handler, ["status": "approved"])) == ["KBE-2026-00003"])
            #expect(caseNumbers(in: try await filter(handler, ["handler": "mine"])) == ["KBE-2026-00001"])
            #expect(caseNumbers(in: try await filter(handler, ["handler": "none"])) == ["KBE-2026-00002", "KBE-2026-00003"])
            let hoganas = try await t.areaID(Demo.kullabygden, "Höganäs")
            #expect(caseNumbers(in: try await filter(handler, ["gridArea": hoganas.uuidString])) == ["KBE-2026-00002"])
            #expect(caseNumbers(in: try await filter(handler, ["installationType": InstallationType.newFacility.rawValue])).isEmpty)
            #expect(caseNumbers(in: try await filter(handler, ["search": "solkraft"])) == ["KBE-2026-00002"])
            #expect(caseNumbers(in: try await filter(handler, ["search": "00003"])) == ["KBE-2026-00003"])
            #expect(caseNumbers(in: try await filter(handler, ["search": "storgatan"])).count == 3, "the address")
            #expect(caseNumbers(in: try await filter(handler, ["search": "12345678"])).count == 3, "the mätarnummer")
            #expect(caseNumbers(in: try await filter(handler, ["search": "735999000000000013"])).count == 3, "the anläggnings-ID")
            let meterJobType = try await t.jobTypeID(Demo.kullabygden, .serviceConnectionChange, "Anläggning med en mätare")
            #expect(caseNumbers(in: try await filter(handler, ["jobType": meterJobType.uuidString])).count == 3)
            // A status count keeps the other filters.
            try await filter(handler, ["handler": "none"])
            let counted = try await filter(handler, ["onlyStatus": "submitted"])
            #expect(caseNumbers(in: counted) == ["KBE-2026-00002"])
            let cleared = try await filter(handler, ["clear": "1"])
            #expect(caseNumbers(in: cleared).count == 3)
            // A colleague's cases.
            let admin = try #require(try await User.query(on: t.app.db).filter(\.$email == Demo.email(.gridAdmin, of: Demo.kullabygden)).first())
            try await handler.get(SitePath.caseDetail(.value(ids[1])).relative)
            try await handler.post(SitePath.caseAssignment(.value(ids[1])).relative, form: ["handlerID": try admin.requireID().uuidString])
            #expect(caseNumbers(in: try await filter(handler, ["handler": try admin.requireID().uuidString])) == ["KBE-2026-00002"])
            // The search words stay out of the URL.
            #expect(try await handler.post(SitePath.inboxFilter.relative, form: ["search": "Storgatan"]).headers.first(name: .location) == "/inbox")
        }
    }

    @Test func onlyTheGridCompanysOwnUsersHaveAnInbox() async throws {
        try await TestApp.run { t in
            let installer = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            #expect(try await installer.get(SitePath.inbox.relative).status == .forbidden)
            try await installer.get(SitePath.cases.relative)
            #expect(try await installer.post(SitePath.inboxFilter.relative, form: ["status": "submitted"]).status == .forbidden)
        }
    }
}

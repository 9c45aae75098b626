import Fluent
import GridcaseDomain
import Testing
import Vapor
import VaporTesting
@testable import GridcaseApp

@Suite struct ServiceLevelRequestTests {
    @Test func theGridAdminSetsTargetsAndBadInputStaysWithAMessage() async throws {
        try await TestApp.run { t in
            let admin = try await t.signedIn(Demo.email(.gridAdmin, of: Demo.kullabygden))
            let form = try await admin.get(SitePath.adminServiceLevels.relative).body.string
            #expect(form.contains(#"<label for="decision">Beslut om föranmälan, arbetsdagar</label>"#))
            #expect(form.contains(#"value="10""#))
            let bad = try await admin.post(SitePath.adminServiceLevels.relative, form: ["decision": "tre", "connection": "7"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains(#"<p class="field-error" id="decision-error">Ange ett antal arbetsdagar mellan 1 och 250.</p>"#))
            #expect(bad.body.string.contains(#"value="tre""#) && bad.body.string.contains(#"value="7""#))
            let gridID = try await t.organizationID(Demo.kullabygden)
            #expect(try await ServiceLevelStore(database: t.app.db).targets(for: gridID) == ServiceLevelTargets())

            #expect(try await admin.post(SitePath.adminServiceLevels.relative, form: ["decision": "3", "connection": "7"]).status == .seeOther)
            #expect(try await ServiceLevelStore(database: t.app.db).targets(for: gridID) == ServiceLevelTargets([.decision: 3, .connection: 7]))

            let handler = try await t.signedIn(Demo.email(.caseHandler, of: Demo.kullabygden))
            #expect(try await handler.get(SitePath.adminServiceLevels.relative).status == .forbidden)
            let installerAdmin = try await t.signedIn(Demo.email(.installerAdmin, of: Demo.oresundsEl))
            #expect(try await installerAdmin.get(SitePath.adminServiceLevels.relative).status == .forbidden)
        }
    }

    @Test func overdueCasesAreFlaggedAndFilteredAndTheInstallerSeesTheExpectedDate() async throws {
        try await TestApp.run { t in
            let gridID = try await t.organizationID(Demo.kullabygden)
            try await ServiceLevelStore(database: t.app.db).set(ServiceLevelTargets([.decision: 2]), for: gridID)
            // Sent on Wednesday 18 November 2026: due Friday the 20th.
            let early = try await t.sentCase(try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl)))
            let installerView = try await (try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl)))
                .get(SitePath.caseDetail(.value(early)).relative).body.string
            #expect(installerView.contains(#"<dt>Beslut väntas senast</dt><dd id="expected-date">2026-11-20</dd>"#))

            t.clock.advance(by: 86_400 * 4) // Sunday the 22nd: a later case
            let late = try await t.sentCase(try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl)))
            t.clock.advance(by: 86_400) // Monday the 23rd
            let handler = try await t.signedIn(Demo.email(.caseHandler, of: Demo.kullabygden))
            let inbox = try await handler.get(SitePath.inbox.relative).body.string
            #expect(inbox.contains(#"<td>3 <strong class="overdue">Försenad</strong>"#), "Thu, Fri, Mon: three working days")
            #expect(inbox.contains(#"<td>1<span class="hint due-date"> (senast 2026-11-24)</span></td>"#))
            try await handler.post(SitePath.inboxFilter.relative, form: ["overdue": "on"])
            let overdue = try await handler.get(SitePath.inbox.relative).body.string
            #expect(overdue.contains("KBE-2026-00001") && !overdue.contains("KBE-2026-00002"))
            let caseView = try await handler.get(SitePath.caseDetail(.value(early)).relative).body.string
            #expect(caseView.contains(#"2026-11-20 <strong class="overdue">Försenad</strong>"#))
            // Approved: the decision step is done, nothing is overdue any more.
            try await t.decide(handler, .approve, case: early, form: TestApp.consent)
            try await handler.get(SitePath.inbox.relative)
            #expect(try await handler.get(SitePath.inbox.relative).body.string.contains("Inga ärenden matchar filtret."))
            _ = late
        }
    }
}

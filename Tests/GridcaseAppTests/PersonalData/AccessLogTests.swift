import Fluent
import Foundation
import GridcaseDomain
import SQLKit
import Testing
import Vapor
@testable import GridcaseApp

@Suite struct AccessLogTests {
    func entries(_ t: TestApp, case id: UUID) async throws -> [AccessLogEntry] {
        try await AccessLogEntry.query(on: t.app.db).filter(\.$caseID == id).sort(\.$at).all()
    }

    /// A case with the complete fields, filed by Öresunds Elinstallation with Kullabygden.
    func filedCase(_ t: TestApp, send: Bool = false) async throws -> (Browser, UUID) {
        let installer = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
        let id = try await t.createCase(installer)
        try await t.save(installer, case: id, fields: TestApp.completeServiceChange)
        if send { try await installer.post(SitePath.caseSend(.value(id)).relative, form: [:]) }
        return (installer, id)
    }

    @Test func theLogRefusesEveryUpdateAndDelete() async throws {
        try await TestApp.run { t in
            let entry = AccessLogEntry(at: t.clock.now(), userID: UUID(), organizationID: UUID(), caseID: UUID(),
                                       action: .viewed, purpose: "Test")
            try await entry.create(on: t.app.db)
            let id = try entry.requireID()
            await #expect(throws: (any Error).self, "UPDATE is refused") {
                try await t.sql.raw("UPDATE access_log SET purpose = 'ändrat' WHERE id = \(bind: id)").run()
            }
            await #expect(throws: (any Error).self, "DELETE is refused") {
                try await t.sql.raw("DELETE FROM access_log WHERE id = \(bind: id)").run()
            }
            let purpose = try await AccessLogEntry.find(id, on: t.app.db)?.purpose
            #expect(purpose == "Test", "the entry is unchanged")
        }
    }

    @Test func viewingEditingPrintingAndRevealingAreEachLoggedWithWhoAndWhy() async throws {
        try await TestApp.run { t in
            let (installer, id) = try await filedCase(t)
            let before = try await entries(t, case: id).count
            let show = try await installer.get(SitePath.caseDetail(.value(id)).relative).body.string
            #expect(show.contains("19811218-****") && !show.contains("19811218-9876"), "the read view masks the number")
            #expect(show.contains("Visa fullständiga personnummer"))
            let printed = try await installer.get(SitePath.casePrint(.value(id)).relative).body.string
            #expect(printed.contains("19811218-****") && !printed.contains("19811218-9876"), "the print view masks the number")
            let revealed = try await installer.post(SitePath.caseIdentityNumbers(.value(id)).relative, form: [:]).body.string
            #expect(revealed.contains("19811218-9876"), "the explicit action shows the whole number")

            let logged = try await entries(t, case: id).dropFirst(before)
            #expect(logged.map(\.action) == [.viewed, .printed, .viewed, .revealedIdentityNumber])
            let installerID = try await t.organizationID(Demo.oresundsEl)
            #expect(logged.allSatisfy { $0.organizationID == installerID && $0.purpose == "Anmälan till nätbolaget" })
            #expect(try await entries(t, case: id).contains { $0.action == .editForm }, "opening the edit form was logged")
        }
    }

    @Test func aSearchLogsEveryCaseItShows() async throws {
        try await TestApp.run { t in
            let (installer, id) = try await filedCase(t)
            let list = try await installer.get(SitePath.cases.relative).body.string
            #expect(list.contains("filter-search"))
            try await installer.post(SitePath.caseFilter.relative, form: ["search": "811218-9876"])
            _ = try await installer.get(SitePath.cases.relative)
            #expect(try await entries(t, case: id).contains { $0.action == .searchHit })
        }
    }

    @Test func theCompaniesAdminsFollowUpACaseOthersCannot() async throws {
        try await TestApp.run { t in
            let (installer, id) = try await filedCase(t, send: true)
            let handler = try await t.signedIn(Demo.email(.caseHandler, of: Demo.kullabygden))
            _ = try await handler.get(SitePath.caseDetail(.value(id)).relative)
            let path = SitePath.caseAccessLog(.value(id)).relative

            let gridAdmin = try await t.signedIn(Demo.email(.gridAdmin, of: Demo.kullabygden))
            let page = try await gridAdmin.get(path)
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Karin Lindqvist") && page.body.string.contains("Handläggning av anmälan"))
            #expect(page.body.string.contains("Anna Svensson"))
            let detail = try await gridAdmin.get(SitePath.caseDetail(.value(id)).relative).body.string
            #expect(detail.contains(path), "the case page links the admin to its log")

            let csv = try await gridAdmin.get(path + "?format=csv")
            #expect(csv.headers.contentType?.subType == "csv")
            let lines = csv.body.string.split(separator: "\r\n")
            #expect(lines.first == "tidpunkt_utc,arende,anvandare,organisation,atgard,syfte")
            #expect(lines.contains { $0.contains("\"Karin Lindqvist\"") && $0.contains("\"Visade ärendet\"") })

            let future = try await gridAdmin.get(path + "?from=2099-01-01")
            #expect(future.body.string.contains("Inga åtkomster under vald period."))
            let bad = try await gridAdmin.get(path + "?from=igår")
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Ange ett datum som ÅÅÅÅ-MM-DD."))

            let installerAdmin = try await t.signedIn(Demo.email(.installerAdmin, of: Demo.oresundsEl))
            #expect(try await installerAdmin.get(path).status == .ok)
            #expect(try await installer.get(path).status == .forbidden, "a colleague without the admin role is refused")
            #expect(try await handler.get(path).status == .forbidden)
            let otherAdmin = try await t.signedIn(Demo.email(.gridAdmin, of: Demo.vatterbygden))
            #expect(try await otherAdmin.get(path).status == .notFound, "another grid company does not learn the case exists")
        }
    }

    @Test func anAdminSeesWhoseDataTheirUserHasSeen() async throws {
        try await TestApp.run { t in
            let (_, id) = try await filedCase(t, send: true)
            let handler = try await t.signedIn(Demo.email(.caseHandler, of: Demo.kullabygden))
            _ = try await handler.get(SitePath.caseDetail(.value(id)).relative)
            let handlerID = try #require(try await User.query(on: t.app.db).filter(\.$email == Demo.email(.caseHandler, of: Demo.kullabygden)).first()?.requireID())
            let path = SitePath.adminUserAccessLog(.value(handlerID)).relative
            let caseNumber = try await t.loadCase(id).caseNumber

            let gridAdmin = try await t.signedIn(Demo.email(.gridAdmin, of: Demo.kullabygden))
            #expect(try await gridAdmin.get(SitePath.adminUser(.value(handlerID)).relative).body.string.contains(path))
            let page = try await gridAdmin.get(path)
            #expect(page.status == .ok)
            #expect(page.body.string.contains(caseNumber) && page.body.string.contains("Visade ärendet"))
            let csv = try await gridAdmin.get(path + "?format=csv&from=2026-11-01").body.string
            #expect(csv.contains("\"\(caseNumber)\"") && csv.contains("\"Karin Lindqvist\""))
            #expect(try await handler.get(path).status == .forbidden, "a handler does not follow up colleagues")
            let otherAdmin = try await t.signedIn(Demo.email(.gridAdmin, of: Demo.vatterbygden))
            #expect(try await otherAdmin.get(path).status == .notFound)
        }
    }
}

@Suite struct UnusualAccessReportTests {
    @Test func flagsAUserWhoSawFarMoreCasesThanUsualAndAccessOutsideTheOrganisation() async throws {
        try await TestApp.run { t in
            let kullabygden = try await t.organizationID(Demo.kullabygden)
            let busy = UUID(), steady = UUID(), stray = UUID()
            let now = t.clock.now()
            func log(_ user: UUID, cases: Int, daysAgo: Double, organization: UUID = kullabygden) async throws {
                for _ in 0..<cases {
                    try await AccessLogEntry(at: now.addingTimeInterval(-daysAgo * 86_400), userID: user, organizationID: organization,
                                             caseID: UUID(), action: .viewed, purpose: "Handläggning av anmälan").create(on: t.app.db)
                }
            }
            try await log(busy, cases: 25, daysAgo: 0.5)      // today: 25 cases
            try await log(busy, cases: 30, daysAgo: 10)       // usually: 1 a day
            try await log(steady, cases: 25, daysAgo: 0.5)    // today: 25 cases
            try await log(steady, cases: 900, daysAgo: 10)    // usually: 30 a day

            // A real case of Öresunds/Kullabygden seen by someone of Vätterbygden.
            let installer = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let caseID = try await t.createCase(installer)
            try await AccessLogEntry(at: now, userID: stray, organizationID: try await t.organizationID(Demo.vatterbygden), caseID: caseID,
                                     action: .viewed, purpose: "Handläggning av anmälan").create(on: t.app.db)

            let findings = try await UnusualAccessReport(database: t.app.db, clock: t.clock).findings()
            #expect(findings.contains { $0.userID == busy && { if case .manyCases(25, _) = $0.kind { true } else { false } }($0) })
            #expect(!findings.contains { $0.userID == steady }, "a user who always sees many cases is not flagged")
            #expect(findings.contains(.init(userID: stray, kind: .outsideOrganization(caseID: caseID))))
            #expect(!findings.contains { $0.userID != busy && $0.userID != stray })
        }
    }
}

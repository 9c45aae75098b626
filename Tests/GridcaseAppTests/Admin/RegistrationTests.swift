import Fluent
import GridcaseDomain
import Testing
import Vapor
import VaporTesting
@testable import GridcaseApp

@Suite struct RegistrationTests {
    @Test func anInstallerCompanyAsksAndTheGridCompanysAdminApprovesWithTheRegistrationNumberShown() async throws {
        try await TestApp.run { t in
            let oresundAdmin = try await t.signedIn(Demo.email(.installerAdmin, of: Demo.oresundsEl))
            let page = try await oresundAdmin.get(SitePath.adminRegistrations.relative).body.string
            #expect(page.contains("<option value=\"\(try await t.organizationID(Demo.vatterbygden))\">Vätterbygdens Nät AB</option>"))
            #expect(!page.contains(">Kullabygdens Elnät AB</option>"), "already registered there")

            let missing = try await oresundAdmin.post(SitePath.adminRegistrations.relative, form: ["gridCompany": ""])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.string.contains(#"<p class="field-error" id="gridCompany-error">Välj ett nätbolag.</p>"#))
            let vatterbygden = try await t.organizationID(Demo.vatterbygden).uuidString
            #expect(try await oresundAdmin.post(SitePath.adminRegistrations.relative, form: ["gridCompany": vatterbygden]).status == .seeOther)
            try await oresundAdmin.post(SitePath.adminRegistrations.relative, form: ["gridCompany": vatterbygden]) // a double click
            let oresundID = try await t.organizationID(Demo.oresundsEl)
            let requests = try await Registration.query(on: t.app.db).filter(\.$installerCompany.$id == oresundID).all()
            #expect(requests.map(\.status).sorted { $0.rawValue < $1.rawValue } == [.approved, .requested])

            // Until approved, the installers cannot file with Vätterbygden.
            let installer = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            #expect(!(try await installer.get(SitePath.newCase.relative).body.string.contains("Vätterbygdens Nät AB")))

            let gridAdmin = try await t.signedIn(Demo.email(.gridAdmin, of: Demo.vatterbygden))
            let pending = try await gridAdmin.get(SitePath.adminRegistrations.relative).body.string
            #expect(pending.contains("<strong>Öresunds Elinstallation AB</strong>"))
            #expect(pending.contains("Elsäkerhetsverkets registreringsnummer <strong>1004521</strong>"))
            let request = try #require(requests.first { $0.status == .requested })
            let decisionPath = SitePath.adminRegistration(.value(try request.requireID())).relative
            let handler = try await t.signedIn(Demo.email(.caseHandler, of: Demo.vatterbygden))
            try await handler.get(SitePath.inbox.relative)
            #expect(try await handler.post(decisionPath, form: ["decision": "approve"]).status == .forbidden)
            let otherGridAdmin = try await t.signedIn(Demo.email(.gridAdmin, of: Demo.kullabygden))
            try await otherGridAdmin.get(SitePath.inbox.relative)
            #expect(try await otherGridAdmin.post(decisionPath, form: ["decision": "approve"]).status == .notFound)

            #expect(try await gridAdmin.post(decisionPath, form: ["decision": "approve"]).headers.first(name: .location)?.contains("godkand") == true)
            #expect(try await gridAdmin.post(decisionPath, form: ["decision": "deny"]).headers.first(name: .location)?.contains("redan-beslutad") == true)
            #expect(try await Registration.find(request.id, on: t.app.db)?.status == .approved)
            #expect(try await installer.get(SitePath.newCase.relative).body.string.contains("Vätterbygdens Nät AB"))
        }
    }

    @Test func aDeniedCompanyMayAskAgain() async throws {
        try await TestApp.run { t in
            let oresundAdmin = try await t.signedIn(Demo.email(.installerAdmin, of: Demo.oresundsEl))
            try await oresundAdmin.get(SitePath.adminRegistrations.relative)
            let vatterbygden = try await t.organizationID(Demo.vatterbygden)
            try await oresundAdmin.post(SitePath.adminRegistrations.relative, form: ["gridCompany": vatterbygden.uuidString])
            let request = try #require(try await Registration.query(on: t.app.db).filter(\.$gridCompany.$id == vatterbygden)
                .filter(\.$status == .requested).first())
            #expect(try await t.app.registrations.decide(try request.requireID(), approve: false, gridCompanyID: vatterbygden))
            #expect(try await oresundAdmin.get(SitePath.adminRegistrations.relative).body.string.contains(">Vätterbygdens Nät AB</option>"))
            try await oresundAdmin.post(SitePath.adminRegistrations.relative, form: ["gridCompany": vatterbygden.uuidString])
            #expect(try await Registration.find(request.id, on: t.app.db)?.status == .requested)
            let installer = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            #expect(try await installer.get(SitePath.adminRegistrations.relative).status == .forbidden)
        }
    }
}

extension Application {
    var registrations: Registrations { Registrations(database: db, clock: clock) }
}

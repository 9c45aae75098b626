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

    @Test func theGridCompanysAdminsHearOfTheRequestAndTheInstallerCompanysAdminsOfTheDecisionByEmail() async throws {
        try await TestApp.run { t in
            let vatterbygden = try await t.organizationID(Demo.vatterbygden)
            let oresund = try await t.organizationID(Demo.oresundsEl)
            // An admin who has left gets nothing.
            try await User(organizationID: vatterbygden, name: "Slutat Admin", email: "slutat@vatterbygden.example", phone: nil,
                           role: .gridAdmin, passwordHash: "x", isActive: false, createdAt: t.clock.now()).create(on: t.app.db)
            let oresundAdmin = try await t.signedIn(Demo.email(.installerAdmin, of: Demo.oresundsEl))
            try await oresundAdmin.get(SitePath.adminRegistrations.relative)
            try await oresundAdmin.post(SitePath.adminRegistrations.relative, form: ["gridCompany": vatterbygden.uuidString])
            try await oresundAdmin.post(SitePath.adminRegistrations.relative, form: ["gridCompany": vatterbygden.uuidString]) // a double click

            let asked = try await OutboxMessage.query(on: t.app.db).all()
            #expect(asked.map(\.recipient) == [Demo.email(.gridAdmin, of: Demo.vatterbygden)], "one e-mail, to the active admin only")
            let request = try #require(asked.first)
            #expect(request.event == "registration.requested")
            #expect(request.caseID == nil)
            #expect(request.subject == "Ansökan om registrering från Öresunds Elinstallation AB")
            #expect(request.body.contains("Elsäkerhetsverkets registreringsnummer: 1004521"))
            #expect(request.body.contains("Registreringar: \(t.app.appConfig.publicURL)/admin/registrations"))

            let registration = try #require(try await Registration.query(on: t.app.db)
                .filter(\.$installerCompany.$id == oresund).filter(\.$gridCompany.$id == vatterbygden).first())
            #expect(try await t.app.registrations.decide(try registration.requireID(), approve: false, gridCompanyID: vatterbygden))
            #expect(!(try await t.app.registrations.decide(try registration.requireID(), approve: true, gridCompanyID: vatterbygden)),
                    "already decided: no second decision and no e-mail")
            let decided = try await OutboxMessage.query(on: t.app.db).filter(\.$event == "registration.denied").all()
            #expect(decided.map(\.recipient) == [Demo.email(.installerAdmin, of: Demo.oresundsEl)])
            #expect(decided.first?.subject == "Ansökan om registrering hos Vätterbygdens Nät AB är avslagen")
            #expect(try await OutboxMessage.query(on: t.app.db).filter(\.$event == "registration.approved").count() == 0)

            // Asked again after the denial: the grid company hears of it again, and this time approves.
            try await oresundAdmin.post(SitePath.adminRegistrations.relative, form: ["gridCompany": vatterbygden.uuidString])
            #expect(try await OutboxMessage.query(on: t.app.db).filter(\.$event == "registration.requested").count() == 2)
            #expect(try await t.app.registrations.decide(try registration.requireID(), approve: true, gridCompanyID: vatterbygden))
            let approved = try await OutboxMessage.query(on: t.app.db).filter(\.$event == "registration.approved").all()
            #expect(approved.map(\.subject) == ["Registreringen hos Vätterbygdens Nät AB är godkänd"])
            #expect(approved.map(\.recipient) == [Demo.email(.installerAdmin, of: Demo.oresundsEl)])
        }
    }
}

extension Application {
    var registrations: Registrations {
        Registrations(database: db, clock: clock, notifier: RegistrationNotifier(publicURL: appConfig.publicURL))
    }
}

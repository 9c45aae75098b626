import Fluent
import GridcaseDomain
import Testing
import Vapor
import VaporTesting
@testable import GridcaseApp

@Suite struct GridAreaAdminTests {
    @Test func theGridAdminAddsAndRenamesAreasWithCheckedCodes() async throws {
        try await TestApp.run { t in
            let admin = try await t.signedIn(Demo.email(.gridAdmin, of: Demo.kullabygden))
            try await admin.get(SitePath.adminGridAreas.relative)
            let taken = try await admin.post(SitePath.adminGridAreas.relative, form: ["code": "hbg", "name": "Helsingborg Norr"])
            #expect(taken.status == .unprocessableEntity)
            #expect(taken.body.string.contains(#"<p class="field-error" id="code-error">Koden HBG används redan för ett annat nätområde.</p>"#))
            #expect(taken.body.string.contains(#"value="Helsingborg Norr""#))
            let bad = try await admin.post(SitePath.adminGridAreas.relative, form: ["code": "Å-1", "name": ""])
            #expect(bad.body.string.contains("Koden ska vara 1–10 bokstäver A–Z eller siffror."))
            #expect(bad.body.string.contains("Skriv nätområdets namn."))

            #expect(try await admin.post(SitePath.adminGridAreas.relative, form: ["code": "bjv", "name": "Bjuv"]).status == .seeOther)
            let bjuv = try await t.areaID(Demo.kullabygden, "Bjuv")
            #expect(try await GridArea.find(bjuv, on: t.app.db)?.code == "BJV")
            #expect(try await admin.post(SitePath.adminGridArea(.value(bjuv)).relative, form: ["code": "BJV", "name": "Bjuv och Billesholm"]).status == .seeOther)
            #expect(try await GridArea.find(bjuv, on: t.app.db)?.name == "Bjuv och Billesholm")

            let installer = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            try await installer.get(SitePath.newCase.relative)
            let form = try await installer.post(SitePath.newCase.relative, form: ["gridCompany": try await t.organizationID(Demo.kullabygden).uuidString])
            #expect(form.body.string.contains(">Bjuv och Billesholm</option>"))
            let handler = try await t.signedIn(Demo.email(.caseHandler, of: Demo.kullabygden))
            #expect(try await handler.get(SitePath.adminGridAreas.relative).status == .forbidden)
        }
    }
}

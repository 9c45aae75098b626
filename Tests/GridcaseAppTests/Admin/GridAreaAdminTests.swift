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

    @Test func anAreaTakenOutOfUseIsNoLongerOfferedButStaysOnItsCases() async throws {
        try await TestApp.run { t in
            let installer = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let filed = try await t.createCase(installer, area: "Höganäs")
            let hoganas = try await t.areaID(Demo.kullabygden, "Höganäs")
            let admin = try await t.signedIn(Demo.email(.gridAdmin, of: Demo.kullabygden))
            let page = try await admin.get(SitePath.adminGridAreas.relative).body.string
            #expect(page.contains(#"action="\#(SitePath.adminGridAreaActivation(.value(hoganas)).relative)""#))
            let handler = try await t.signedIn(Demo.email(.caseHandler, of: Demo.kullabygden))
            try await handler.get(SitePath.inbox.relative)
            let activation = SitePath.adminGridAreaActivation(.value(hoganas)).relative
            #expect(try await handler.post(activation, form: ["active": "false"]).status == .forbidden)
            let otherAdmin = try await t.signedIn(Demo.email(.gridAdmin, of: Demo.vatterbygden))
            try await otherAdmin.get(SitePath.adminGridAreas.relative)
            #expect(try await otherAdmin.post(activation, form: ["active": "false"]).status == .notFound, "another company's area does not exist for them")
            #expect(try await admin.post(activation, form: ["active": "kanske"]).status == .badRequest)
            #expect(try await GridArea.find(hoganas, on: t.app.db)?.isActive == true)

            #expect(try await admin.post(activation, form: ["active": "false"]).status == .seeOther)
            #expect(try await admin.get(SitePath.adminGridAreas.relative).body.string.contains("<strong>Ur bruk</strong>"))
            let kullabygden = try await t.organizationID(Demo.kullabygden).uuidString
            try await installer.get(SitePath.newCase.relative)
            let form = try await installer.post(SitePath.newCase.relative, form: ["gridCompany": kullabygden]).body.string
            #expect(!form.contains(">Höganäs</option>") && form.contains(">Helsingborg</option>"))
            // A form opened before the change cannot file in the area either.
            let refused = try await installer.post(SitePath.cases.relative, form: [
                "gridCompany": kullabygden, "installationType": InstallationType.serviceConnectionChange.rawValue,
                "jobType": try await t.jobTypeID(Demo.kullabygden, .serviceConnectionChange, "Anläggning med en mätare").uuidString,
                "gridArea": hoganas.uuidString, "creationKey": UUID().uuidString,
            ])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Välj ett nätområde."))
            #expect(try await t.loadCase(filed).$gridArea.id == hoganas, "the case filed before keeps its area")
            #expect(try await installer.get(SitePath.caseDetail(.value(filed)).relative).body.string.contains("Höganäs"))

            #expect(try await admin.post(activation, form: ["active": "true"]).status == .seeOther)
            try await installer.get(SitePath.newCase.relative)
            #expect(try await installer.post(SitePath.newCase.relative, form: ["gridCompany": kullabygden]).body.string.contains(">Höganäs</option>"))
        }
    }
}


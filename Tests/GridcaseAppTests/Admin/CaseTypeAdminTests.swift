import Fluent
import GridcaseDomain
import Testing
import Vapor
import VaporTesting
@testable import GridcaseApp

@Suite struct CaseTypeAdminTests {
    @Test func aJobTypeTakenOutOfOfferLeavesNewCasesAndItsInstallationTypeGoesWithTheLast() async throws {
        try await TestApp.run { t in
            let admin = try await t.signedIn(Demo.email(.gridAdmin, of: Demo.kullabygden))
            let page = try await admin.get(SitePath.adminCaseTypes.relative).body.string
            #expect(page.contains("Säkringsändring <span class=\"hint\">(erbjuds)</span>"))
            let fuseJobTypes = try await JobType.query(on: t.app.db).filter(\.$gridCompany.$id == t.organizationID(Demo.kullabygden))
                .filter(\.$installationType == .fuseChange).all()
            for jobType in fuseJobTypes {
                #expect(try await admin.post(SitePath.adminJobType(.value(try jobType.requireID())).relative, form: ["active": "false"]).status == .seeOther)
            }
            #expect(try await admin.get(SitePath.adminCaseTypes.relative).body.string.contains("Säkringsändring <span class=\"hint\">(erbjuds inte)</span>"))

            let installer = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            try await installer.get(SitePath.newCase.relative)
            let form = try await installer.post(SitePath.newCase.relative, form: ["gridCompany": try await t.organizationID(Demo.kullabygden).uuidString])
            #expect(!form.body.string.contains(">Säkringsändring<"))
            #expect(form.body.string.contains(">Servisändring<"))
        }
    }

    @Test func aNewJobTypeNeedsATypeAndAUniqueNameAndKeepsTheInput() async throws {
        try await TestApp.run { t in
            let admin = try await t.signedIn(Demo.email(.gridAdmin, of: Demo.kullabygden))
            try await admin.get(SitePath.adminCaseTypes.relative)
            let empty = try await admin.post(SitePath.adminJobTypes.relative, form: ["name": "Laddbox", "includesMicroproduction": "on"])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.string.contains(#"<p class="field-error" id="installationType-error">Välj installationstyp.</p>"#))
            #expect(empty.body.string.contains(#"value="Laddbox""#))
            let duplicate = try await admin.post(SitePath.adminJobTypes.relative,
                                                 form: ["installationType": "serviceConnectionChange", "name": "Anläggning med en mätare"])
            #expect(duplicate.body.string.contains("Det finns redan en jobbtyp med det namnet under Servisändring."))
            #expect(try await admin.post(SitePath.adminJobTypes.relative, form: ["installationType": "workInExistingFacility", "name": "Laddbox"])
                .status == .seeOther)
            #expect(try await t.jobTypeID(Demo.kullabygden, .workInExistingFacility, "Laddbox") != UUID())
            let handler = try await t.signedIn(Demo.email(.caseHandler, of: Demo.kullabygden))
            #expect(try await handler.get(SitePath.adminCaseTypes.relative).status == .forbidden)
        }
    }

    @Test func mandatoryFieldsPerInstallationTypeDecideWhatMustBeFilledToSend() async throws {
        try await TestApp.run { t in
            let admin = try await t.signedIn(Demo.email(.gridAdmin, of: Demo.kullabygden))
            let path = SitePath.adminMandatoryFields(.value(InstallationType.serviceConnectionChange.rawValue)).relative
            let form = try await admin.get(path).body.string
            #expect(form.contains(#"value="facility.streetAddress" checked"#))
            // Only the meter number: everything else becomes optional; unknown keys are ignored.
            try await admin.post(path, form: ["fields[]": "facility.meterNumber"])
            let installer = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let id = try await t.createCase(installer)
            try await t.save(installer, case: id, fields: ["facility.city": "Höganäs"])
            let refused = try await installer.post(SitePath.caseSend(.value(id)).relative, form: [:])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Anläggning: Mätarnummer"))
            try await t.save(installer, case: id, fields: ["facility.city": "Höganäs", "facility.meterNumber": "73001001"])
            #expect(try await installer.post(SitePath.caseSend(.value(id)).relative, form: [:]).status == .seeOther)
            #expect(try await admin.get(SitePath.adminMandatoryFields(.value("nonsense")).relative).status == .notFound)
        }
    }
}

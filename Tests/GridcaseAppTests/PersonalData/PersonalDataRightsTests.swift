import Fluent
import Foundation
import GridcaseDomain
import SQLKit
import Testing
import Vapor
@testable import GridcaseApp

@Suite struct PersonalDataRightsTests {
    /// A case with the complete fields (owner Eva Andersson, 19811218-9876), in `status`, last changed `ago` seconds before now.
    func caseWithPerson(_ t: TestApp, status: CaseStatus, email: String = "eva.andersson@exempel.se", ago: TimeInterval = 0) async throws -> UUID {
        let installer = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
        let id = try await t.createCase(installer)
        var fields = TestApp.completeServiceChange
        fields["owner.email"] = email
        try await t.save(installer, case: id, fields: fields)
        _ = try await installer.get(SitePath.caseDetail(.value(id)).relative) // an access to export later
        try await t.sql.raw("""
            UPDATE cases SET status = \(bind: status.rawValue), updated_at = \(bind: t.clock.now().addingTimeInterval(-ago)) WHERE id = \(bind: id)
            """).run()
        return id
    }

    func admin(_ t: TestApp, _ role: Role, of organization: String) async throws -> User {
        try #require(try await User.query(on: t.app.db).filter(\.$email == Demo.email(role, of: organization)).first())
    }

    @Test func erasingAPersonPseudonymisesTheirFinishedCasesAndLeavesOpenOnesAlone() async throws {
        try await TestApp.run { t in
            let closed = try await caseWithPerson(t, status: .closed)
            let open = try await caseWithPerson(t, status: .submitted)
            let rights = t.app.personalDataRights
            let found = try await rights.cases(of: .identityNumber("811218-9876"))
            #expect(Set(found) == [closed, open])
            #expect(try await rights.pseudonymise(found) == [closed])

            let record = try await t.loadCase(closed)
            let values = try record.fieldValues(t.app.personalData)
            #expect(values["owner.lastName"] == nil && values["owner.identityNumber"] == nil && values["billing.email"] == nil)
            #expect(values["facility.facilityID"] == "735999000000000013", "the case stays readable")
            #expect(record.ownerIdentityHash == nil && record.streetAddress == nil && record.personalDataRemovedAt != nil)
            let history = try await t.sql.raw("SELECT changes FROM case_events WHERE case_id = \(bind: closed) AND changes IS NOT NULL").all()
                .map { try $0.decode(column: "changes", as: String.self) }.joined()
            #expect(history.contains("(borttaget)") && !history.contains("Andersson") && !history.contains("19811218"))
            #expect(history.contains("mainFuseRequested"), "the history of other fields stays")
            #expect(try await t.loadCase(open).fieldValues(t.app.personalData)["owner.lastName"] == "Andersson", "a case in progress is untouched")
            #expect(try await rights.cases(of: .identityNumber("811218-9876")) == [open], "the finished case no longer finds the person")
        }
    }

    @Test func anExportHoldsThePersonsDataWhoSawItAndWhyAndIsItselfLogged() async throws {
        try await TestApp.run { t in
            let id = try await caseWithPerson(t, status: .submitted, email: "Eva.Export@Exempel.se")
            let admin = try await admin(t, .installerAdmin, of: Demo.oresundsEl)
            let json = try await t.app.personalDataRights.export(.email("eva.export@exempel.se"), requestedBy: admin)
            let export = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            let cases = try #require(export?["cases"] as? [[String: Any]])
            #expect(cases.count == 1)
            let personal = try #require(cases.first?["personalData"] as? [String: String])
            #expect(personal["owner.identityNumber"] == "19811218-9876" && personal["owner.email"]?.lowercased() == "eva.export@exempel.se")
            let accesses = try #require(cases.first?["accesses"] as? [[String: Any]])
            #expect(accesses.contains { $0["purpose"] as? String == "Anmälan till nätbolaget" && $0["action"] as? String == "Visade ärendet" })
            let logged = try await AccessLogEntry.query(on: t.app.db).filter(\.$caseID == id).filter(\.$action == .exported).all()
            #expect(logged.count == 1 && logged.first?.userID == admin.id)

            let otherAdmin = try await self.admin(t, .gridAdmin, of: Demo.vatterbygden)
            let elsewhere = try await t.app.personalDataRights.export(.email("eva.export@exempel.se"), requestedBy: otherAdmin)
            #expect(!elsewhere.contains("19811218"), "another grid company's admin exports only their own cases")
        }
    }

    @Test func retentionPseudonymisesFinishedCasesOlderThanThePeriodOnly() async throws {
        try await TestApp.run { t in
            let month: TimeInterval = 31 * 24 * 3600
            let oldClosed = try await caseWithPerson(t, status: .closed, ago: 37 * month)
            let oldCancelled = try await caseWithPerson(t, status: .cancelled, ago: 40 * month)
            let recentClosed = try await caseWithPerson(t, status: .closed, ago: 2 * month)
            let oldOpen = try await caseWithPerson(t, status: .approved, ago: 50 * month)
            #expect(t.app.appConfig.retentionMonths == 36)
            #expect(try await RetentionCommand.apply(t.app) == 2)
            for id in [oldClosed, oldCancelled] { #expect(try await t.loadCase(id).personalDataRemovedAt != nil) }
            for id in [recentClosed, oldOpen] { #expect(try await t.loadCase(id).personalDataRemovedAt == nil) }
            #expect(try await RetentionCommand.apply(t.app) == 0, "a second run finds nothing left")
        }
    }

    @Test func pseudonymisingTakesPersonalDataOutOfNotesDecisionTextsAndAttachmentNames() async throws {
        try await TestApp.run { t in
            let installer = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let id = try await t.createCase(installer)
            try await t.save(installer, case: id, fields: TestApp.completeServiceChange)
            _ = try await installer.get(SitePath.caseDetail(.value(id)).relative)
            try await installer.post(SitePath.caseNotes(.value(id)).relative,
                                     form: ["body": "Ring EVA ANDERSSON på 070-999 88 77 innan, mätarskåpet på Storgatan 1 är låst."])
            let uploaded = try await CaseAttachmentTests().upload(installer, to: SitePath.caseAttachments(.value(id)).relative,
                                                                  fields: ["attachmentCategory": "sitePlan"],
                                                                  file: ("Andersson situationsplan.pdf", "application/pdf", CaseAttachmentTests.pdf))
            #expect(uploaded.status == .seeOther)
            let handler = try #require(try await User.query(on: t.app.db).filter(\.$email == Demo.email(.caseHandler, of: Demo.kullabygden)).first())
            var details = CaseDecisionDetails()
            details.reason = "Ägaren (811218-9876, eva.andersson@exempel.se) har inte svarat."
            details.conditions = "Huvudsäkring 3 x 25 A, anläggnings-ID 735999000000000013."
            try await CaseDecision(caseID: id, actorID: try handler.requireID(), at: t.clock.now(), transition: .returnForCompletion,
                                   from: .submitted, details: details).create(on: t.app.db)
            try await t.sql.raw("UPDATE cases SET status = \(bind: CaseStatus.closed.rawValue) WHERE id = \(bind: id)").run()

            #expect(try await t.app.personalDataRights.pseudonymise([id]) == [id])

            let gone = PersonalDataRemoval.placeholder
            let note = try #require(try await CaseNote.query(on: t.app.db).filter(\.$caseRecord.$id == id).first())
            #expect(note.body == "Ring \(gone) \(gone) på \(gone) innan, mätarskåpet på \(gone) är låst.")
            let decision = try #require(try await CaseDecision.query(on: t.app.db).filter(\.$caseRecord.$id == id).first())
            #expect(decision.details.reason == "Ägaren (\(gone), \(gone)) har inte svarat.")
            #expect(decision.details.conditions == details.conditions, "technical text stays")
            let attachment = try #require(try await Attachment.query(on: t.app.db).filter(\.$caseRecord.$id == id).first())
            #expect(attachment.fileName == "\(gone) situationsplan.pdf")
            #expect(attachment.data == Data(CaseAttachmentTests.pdf), "a document's content is not scanned")
            let history = try await t.sql.raw("SELECT changes FROM case_events WHERE case_id = \(bind: id) AND changes IS NOT NULL").all()
                .map { try $0.decode(column: "changes", as: String.self) }.joined()
            #expect(!history.contains("Andersson") && history.contains("situationsplan.pdf"))
        }
    }

    @Test func aCaseThatCannotBePseudonymisedKeepsItsDataAndDoesNotStopTheOthers() async throws {
        try await TestApp.run { t in
            let broken = try await caseWithPerson(t, status: .closed)
            let fine = try await caseWithPerson(t, status: .closed)
            let unreadableDecision = try await caseWithPerson(t, status: .closed)
            try await t.sql.raw("UPDATE case_events SET changes = 'not json' WHERE case_id = \(bind: broken) AND kind = 'fieldsChanged'").run()
            let handler = try #require(try await User.query(on: t.app.db).filter(\.$email == Demo.email(.caseHandler, of: Demo.kullabygden)).first())
            let decision = try CaseDecision(caseID: unreadableDecision, actorID: try handler.requireID(), at: t.clock.now(),
                                            transition: .returnForCompletion, from: .submitted, details: CaseDecisionDetails())
            decision.detailsJSON = "not json"
            try await decision.create(on: t.app.db)
            let error = await #expect(throws: PseudonymisationFailed.self) {
                try await t.app.personalDataRights.pseudonymise([broken, fine, unreadableDecision])
            }
            #expect(Set(error?.caseIDs.keys.map { $0 } ?? []) == [broken, unreadableDecision])
            #expect(error?.pseudonymised == [fine])
            #expect(try await CaseDecision.find(decision.id, on: t.app.db)?.detailsJSON == "not json",
                    "a decision that cannot be read is not replaced by an empty one")
            #expect(error?.description.contains("Andersson") == false)
            #expect(try await t.loadCase(fine).personalDataRemovedAt != nil)
            let kept = try await t.loadCase(broken)
            let keptValues = try kept.fieldValues(t.app.personalData)
            #expect(kept.personalDataRemovedAt == nil && keptValues["owner.lastName"] == "Andersson",
                    "the failed case's transaction was rolled back whole")
        }
    }

    @Test func aDeletedDraftLeavesNothingOfThePersonBehind() async throws {
        try await TestApp.run { t in
            let installer = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let id = try await t.createCase(installer)
            try await t.save(installer, case: id, fields: TestApp.completeServiceChange)
            try await installer.post(SitePath.caseNotes(.value(id)).relative, form: ["body": "Ring Eva Andersson först"])
            _ = try await installer.get(SitePath.caseDelete(.value(id)).relative)
            try await installer.post(SitePath.caseDelete(.value(id)).relative, form: [:])
            for table in ["cases", "case_events", "case_notes", "attachments"] {
                let column = table == "cases" ? "id" : "case_id"
                let count = try await t.sql.raw("SELECT count(*) AS n FROM \(ident: table) WHERE \(ident: column) = \(bind: id)").first()?
                    .decode(column: "n", as: Int.self)
                #expect(count == 0, "\(table) keeps nothing of the deleted draft")
            }
        }
    }
}

@Suite struct PersonalDataRightsPageTests {
    @Test func anAdminExportsAndErasesFromTheirOwnCasesThroughThePage() async throws {
        try await TestApp.run { t in
            let installer = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let id = try await t.createCase(installer)
            try await t.save(installer, case: id, fields: TestApp.completeServiceChange)
            try await t.sql.raw("UPDATE cases SET status = \(bind: CaseStatus.closed.rawValue) WHERE id = \(bind: id)").run()

            let admin = try await t.signedIn(Demo.email(.installerAdmin, of: Demo.oresundsEl))
            #expect(try await admin.get(SitePath.admin.relative).body.string.contains(SitePath.adminPersonalData.relative))
            let form = try await admin.get(SitePath.adminPersonalData.relative)
            #expect(form.status == .ok && form.body.string.contains("Hämta registerutdrag"))
            let empty = try await admin.post(SitePath.adminPersonalDataExport.relative, form: ["personnummer": "", "email": "", "name": ""])
            #expect(empty.status == .unprocessableEntity && empty.body.string.contains("Ange personnummer, e-postadress eller namn."))
            let both = try await admin.post(SitePath.adminPersonalDataExport.relative, form: ["personnummer": "811218-9876", "name": "Andersson"])
            #expect(both.status == .unprocessableEntity && both.body.string.contains("value=\"Andersson\""), "what was typed stays")

            _ = try await admin.get(SitePath.adminPersonalData.relative)
            let export = try await admin.post(SitePath.adminPersonalDataExport.relative, form: ["personnummer": "811218-9876"])
            #expect(export.headers.contentType == .json && export.headers.first(name: .cacheControl) == "no-store")
            #expect(export.body.string.contains("19811218-9876"))

            _ = try await admin.get(SitePath.adminPersonalData.relative)
            let erased = try await admin.post(SitePath.adminPersonalDataErase.relative, form: ["personnummer": "811218-9876"])
            #expect(erased.body.string.contains("borttagna ur 1 avslutade"))
            #expect(try await t.loadCase(id).personalDataRemovedAt != nil)

            #expect(try await installer.get(SitePath.adminPersonalData.relative).status == .forbidden, "an installer is refused")
            let handler = try await t.signedIn(Demo.email(.caseHandler, of: Demo.kullabygden))
            #expect(try await handler.get(SitePath.adminPersonalData.relative).status == .forbidden)
        }
    }

    @Test func anErasureThatCannotPseudonymiseACaseSaysSoOnThePageAndErasesTheRest() async throws {
        try await TestApp.run { t in
            let installer = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            var ids: [UUID] = []
            for _ in 0..<2 {
                let id = try await t.createCase(installer)
                try await t.save(installer, case: id, fields: TestApp.completeServiceChange)
                try await t.sql.raw("UPDATE cases SET status = \(bind: CaseStatus.closed.rawValue) WHERE id = \(bind: id)").run()
                ids.append(id)
            }
            try await t.sql.raw("UPDATE case_events SET changes = 'not json' WHERE case_id = \(bind: ids[0]) AND kind = 'fieldsChanged'").run()
            let broken = try await t.loadCase(ids[0]).caseNumber

            let admin = try await t.signedIn(Demo.email(.installerAdmin, of: Demo.oresundsEl))
            _ = try await admin.get(SitePath.adminPersonalData.relative)
            let erased = try await admin.post(SitePath.adminPersonalDataErase.relative, form: ["personnummer": "811218-9876"])
            #expect(erased.status == .ok)
            #expect(erased.body.string.contains("borttagna ur 1 avslutade"))
            #expect(erased.body.string.contains("Kunde inte rensas: \(broken)."))
            #expect(!erased.body.string.contains("Pågående ärenden ändrades inte"), "a finished case that failed is not called in progress")
            #expect(try await t.loadCase(ids[1]).personalDataRemovedAt != nil)
        }
    }
}

import Fluent
import GridcaseDomain
import Testing
import Vapor
import VaporTesting
@testable import GridcaseApp

@Suite struct CaseDecisionTests {
    @Test func theWholeProcessFromReturnToClosedIsRecordedAndVisibleToTheInstaller() async throws {
        try await TestApp.run { t in
            let installer = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let handler = try await t.signedIn(Demo.email(.caseHandler, of: Demo.kullabygden))
            let id = try await t.sentCase(installer)
            let casePath = SitePath.caseDetail(.value(id)).relative

            // Ta ärendet: the installer sees who handles the case.
            try await handler.get(casePath)
            #expect(try await handler.post(SitePath.caseAssignment(.value(id)).relative, form: [:]).status == .seeOther)
            #expect(try await installer.get(casePath).body.string.contains(#"<dd id="handler-name">Karin Lindqvist</dd>"#))

            // Åter för komplettering with a reason and a marked field.
            let returned = try await t.decide(handler, .returnForCompletion, case: id,
                                              form: ["reason": "Huvudsäkringen ska vara 20 A.", "fieldsToFix[]": "facility.mainFuseRequested"])
            #expect(returned.status == .seeOther)
            #expect(try await t.loadCase(id).status == .returned)
            let installerView = try await installer.get(casePath).body.string
            #expect(installerView.contains("Nätbolaget ber om komplettering"))
            #expect(installerView.contains("Huvudsäkringen ska vara 20 A."))
            #expect(installerView.contains("<dt>Fält att rätta</dt><dd>Anläggning: Huvudsäkring önskad (A)</dd>"))
            let edit = try await installer.get(SitePath.caseEdit(.value(id)).relative).body.string
            #expect(edit.contains("Nätbolaget ber om komplettering: Huvudsäkringen ska vara 20 A."))
            #expect(edit.contains("Nätbolaget ber dig rätta detta fält."))

            // The installer fixes and sends again.
            let fixed = try await t.save(installer, case: id, fields: TestApp.completeServiceChange.merging(["facility.mainFuseRequested": "20"]) { $1 })
            #expect(fixed.status == .seeOther)
            let resent = try await installer.post(SitePath.caseSend(.value(id)).relative, form: [:])
            #expect(resent.status == .seeOther, "\(resent.body.string)")
            #expect(try await t.loadCase(id).status == .submitted)

            // Godkänn: the installationsmedgivande.
            #expect(try await t.decide(handler, .approve, case: id, form: TestApp.consent).status == .seeOther)
            #expect(try await t.loadCase(id).status == .approved)
            let approvedView = try await installer.get(casePath).body.string
            #expect(approvedView.contains("Godkänd, installationsmedgivande lämnat"))
            #expect(approvedView.contains("2026-12-01") && approvedView.contains("Mätarskåp i fasad, max 25 A."))

            // Färdiganmälan, then the connection closes the case.
            let completion = ["readyForConnectionDate": "2026-11-18", "installationChecked": "on", "hasExistingMeter": "on",
                              "existingMeterReading": "004711", "existingMeterReadingDate": "2026-11-18"]
            #expect(try await t.decide(installer, .reportCompletion, case: id, form: completion).status == .seeOther)
            #expect(try await t.loadCase(id).status == .completionReported)
            #expect(try await t.decide(handler, .close, case: id, form: ["connectedDate": "2026-11-18", "fittedMeterNumber": "M-9001"]).status == .seeOther)
            let closed = try await t.loadCase(id)
            #expect(closed.status == .closed)

            let decisions = try await t.decisions(id)
            #expect(decisions.map(\.transition) == [.returnForCompletion, .approve, .reportCompletion, .close])
            #expect(decisions[0].details.fieldsToFix == ["facility.mainFuseRequested"])
            #expect(decisions[1].details.confirmedFacilityID == "735999000000000013")
            #expect(decisions[2].details.existingMeterReading == "004711")
            #expect(decisions[3].details.fittedMeterNumber == "M-9001")
            let handlerID = try #require(try await User.query(on: t.app.db).filter(\.$email == Demo.email(.caseHandler, of: Demo.kullabygden)).first()?.requireID())
            #expect(decisions.filter { $0.transition != .reportCompletion }.allSatisfy { $0.$actor.id == handlerID })
            let statuses = try await CaseEvent.query(on: t.app.db).filter(\.$caseRecord.$id == id).filter(\.$kind == .statusChanged)
                .sort(\.$at).all().map(\.statusTo)
            #expect(statuses == [.submitted, .returned, .submitted, .approved, .completionReported, .closed])
            // A finished case offers no more decisions.
            #expect(!(try await handler.get(casePath).body.string.contains("/decisions/")))
        }
    }

    @Test func aDecisionWithMissingValuesKeepsWhatWasTypedAndChangesNothing() async throws {
        try await TestApp.run { t in
            let installer = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let handler = try await t.signedIn(Demo.email(.caseHandler, of: Demo.kullabygden))
            let id = try await t.sentCase(installer)
            let response = try await t.decide(handler, .approve, case: id,
                                              form: ["earliestConnectionDate": "", "confirmedFacilityID": "735999000000000014",
                                                     "conditions": "Villkor som ska stå kvar"])
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            #expect(html.contains(#"<p class="field-error" id="earliestConnectionDate-error">Ange tidigaste datum för inkoppling.</p>"#))
            #expect(html.contains(#"aria-invalid="true" aria-describedby="confirmedFacilityID-error""#))
            #expect(html.contains("Villkor som ska stå kvar"))
            #expect(html.contains(#"value="735999000000000014""#))
            #expect(html.contains(#"role="alert""#))
            #expect(try await t.loadCase(id).status == .submitted)
            #expect(try await t.decisions(id).isEmpty)

            let noReason = try await t.decide(handler, .reject, case: id, form: ["reason": "  "])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.string.contains("Skriv varför anmälan avslås."))
        }
    }

    @Test func aDoubleClickDecidesOnce() async throws {
        try await TestApp.run { t in
            let installer = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let handler = try await t.signedIn(Demo.email(.caseHandler, of: Demo.kullabygden))
            let id = try await t.sentCase(installer)
            try await t.decide(handler, .approve, case: id, form: TestApp.consent)
            let second = try await handler.post(SitePath.caseDecision(.value(id), .value("approve")).relative, form: TestApp.consent)
            #expect(second.status == .seeOther)
            #expect(second.headers.first(name: .location)?.contains("meddelande=redan-beslutat") == true)
            #expect(try await t.decisions(id).count == 1)
        }
    }

    @Test func theWrongSideOrAMovedOnStatusIsRefusedWithAReason() async throws {
        try await TestApp.run { t in
            let installer = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let handler = try await t.signedIn(Demo.email(.caseHandler, of: Demo.kullabygden))
            let operatorUser = try await t.signedIn(Demo.email(.systemAdmin, of: Demo.operatorName))
            let id = try await t.sentCase(installer)

            let selfApproval = try await t.decide(installer, .approve, case: id, form: TestApp.consent)
            #expect(selfApproval.status == .forbidden)
            #expect(selfApproval.body.string.contains("Bara nätbolagets handläggare kan göra detta: godkänn."))
            #expect(try await installer.get(SitePath.caseDecision(.value(id), .value("approve")).relative).status == .forbidden)
            let handlerCompletes = try await t.decide(handler, .reportCompletion, case: id, form: ["installationChecked": "on"])
            #expect(handlerCompletes.status == .forbidden)
            #expect(try await operatorUser.get(SitePath.caseDecision(.value(id), .value("approve")).relative).status == .notFound)
            #expect(try await handler.get(SitePath.caseDecision(.value(id), .value("send")).relative).status == .notFound)
            #expect(try await handler.get(SitePath.caseDecision(.value(id), .value("nonsense")).relative).status == .notFound)

            try await t.decide(handler, .approve, case: id, form: TestApp.consent)
            let lateRejection = try await t.decide(handler, .reject, case: id, form: ["reason": "För sent"])
            #expect(lateRejection.status == .conflict)
            #expect(lateRejection.body.string.contains("Ärendet har status Godkänd och kan inte längre avslås."))
            #expect(try await t.loadCase(id).status == .approved)
            #expect(try await t.decisions(id).count == 1)
        }
    }

    @Test(arguments: [Role.installer, .caseHandler])
    func eitherSideMayCancelASentCaseWithAReason(role: Role) async throws {
        try await TestApp.run { t in
            let installer = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let id = try await t.sentCase(installer)
            let actor = role == .installer ? installer : try await t.signedIn(Demo.email(role, of: Demo.kullabygden))
            let page = try await actor.get(SitePath.caseDetail(.value(id)).relative).body.string
            #expect(page.contains(SitePath.caseDecision(.value(id), .value("cancel")).relative))
            #expect(try await t.decide(actor, .cancel, case: id, form: ["reason": "Kunden har ångrat sig."]).status == .seeOther)
            #expect(try await t.loadCase(id).status == .cancelled)
            #expect(try await t.decisions(id).first?.details.reason == "Kunden har ångrat sig.")
            let otherSide = role == .installer ? try await t.signedIn(Demo.email(.caseHandler, of: Demo.kullabygden)) : installer
            #expect(try await otherSide.get(SitePath.caseDetail(.value(id)).relative).body.string.contains("Kunden har ångrat sig."))
        }
    }
}

@Suite struct CaseAssignmentAndNoteTests {
    @Test func aCaseIsTakenAndReassignedOnlyToTheGridCompanysHandlers() async throws {
        try await TestApp.run { t in
            let installer = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let handler = try await t.signedIn(Demo.email(.caseHandler, of: Demo.kullabygden))
            let id = try await t.sentCase(installer)
            let admin = try #require(try await User.query(on: t.app.db).filter(\.$email == Demo.email(.gridAdmin, of: Demo.kullabygden)).first())
            let installerUser = try #require(try await User.query(on: t.app.db).filter(\.$email == Demo.email(.installer, of: Demo.oresundsEl)).first())
            let path = SitePath.caseAssignment(.value(id)).relative

            try await handler.get(SitePath.caseDetail(.value(id)).relative)
            try await handler.post(path, form: ["handlerID": try admin.requireID().uuidString])
            #expect(try await t.loadCase(id).$assignedHandler.id == admin.id)
            let refused = try await handler.post(path, form: ["handlerID": try installerUser.requireID().uuidString])
            #expect(refused.status == .conflict)
            #expect(refused.body.string.contains("Välj en av nätbolagets handläggare."))
            #expect(try await t.loadCase(id).$assignedHandler.id == admin.id)

            try await installer.get(SitePath.caseDetail(.value(id)).relative)
            #expect(try await installer.post(path, form: ["handlerID": try installerUser.requireID().uuidString]).status == .forbidden)
            let history = try await installer.get(SitePath.caseDetail(.value(id)).relative).body.string
            #expect(history.contains("Handläggare: Per Håkansson"))
        }
    }

    @Test func internalNotesNeverReachTheInstaller() async throws {
        try await TestApp.run { t in
            let installer = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let handler = try await t.signedIn(Demo.email(.caseHandler, of: Demo.kullabygden))
            let id = try await t.sentCase(installer)
            let notes = SitePath.caseNotes(.value(id)).relative
            try await handler.get(SitePath.caseDetail(.value(id)).relative)
            try await handler.post(notes, form: ["body": "Kunden har obetalda fakturor", "isInternal": "on"])
            try await handler.post(notes, form: ["body": "Vi återkommer i veckan"])
            // An installer cannot make a note internal.
            try await installer.get(SitePath.caseDetail(.value(id)).relative)
            try await installer.post(notes, form: ["body": "Tack", "isInternal": "on"])

            let installerView = try await installer.get(SitePath.caseDetail(.value(id)).relative).body.string
            #expect(!installerView.contains("obetalda"))
            #expect(!installerView.contains("Intern notering"))
            #expect(installerView.contains("Vi återkommer i veckan") && installerView.contains("Tack"))
            #expect(!(try await installer.get(SitePath.casePrint(.value(id)).relative).body.string.contains("obetalda")))
            let colleague = try await t.signedIn(Demo.email(.gridAdmin, of: Demo.kullabygden))
            let gridView = try await colleague.get(SitePath.caseDetail(.value(id)).relative).body.string
            #expect(gridView.contains("obetalda") && gridView.contains("Intern notering tillagd"))
            #expect(try await CaseNote.query(on: t.app.db).filter(\.$isInternal == true).count() == 1)
        }
    }
}

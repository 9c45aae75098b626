import Testing
@testable import GridcaseDomain

@Suite struct CaseWorkflowTests {
    /// The allowed transitions, written out in full: (from status, transition) -> the sides that may make it.
    /// Every pair not listed is refused for every role.
    static let allowed: [CaseStatus: [CaseTransition: Set<CaseSide>]] = [
        .draft: [.send: [.installerCompany]],
        .submitted: [.returnForCompletion: [.gridCompany], .approve: [.gridCompany], .reject: [.gridCompany],
                     .cancel: [.installerCompany, .gridCompany]],
        .returned: [.send: [.installerCompany], .cancel: [.installerCompany, .gridCompany]],
        .rejected: [:],
        .approved: [.reportCompletion: [.installerCompany], .cancel: [.installerCompany, .gridCompany]],
        .completionReported: [.close: [.gridCompany], .cancel: [.installerCompany, .gridCompany]],
        .closed: [:],
        .cancelled: [:],
    ]

    static let sides: [Role: CaseSide?] = [
        .installer: .installerCompany, .installerAdmin: .installerCompany,
        .caseHandler: .gridCompany, .gridAdmin: .gridCompany, .systemAdmin: nil,
    ]

    @Test(arguments: CaseStatus.allCases)
    func everyTransitionForEveryRoleMatchesTheTable(status: CaseStatus) throws {
        let row = try #require(Self.allowed[status])
        for transition in CaseTransition.allCases {
            for role in Role.allCases {
                let side = try #require(Self.sides[role])
                let expected = side.map { row[transition]?.contains($0) ?? false } ?? false
                let decision = CaseWorkflow.decide(transition, from: status, by: role)
                if expected {
                    #expect(decision == .success(transition.to), "\(status) \(transition) \(role)")
                } else {
                    guard case .failure(let refusal) = decision else {
                        Issue.record("\(status) \(transition) \(role) should be refused")
                        continue
                    }
                    #expect(!refusal.message.isEmpty)
                    // The side is checked first: a role that may never do this is told so, whatever the status.
                    let sideMayEver = side.map(transition.sides.contains) ?? false
                    #expect(refusal == (sideMayEver ? .wrongStatus(transition, status) : .notYourSide(transition)),
                            "\(status) \(transition) \(role)")
                }
            }
            #expect(CaseWorkflow.available(from: status, to: .caseHandler).contains(transition) == (row[transition]?.contains(.gridCompany) ?? false))
            #expect(CaseWorkflow.available(from: status, to: .installer).contains(transition) == (row[transition]?.contains(.installerCompany) ?? false))
        }
        #expect(CaseWorkflow.available(from: status, to: .systemAdmin).isEmpty)
    }

    @Test func finishedCasesAcceptNothingAndOnlyOpenSentCasesCanBeAssigned() {
        for status in CaseStatus.allCases {
            #expect(status.isFinished == [.rejected, .closed, .cancelled].contains(status))
            for role in Role.allCases {
                let expected = [.caseHandler, .gridAdmin].contains(role) && [.submitted, .returned, .approved, .completionReported].contains(status)
                #expect(CaseWorkflow.mayAssign(status, by: role) == expected, "\(status) \(role)")
            }
        }
    }

    @Test func theInstallerMayEditExactlyWhereSendingIsPossible() {
        for status in CaseStatus.allCases {
            #expect(status.installerMayEdit == CaseTransition.send.from.contains(status))
        }
    }

    @Test func aRefusalSaysWhatIsWrongInSwedish() {
        #expect(CaseTransitionRefusal.wrongStatus(.approve, .approved).message
            == "Ärendet har status Godkänd och kan inte längre godkännas.")
        #expect(CaseTransitionRefusal.notYourSide(.approve).message == "Bara nätbolagets handläggare kan göra detta: godkänn.")
        #expect(CaseTransitionRefusal.notYourSide(.reportCompletion).message == "Bara elinstallationsföretaget kan göra färdiganmälan.")
    }
}

@Suite struct CaseDecisionRulesTests {
    let today = CalendarDate(year: 2026, month: 11, day: 27)!

    func errors(_ transition: CaseTransition, _ input: CaseDecisionInput) -> [String: String] {
        if case .failure(let errors) = CaseDecisionRules.validate(transition, input, today: today) { return errors.messages }
        return [:]
    }

    @Test(arguments: [CaseTransition.returnForCompletion, .reject, .cancel])
    func aReasonIsRequiredAndKept(transition: CaseTransition) throws {
        #expect(errors(transition, CaseDecisionInput())[CaseDecisionRules.Field.reason] != nil)
        var blank = CaseDecisionInput()
        blank.reason = "   \n "
        #expect(errors(transition, blank)[CaseDecisionRules.Field.reason] != nil)
        var long = CaseDecisionInput()
        long.reason = String(repeating: "x", count: CaseDecisionRules.maximumTextLength + 1)
        #expect(errors(transition, long)[CaseDecisionRules.Field.reason] == "Texten får ha högst 4000 tecken.")
        var input = CaseDecisionInput()
        input.reason = "  Situationsplan saknas. "
        let details = try CaseDecisionRules.validate(transition, input, today: today).get()
        #expect(details.reason == "Situationsplan saknas.")
    }

    @Test func aReturnMayMarkKnownFieldsOnly() throws {
        var input = CaseDecisionInput()
        input.reason = "Fel säkring"
        input.fieldsToFix = ["facility.mainFuseRequested", "facility.mainFuseRequested", "owner.phone"]
        #expect(try CaseDecisionRules.validate(.returnForCompletion, input, today: today).get().fieldsToFix
            == ["facility.mainFuseRequested", "owner.phone"])
        input.fieldsToFix = ["nonsense"]
        #expect(errors(.returnForCompletion, input)[CaseDecisionRules.Field.fieldsToFix] == "Välj bland fälten i anmälan.")
    }

    @Test func anApprovalNeedsAnEarliestDateFromTodayAndAValidFacilityID() throws {
        let empty = errors(.approve, CaseDecisionInput())
        #expect(empty[CaseDecisionRules.Field.earliestConnectionDate] == "Ange tidigaste datum för inkoppling.")
        #expect(empty[CaseDecisionRules.Field.confirmedFacilityID] == "Ange anläggnings-ID (EAN) som medgivandet gäller.")
        #expect(empty[CaseDecisionRules.Field.conditions] == nil, "conditions are optional")

        var input = CaseDecisionInput()
        input.earliestConnectionDate = "2026-11-26"
        input.confirmedFacilityID = "735999000000000014"
        let wrong = errors(.approve, input)
        #expect(wrong[CaseDecisionRules.Field.earliestConnectionDate] == "Datumet kan inte vara tidigare än i dag.")
        #expect(wrong[CaseDecisionRules.Field.confirmedFacilityID] != nil, "wrong check digit")
        input.earliestConnectionDate = "2026-02-30"
        #expect(errors(.approve, input)[CaseDecisionRules.Field.earliestConnectionDate] == "Ange ett datum som ÅÅÅÅ-MM-DD.")

        input.earliestConnectionDate = "2026-11-27"
        input.confirmedFacilityID = "735 999 000 000 000 013"
        input.conditions = "Mätarskåp i fasad."
        let details = try CaseDecisionRules.validate(.approve, input, today: today).get()
        #expect(details.confirmedFacilityID == "735999000000000013")
        #expect(details.earliestConnectionDate == "2026-11-27")
        #expect(details.conditions == "Mätarskåp i fasad.")
        #expect(details.reason == nil)
    }

    @Test func aCompletionNoticeNeedsTheDeclarationAndTheOldMetersReadingWhereThereIsOne() throws {
        let empty = errors(.reportCompletion, CaseDecisionInput())
        #expect(empty[CaseDecisionRules.Field.readyForConnectionDate] != nil)
        #expect(empty[CaseDecisionRules.Field.installationChecked] == "Intyga att installationen är kontrollerad och klar för inkoppling.")
        #expect(empty[CaseDecisionRules.Field.existingMeterReading] == nil, "no old meter, no reading")

        var input = CaseDecisionInput()
        input.readyForConnectionDate = "2026-12-01"
        input.installationChecked = true
        input.hasExistingMeter = true
        let noReading = errors(.reportCompletion, input)
        #expect(noReading[CaseDecisionRules.Field.existingMeterReading] == "Ange mätarställningen på den befintliga mätaren.")
        #expect(noReading[CaseDecisionRules.Field.existingMeterReadingDate] == "Ange när mätarställningen lästes av.")
        input.existingMeterReading = "12a"
        input.existingMeterReadingDate = "2026-11-28"
        let wrong = errors(.reportCompletion, input)
        #expect(wrong[CaseDecisionRules.Field.existingMeterReading] == "Ange mätarställningen med siffror, till exempel 012345.")
        #expect(wrong[CaseDecisionRules.Field.existingMeterReadingDate] == "Datumet kan inte vara senare än i dag.")

        input.existingMeterReading = "012345,5"
        input.existingMeterReadingDate = "2026-11-27"
        input.note = "Nyckel i kodlåda"
        let details = try CaseDecisionRules.validate(.reportCompletion, input, today: today).get()
        #expect(details.existingMeterReading == "012345.5")
        #expect(details.installationChecked == true)
        #expect(details.readyForConnectionDate == "2026-12-01")
        #expect(details.note == "Nyckel i kodlåda")
    }

    @Test func closingNeedsAConnectionDateNotInTheFuture() throws {
        #expect(errors(.close, CaseDecisionInput())[CaseDecisionRules.Field.connectedDate] == "Ange datum för inkoppling eller mätarmontage.")
        var input = CaseDecisionInput()
        input.connectedDate = "2026-11-28"
        #expect(errors(.close, input)[CaseDecisionRules.Field.connectedDate] == "Datumet kan inte vara senare än i dag.")
        input.connectedDate = "2026-11-27"
        input.fittedMeterNumber = " M123 "
        let details = try CaseDecisionRules.validate(.close, input, today: today).get()
        #expect(details.connectedDate == "2026-11-27" && details.fittedMeterNumber == "M123")
    }

    @Test func sendingRecordsNoDetails() throws {
        #expect(try CaseDecisionRules.validate(.send, CaseDecisionInput(), today: today).get() == CaseDecisionDetails())
    }
}

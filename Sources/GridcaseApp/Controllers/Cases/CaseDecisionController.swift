import Fluent
import GridcaseDomain
import Vapor

/// Godkänn, Åter för komplettering, Avslå, Makulera, Färdiganmälan and the closing connection: each is a
/// form page of its own (it works on a phone and without script), posted once, recorded with who, when and
/// why. Ta ärendet and Tilldela set the case's handler.
struct CaseDecisionController {
    /// What the decision forms post. Checkboxes send "on" when ticked.
    struct DecisionForm: Content {
        var reason: String?
        var fieldsToFix: [String]?
        var earliestConnectionDate: String?
        var conditions: String?
        var confirmedFacilityID: String?
        var readyForConnectionDate: String?
        var hasExistingMeter: String?
        var existingMeterReading: String?
        var existingMeterReadingDate: String?
        var installationChecked: String?
        var note: String?
        var connectedDate: String?
        var fittedMeterNumber: String?

        var input: CaseDecisionInput {
            var input = CaseDecisionInput()
            input.reason = reason ?? ""
            input.fieldsToFix = fieldsToFix ?? []
            input.earliestConnectionDate = earliestConnectionDate ?? ""
            input.conditions = conditions ?? ""
            input.confirmedFacilityID = confirmedFacilityID ?? ""
            input.readyForConnectionDate = readyForConnectionDate ?? ""
            input.hasExistingMeter = hasExistingMeter != nil
            input.existingMeterReading = existingMeterReading ?? ""
            input.existingMeterReadingDate = existingMeterReadingDate ?? ""
            input.installationChecked = installationChecked != nil
            input.note = note ?? ""
            input.connectedDate = connectedDate ?? ""
            input.fittedMeterNumber = fittedMeterNumber ?? ""
            return input
        }
    }

    struct AssignmentForm: Content {
        var handlerID: String?
    }

    @Sendable func form(req: Request) async throws -> Response {
        let (record, transition) = try await authorizedTransition(req)
        if case .failure(let refusal) = CaseWorkflow.decide(transition, from: record.status, by: try req.currentUser.role) {
            return try await refused(refusal, record, req)
        }
        var input = CaseDecisionInput()
        if transition == .approve { input.confirmedFacilityID = try record.fieldValues(req.personalData)["facility.facilityID"] ?? "" }
        return try await req.render(try CaseDecisionPage(record, transition: transition, input: input, errors: FieldErrors(), req: req))
    }

    @Sendable func decide(req: Request) async throws -> Response {
        let (record, transition) = try await authorizedTransition(req)
        let input = try req.content.decode(DecisionForm.self).input
        let caseID = try record.requireID()
        switch try await req.caseTransitions.perform(transition, on: record, input: input, by: try req.currentUser) {
        case .done:
            return req.redirect(to: .caseDetail(.value(caseID)), notice: .decided(transition))
        case .alreadyDone:
            return req.redirect(to: .caseDetail(.value(caseID)), notice: .alreadyDecided)
        case .refused(let refusal):
            return try await refused(refusal, record, req)
        case .invalid(let errors):
            let page = try CaseDecisionPage(record, transition: transition, input: input, errors: errors, req: req)
            return try await req.render(page, status: .unprocessableEntity)
        }
    }

    /// Ta ärendet (no handler named: the user themself) and Tilldela.
    @Sendable func assign(req: Request) async throws -> Response {
        let record = try await req.authorizedCase(.view)
        let user = try req.currentUser
        let form = try req.content.decode(AssignmentForm.self)
        let handlerID = form.handlerID.flatMap(UUID.init(uuidString:)) ?? user.id
        let caseID = try record.requireID()
        switch try await req.caseAssignment.assign(record, to: handlerID, by: user) {
        case .assigned, .unchanged:
            return req.redirect(to: .caseDetail(.value(caseID)), notice: .assigned)
        case .refused(let message):
            let page = try await CaseShowPage.build(record, notice: nil, askToSend: false, error: message, req: req)
            return try await req.render(page, status: CaseSide(role: user.role) == .gridCompany ? .conflict : .forbidden)
        }
    }

    private func authorizedTransition(_ req: Request) async throws -> (Case, CaseTransition) {
        guard let raw = req.parameters.get(SitePath.transitionKey), let transition = CaseTransition(rawValue: raw), transition != .send else {
            throw Abort(.notFound)
        }
        return (try await req.authorizedCase(.view), transition)
    }

    /// The case with the reason the transition cannot be made: 403 for the wrong side, 409 for a status that
    /// has moved on.
    private func refused(_ refusal: CaseTransitionRefusal, _ record: Case, _ req: Request) async throws -> Response {
        let status: HTTPStatus = if case .notYourSide = refusal { .forbidden } else { .conflict }
        let fresh = try await req.authorizedCase(.view)
        return try await req.render(try await CaseShowPage.build(fresh, notice: nil, askToSend: false, error: refusal.message, req: req),
                                    status: status)
    }
}

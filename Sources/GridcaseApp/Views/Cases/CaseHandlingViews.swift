import Fluent
import GridcaseDomain
import Vapor

/// One decision as both sides see it: what happened, who, when, and what it said.
struct DecisionView: Encodable, Sendable {
    struct Line: Encodable, Sendable {
        let label: String
        let value: String
    }

    let heading: String
    let at: String
    let actor: String
    let organization: String
    let lines: [Line]

    init(_ decision: CaseDecision) {
        heading = decision.transition.pastTense
        at = DisplayFormat.dateTime(decision.at)
        actor = decision.actor.name
        organization = decision.actor.organization.name
        lines = Self.lines(decision.details)
    }

    static func lines(_ details: CaseDecisionDetails) -> [Line] {
        var lines: [Line] = []
        func add(_ label: String, _ value: String?) {
            if let value, !value.isEmpty { lines.append(Line(label: label, value: value)) }
        }
        add("Motivering", details.reason)
        add("Fält att rätta", details.fieldsToFix.map { keys in
            keys.compactMap(CaseFields.field).map { "\($0.section.swedishName): \($0.label)" }.joined(separator: ", ")
        })
        add("Tidigaste datum för inkoppling", details.earliestConnectionDate)
        add("Anläggnings-ID (EAN)", details.confirmedFacilityID)
        add("Villkor", details.conditions)
        add("Klar för inkoppling från", details.readyForConnectionDate)
        add("Befintlig mätares ställning", details.existingMeterReading.map { $0 + " kWh" })
        add("Avläst datum", details.existingMeterReadingDate)
        add("Intygat", details.installationChecked == true ? "Installationen är kontrollerad och klar för inkoppling" : nil)
        add("Meddelande", details.note)
        add("Inkopplad / mätare monterad", details.connectedDate)
        add("Monterad mätare", details.fittedMeterNumber)
        return lines
    }

    /// The case's decisions, newest first.
    static func load(for caseID: UUID, on db: any Database) async throws -> [DecisionView] {
        try await CaseDecision.query(on: db)
            .filter(\.$caseRecord.$id == caseID)
            .with(\.$actor) { $0.with(\.$organization) }
            .sort(\.$at, .descending).all()
            .map(DecisionView.init)
    }

    /// The latest return's decision while the case is Åter för komplettering: what the installer must fix.
    static func pendingReturn(of record: Case, on db: any Database) async throws -> CaseDecisionDetails? {
        guard record.status == .returned else { return nil }
        return try await CaseDecision.query(on: db)
            .filter(\.$caseRecord.$id == record.requireID())
            .filter(\.$transition == .returnForCompletion)
            .sort(\.$at, .descending).first()?.details
    }
}

/// The grid company's handling of a case: who handles it, Ta ärendet / Tilldela, and the decisions the user
/// may make now.
struct HandlingView: Encodable, Sendable {
    struct DecisionLink: Encodable, Sendable {
        let label: String
        let href: String
        let isDestructive: Bool
    }

    let handlerName: String?
    /// "Beslut väntas senast" and its date, while the case waits on the grid company.
    let expectationLabel: String?
    let expectedDate: String?
    let isOverdue: Bool
    let assignAction: String?
    let mayTake: Bool
    let handlers: [FieldView.ChoiceView]
    let decisions: [DecisionLink]

    static func build(_ record: Case, user: CurrentUser, today: CalendarDate, on db: any Database) async throws -> HandlingView {
        let caseID = try record.requireID()
        let targets = try await ServiceLevelStore(database: db).targets(for: record.$gridCompany.id)
        let since = CalendarDay.date(of: record.statusChangedAt ?? record.updatedAt)
        let mayAssign = CaseWorkflow.mayAssign(record.status, by: user.role) && user.organizationID == record.$gridCompany.id
        let handlers = mayAssign ? try await CaseAssignment.handlers(of: record.$gridCompany.id, on: db) : []
        return HandlingView(
            handlerName: record.assignedHandler?.name,
            expectationLabel: ServiceLevelStep(waitingIn: record.status)?.expectationLabel,
            expectedDate: targets.dueDate(status: record.status, since: since)?.description,
            isOverdue: targets.isOverdue(status: record.status, since: since, today: today),
            assignAction: mayAssign ? SitePath.caseAssignment(.value(caseID)).relative : nil,
            mayTake: mayAssign && record.$assignedHandler.id != user.id,
            handlers: try handlers.map { handler in
                let id = try handler.requireID()
                return .init(value: id.uuidString, label: handler.name, isSelected: id == record.$assignedHandler.id, inputID: "")
            },
            decisions: CaseWorkflow.available(from: record.status, to: user.role).filter { $0 != .send }.map { transition in
                DecisionLink(label: transition.swedishName,
                             href: SitePath.caseDecision(.value(caseID), .value(transition.rawValue)).relative,
                             isDestructive: transition == .reject || transition == .cancel)
            }
        )
    }
}

import Fluent
import GridcaseDomain
import SQLKit
import Vapor

/// Makes a status change: asks the state machine, checks what the transition requires, then moves the case
/// with one conditional UPDATE and records the decision and the history entry in the same transaction. A
/// double click or two handlers deciding at once can never move a case twice.
struct CaseTransitions {
    enum Outcome {
        case done(CaseStatus)
        /// The same transition had already been made (a double click, a resubmitted form): nothing happened.
        case alreadyDone
        case refused(CaseTransitionRefusal)
        case invalid(FieldErrors)
    }

    let database: any Database
    let clock: any AppClock
    let notifier: CaseNotifier

    func perform(_ transition: CaseTransition, on record: Case, input: CaseDecisionInput, by user: CurrentUser) async throws -> Outcome {
        switch CaseWorkflow.decide(transition, from: record.status, by: user.role) {
        case .failure(let refusal):
            if case .wrongStatus = refusal, record.status == transition.to { return .alreadyDone }
            return .refused(refusal)
        case .success:
            break
        }
        let details: CaseDecisionDetails
        switch CaseDecisionRules.validate(transition, input, today: CalendarDay.today(clock)) {
        case .success(let valid): details = valid
        case .failure(let errors): return .invalid(errors)
        }
        let moved = try await move(record, transition, details: details, by: user)
        if moved { return .done(transition.to) }
        guard let current = try await Case.find(try record.requireID(), on: database) else { throw Abort(.notFound) }
        if current.status == transition.to { return .alreadyDone }
        return .refused(.wrongStatus(transition, current.status))
    }

    /// Moves the case if it still has the status it was read with. False when someone else moved it first.
    /// Sending records no decision (the history says it); every other transition does.
    func move(_ record: Case, _ transition: CaseTransition, details: CaseDecisionDetails, by user: CurrentUser) async throws -> Bool {
        let userID = user.id
        guard let side = CaseSide(role: user.role) else { return false }
        let now = clock.now()
        let caseID = try record.requireID()
        let from = record.status
        return try await database.transaction { db -> Bool in
            let sql = db as! any SQLDatabase
            let submitted: SQLQueryString = transition == .send ? ", submitted_at = \(bind: now)" : ""
            let row = try await sql.raw("""
                UPDATE cases SET status = \(bind: transition.to.rawValue), status_changed_at = \(bind: now),
                  version = version + 1, updated_at = \(bind: now)
                """ + submitted + """
                 WHERE id = \(bind: caseID) AND status = \(bind: from.rawValue) RETURNING id
                """).first()
            guard row != nil else { return false }
            if transition != .send {
                try await CaseDecision(caseID: caseID, actorID: userID, at: now, transition: transition, from: from, details: details)
                    .create(on: db)
            }
            try await CaseEvent(caseID: caseID, actorID: userID, at: now, kind: .statusChanged, statusFrom: from, statusTo: transition.to)
                .create(on: db)
            try await notifier.enqueue(CaseNotificationEvent(transition), for: record, by: side, at: now, on: db)
            return true
        }
    }
}

extension Request {
    var caseTransitions: CaseTransitions { CaseTransitions(database: db, clock: clock, notifier: caseNotifier) }
}

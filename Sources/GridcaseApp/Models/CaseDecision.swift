import Fluent
import Foundation
import GridcaseDomain

/// A status change with who made it, when and why: the installationsmedgivande, a return with its reason, a
/// rejection, a färdiganmälan, the connection, a cancellation. Both sides see every decision.
// Fluent models are reference types whose properties Fluent mutates; Sendable is asserted, not checked.
final class CaseDecision: Model, @unchecked Sendable {
    static let schema = "case_decisions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var caseRecord: Case
    @Parent(key: "actor_id") var actor: User
    @Field(key: "at") var at: Date
    @Field(key: "transition") var transition: CaseTransition
    @Field(key: "status_from") var statusFrom: CaseStatus
    @Field(key: "status_to") var statusTo: CaseStatus
    @Field(key: "details") var detailsJSON: String

    init() {}

    init(caseID: UUID, actorID: UUID, at: Date, transition: CaseTransition, from: CaseStatus, details: CaseDecisionDetails) throws {
        self.$caseRecord.id = caseID
        self.$actor.id = actorID
        self.at = at
        self.transition = transition
        self.statusFrom = from
        self.statusTo = transition.to
        self.detailsJSON = String(decoding: try JSONEncoder().encode(details), as: UTF8.self)
    }

    var details: CaseDecisionDetails {
        (try? JSONDecoder().decode(CaseDecisionDetails.self, from: Data(detailsJSON.utf8))) ?? CaseDecisionDetails()
    }
}

import Fluent
import Foundation

/// One e-mail waiting to be sent, being sent, sent, or given up on.
// Fluent models are reference types whose properties Fluent mutates; Sendable is asserted, not checked.
final class OutboxMessage: Model, @unchecked Sendable {
    static let schema = "outbox_messages"

    enum Status: String, Codable, Sendable {
        case pending, sent, failed

        var swedishName: String {
            switch self {
            case .pending: "Väntar"
            case .sent: "Skickat"
            case .failed: "Misslyckades"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "case_id") var caseID: UUID?
    @Field(key: "event") var event: String
    @Field(key: "recipient") var recipient: String
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    @Field(key: "status") var status: Status
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    @OptionalField(key: "claim_token") var claimToken: String?
    @OptionalField(key: "claimed_until") var claimedUntil: Date?
    @OptionalField(key: "sent_at") var sentAt: Date?
    @OptionalField(key: "last_error") var lastError: String?

    init() {}

    init(caseID: UUID?, event: String, recipient: String, subject: String, body: String, at now: Date) {
        self.createdAt = now
        self.caseID = caseID
        self.event = event
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.status = .pending
        self.attempts = 0
        self.nextAttemptAt = now
    }
}

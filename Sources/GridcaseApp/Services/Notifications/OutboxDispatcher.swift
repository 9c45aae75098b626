import Fluent
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Delivers the outbox: claims due messages for a while (so other app instances leave them alone), hands
/// each to the mail system, and records the result. A message is marked sent right after the server
/// accepted it; if the process dies while a message is claimed, it is tried again when the claim has run
/// out. Failures are retried with growing pauses; a permanent refusal is not.
struct OutboxDispatcher {
    let database: any Database
    let clock: any AppClock
    let delivery: any MailDelivery
    let from: String
    let logger: Logger

    /// How long a claimed message is left alone by other workers.
    static let claimDuration: TimeInterval = 120
    static let maximumAttempts = 10

    /// The pause after the `attempts`-th failure: 1, 2, 4 ... minutes, at most six hours.
    static func backoff(afterAttempt attempts: Int) -> TimeInterval {
        min(60 * pow(2, Double(max(0, attempts - 1))), 6 * 3600)
    }

    /// One pass: delivers up to `limit` due messages; returns how many were sent.
    @discardableResult
    func deliverDue(limit: Int = 20) async throws -> Int {
        let claimed = try await claim(limit: limit)
        var sent = 0
        for message in claimed {
            try Task.checkCancellation()
            if try await deliver(message) { sent += 1 }
        }
        return sent
    }

    private func claim(limit: Int) async throws -> [OutboxMessage] {
        let sql = database as! any SQLDatabase
        let now = clock.now()
        let token = SecureToken.generate()
        // The claim conditions are repeated outside the subquery: a row another worker claimed meanwhile is
        // re-checked and skipped (PostgreSQL re-evaluates them for rows changed by a concurrent update).
        try await sql.raw("""
            UPDATE outbox_messages SET claim_token = \(bind: token), claimed_until = \(bind: now.addingTimeInterval(Self.claimDuration))
            WHERE status = \(bind: OutboxMessage.Status.pending.rawValue) AND next_attempt_at <= \(bind: now)
              AND (claimed_until IS NULL OR claimed_until < \(bind: now))
              AND id IN (SELECT id FROM outbox_messages
                         WHERE status = \(bind: OutboxMessage.Status.pending.rawValue) AND next_attempt_at <= \(bind: now)
                           AND (claimed_until IS NULL OR claimed_until < \(bind: now))
                         ORDER BY created_at LIMIT \(unsafeRaw: String(max(1, limit))))
            """).run()
        return try await OutboxMessage.query(on: database).filter(\.$claimToken == token).sort(\.$createdAt).all()
    }

    /// True when the message was sent.
    private func deliver(_ message: OutboxMessage) async throws -> Bool {
        let id = try message.requireID()
        let mail = OutgoingMail(messageID: "\(id.uuidString.lowercased())@gridcase", from: from, to: message.recipient,
                                subject: message.subject, body: message.body, date: message.createdAt)
        let sql = database as! any SQLDatabase
        do {
            try await delivery.deliver(mail)
        } catch {
            // Stopped mid-delivery (shutdown): record nothing, as a crash would not; the claim runs out and
            // the message is tried again.
            if Task.isCancelled || error is CancellationError { throw CancellationError() }
            let attempts = message.attempts + 1
            let permanent = (error as? MailDeliveryError)?.isPermanent ?? false
            let givesUp = permanent || attempts >= Self.maximumAttempts
            // The reason names the server's reply, never the message's text; the recipient is an employee's address.
            logger.warning("E-post kunde inte skickas", metadata: [
                "outbox_id": .string(id.uuidString), "attempt": .stringConvertible(attempts), "gives_up": .stringConvertible(givesUp),
                "reason": .string(String(describing: error).prefix(300).description),
            ])
            try await sql.raw("""
                UPDATE outbox_messages SET attempts = \(bind: attempts), last_error = \(bind: String(String(describing: error).prefix(500))),
                  status = \(bind: (givesUp ? OutboxMessage.Status.failed : .pending).rawValue),
                  next_attempt_at = \(bind: clock.now().addingTimeInterval(Self.backoff(afterAttempt: attempts))),
                  claim_token = NULL, claimed_until = NULL
                WHERE id = \(bind: id) AND claim_token = \(bind: message.claimToken ?? "")
                """).run()
            return false
        }
        try await sql.raw("""
            UPDATE outbox_messages SET status = \(bind: OutboxMessage.Status.sent.rawValue), sent_at = \(bind: clock.now()),
              attempts = attempts + 1, last_error = NULL, claim_token = NULL, claimed_until = NULL
            WHERE id = \(bind: id)
            """).run()
        return true
    }
}

/// Runs the dispatcher in the background while the server runs (started by `gridcase start` when SMTP is
/// configured): a pass every few seconds, until nothing is due.
struct OutboxWorker: LifecycleHandler {
    let interval: Duration
    let task: NIOLockedValueBox<Task<Void, Never>?> = .init(nil)

    init(interval: Duration = .seconds(5)) {
        self.interval = interval
    }

    func start(_ dispatcher: OutboxDispatcher, logger: Logger) {
        let interval = self.interval
        task.withLockedValue { $0 = Task {
            while !Task.isCancelled {
                do {
                    while try await dispatcher.deliverDue() > 0, !Task.isCancelled {}
                } catch is CancellationError {
                    return
                } catch {
                    logger.error("Utkorgen kunde inte läsas", metadata: ["error": .string(String(describing: type(of: error)))])
                }
                try? await Task.sleep(for: interval)
            }
        } }
    }

    func stop() {
        task.withLockedValue { $0?.cancel(); $0 = nil }
    }

    func shutdown(_ application: Application) { stop() }
}

extension Application {
    /// The outbox's dispatcher over SMTP, when SMTP is configured.
    func outboxDispatcher() -> OutboxDispatcher? {
        guard let smtp = appConfig.smtp else { return nil }
        let host = URL(string: appConfig.publicURL)?.host ?? "localhost"
        return OutboxDispatcher(database: db, clock: clock,
                                delivery: SMTPMailDelivery(settings: smtp, eventLoopGroup: eventLoopGroup, clientName: host),
                                from: smtp.from, logger: logger)
    }
}

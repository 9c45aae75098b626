import Fluent
import Foundation
import GridcaseDomain
import Testing
import Vapor
import VaporTesting
@testable import GridcaseApp

@Suite struct OutboxDeliveryTests {
    static let handlerEmail = "karin.handlaggare@kullabygden-elnat.example"

    /// Every kind of event, through the pages: case 1 goes the whole way with a note from each side; case 2
    /// is rejected; case 3 is cancelled by the installer.
    private func causeEveryEvent(_ t: TestApp) async throws {
        let installer = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
        let handler = try await t.signedIn(Demo.email(.caseHandler, of: Demo.kullabygden))
        let first = try await t.sentCase(installer)
        try await t.decide(handler, .returnForCompletion, case: first, form: ["reason": "Fel säkring"])
        try await installer.post(SitePath.caseSend(.value(first)).relative, form: [:])
        try await handler.post(SitePath.caseAssignment(.value(first)).relative, form: [:])
        try await handler.post(SitePath.caseNotes(.value(first)).relative, form: ["body": "Vi kommer på torsdag"])
        try await handler.post(SitePath.caseNotes(.value(first)).relative, form: ["body": "Internt", "isInternal": "on"])
        try await t.decide(handler, .approve, case: first, form: TestApp.consent)
        try await installer.post(SitePath.caseNotes(.value(first)).relative, form: ["body": "Tack"])
        try await t.decide(installer, .reportCompletion, case: first, form: ["readyForConnectionDate": "2026-11-18", "installationChecked": "on"])
        try await t.decide(handler, .close, case: first, form: ["connectedDate": "2026-11-18"])
        let second = try await t.sentCase(installer)
        try await t.decide(handler, .reject, case: second, form: ["reason": "Fel nätbolag"])
        let third = try await t.sentCase(installer)
        try await t.decide(installer, .cancel, case: third, form: ["reason": "Kunden ångrade sig"])
    }

    /// The subject as the server got it, RFC 2047 words decoded.
    static func decodedSubject(_ header: String) -> String {
        header.split(whereSeparator: \.isWhitespace).map { word -> String in
            guard word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?="),
                  let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2))) else { return String(word) }
            return String(decoding: data, as: UTF8.self)
        }.joined(separator: header.contains("=?UTF-8?B?") ? "" : " ")
    }

    private func waitUntil(seconds: Double = 20, _ condition: () async throws -> Bool) async throws {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("timed out")
    }

    @Test func eachEventsEmailArrivesOnceEvenAfterTheWorkerStopsMidDelivery() async throws {
        try await TestApp.run { t in
            try await causeEveryEvent(t)
            let outbox = try await OutboxMessage.query(on: t.app.db).sort(\.$createdAt).all()
            #expect(outbox.map(\.event) == ["sent", "returned", "sent", "noteAdded", "approved", "noteAdded", "completionReported",
                                            "closed", "sent", "rejected", "sent", "cancelled"])
            #expect(outbox.map(\.recipient) == [
                "arenden@kullabygden-elnat.example", "anna.installator@oresunds-el.example", "arenden@kullabygden-elnat.example",
                "anna.installator@oresunds-el.example", "anna.installator@oresunds-el.example", Self.handlerEmail, Self.handlerEmail,
                "anna.installator@oresunds-el.example", "arenden@kullabygden-elnat.example", "anna.installator@oresunds-el.example",
                "arenden@kullabygden-elnat.example", "arenden@kullabygden-elnat.example",
            ])

            try await TestSMTPServer.run(stallRecipientOnce: Self.handlerEmail) { server in
                let dispatcher = OutboxDispatcher(
                    database: t.app.db, clock: t.clock,
                    delivery: SMTPMailDelivery(settings: server.settings(), eventLoopGroup: t.app.eventLoopGroup, clientName: "test.example"),
                    from: "gridcase@kullabygden-elnat.example", logger: t.app.logger)
                let worker = OutboxWorker(interval: .milliseconds(100))
                worker.start(dispatcher, logger: t.app.logger)
                try await waitUntil { server.isStalling }
                worker.stop() // as if the process ended in the middle of the handler's first e-mail
                try await Task.sleep(for: .milliseconds(300))
                #expect(server.received.count == 5, "the five messages before the stalled one")

                t.clock.advance(by: OutboxDispatcher.claimDuration + 1) // the stopped worker's claim runs out
                let restarted = OutboxWorker(interval: .milliseconds(100))
                restarted.start(dispatcher, logger: t.app.logger)
                try await waitUntil {
                    try await OutboxMessage.query(on: t.app.db).filter(\.$status == .sent).count() == outbox.count
                }
                restarted.stop()

                let received = server.received
                #expect(received.count == outbox.count)
                let expectedIDs = try outbox.map { "<\(try $0.requireID().uuidString.lowercased())@gridcase>" }
                #expect(received.map(\.message_id).sorted() == expectedIDs.sorted(), "each message exactly once")
                for (message, mail) in zip(outbox, received.sorted { a, b in
                    expectedIDs.firstIndex(of: a.message_id)! < expectedIDs.firstIndex(of: b.message_id)!
                }) {
                    #expect(mail.to == [message.recipient])
                    #expect(Self.decodedSubject(mail.subject) == message.subject)
                    let body = try #require(Data(base64Encoded: mail.content.components(separatedBy: "\r\n\r\n")[1]
                        .replacingOccurrences(of: "\r\n", with: "")).map { String(decoding: $0, as: UTF8.self) })
                    #expect(body.contains("Öppna ärendet: http://127.0.0.1:8080/cases/\(message.caseID!.uuidString)"))
                    for personal in ["811218", "Andersson", "Storgatan", "070-123"] {
                        #expect(!body.contains(personal) && !mail.subject.contains(personal), "no personal data: \(personal)")
                    }
                }
            }
        }
    }

    @Test func starttlsThatTheServerDoesNotOfferIsAPermanentFailureNotAPlainSend() async throws {
        try await TestApp.run { t in
            try await OutboxMessage(caseID: nil, event: "sent", recipient: Self.handlerEmail, subject: "Test", body: "Text", at: t.clock.now())
                .create(on: t.app.db)
            try await TestSMTPServer.run { server in
                let dispatcher = OutboxDispatcher(
                    database: t.app.db, clock: t.clock,
                    delivery: SMTPMailDelivery(settings: server.settings(security: .startTLS), eventLoopGroup: t.app.eventLoopGroup,
                                               clientName: "test.example"),
                    from: "gridcase@kullabygden-elnat.example", logger: t.app.logger)
                #expect(try await dispatcher.deliverDue() == 0)
                let message = try #require(try await OutboxMessage.query(on: t.app.db).first())
                #expect(message.status == .failed && message.attempts == 1)
                #expect(message.lastError?.contains("STARTTLS") == true)
                #expect(server.received.isEmpty)
            }
        }
    }

    @Test func aServerThatIsDownIsTriedAgainWithGrowingPauses() async throws {
        try await TestApp.run { t in
            try await OutboxMessage(caseID: nil, event: "sent", recipient: Self.handlerEmail, subject: "Test", body: "Text", at: t.clock.now())
                .create(on: t.app.db)
            let closedPort = AppConfig.SMTPSettings(host: "127.0.0.1", port: 1, security: .none, username: nil, password: nil, from: "a@b.example")
            let dispatcher = OutboxDispatcher(
                database: t.app.db, clock: t.clock,
                delivery: SMTPMailDelivery(settings: closedPort, eventLoopGroup: t.app.eventLoopGroup, clientName: "test.example"),
                from: "a@b.example", logger: t.app.logger)
            #expect(try await dispatcher.deliverDue() == 0)
            let once = try #require(try await OutboxMessage.query(on: t.app.db).first())
            #expect(once.status == .pending && once.attempts == 1)
            #expect(once.nextAttemptAt == t.clock.now().addingTimeInterval(60))
            #expect(try await dispatcher.deliverDue() == 0, "not due yet")
            #expect(try await OutboxMessage.query(on: t.app.db).first()?.attempts == 1)
            t.clock.advance(by: 61)
            try await dispatcher.deliverDue()
            let twice = try #require(try await OutboxMessage.query(on: t.app.db).first())
            #expect(twice.attempts == 2 && twice.nextAttemptAt == t.clock.now().addingTimeInterval(120))
            #expect(OutboxDispatcher.backoff(afterAttempt: 20) == 6 * 3600)
        }
    }

    @Test func theOperatorSeesTheOutboxAndNobodyElseDoes() async throws {
        try await TestApp.run { t in
            let installer = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            try await t.sentCase(installer)
            let operatorUser = try await t.signedIn(Demo.email(.systemAdmin, of: Demo.operatorName))
            let html = try await operatorUser.get(SitePath.systemOutbox.relative).body.string
            #expect(html.contains("E-post skickas inte: ingen SMTP-server är inställd (SMTP_HOST). Meddelandena väntar här."))
            #expect(html.contains("[KBE-2026-00001] Föranmälan att handlägga: Servisändring - Anläggning med en mätare"))
            #expect(html.contains("till arenden@kullabygden-elnat.example"))
            for role in [Role.installerAdmin, .gridAdmin] {
                let organization = role == .gridAdmin ? Demo.kullabygden : Demo.oresundsEl
                let other = try await t.signedIn(Demo.email(role, of: organization))
                #expect(try await other.get(SitePath.systemOutbox.relative).status == .forbidden)
            }
        }
    }

    @Test func aRefusedDecisionOrAnInternalNoteWritesNoEmail() async throws {
        try await TestApp.run { t in
            let installer = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let handler = try await t.signedIn(Demo.email(.caseHandler, of: Demo.kullabygden))
            let id = try await t.sentCase(installer)
            let before = try await OutboxMessage.query(on: t.app.db).count()
            try await t.decide(handler, .approve, case: id, form: [:]) // missing values: refused
            try await t.decide(installer, .approve, case: id, form: TestApp.consent) // wrong side
            try await handler.post(SitePath.caseNotes(.value(id)).relative, form: ["body": "Internt", "isInternal": "on"])
            #expect(try await OutboxMessage.query(on: t.app.db).count() == before)
            let draft = try await t.createCase(installer)
            try await installer.get(SitePath.caseDetail(.value(draft)).relative)
            try await installer.post(SitePath.caseNotes(.value(draft)).relative, form: ["body": "Till mig själv"])
            #expect(try await OutboxMessage.query(on: t.app.db).count() == before, "nobody else sees a draft's notes")
        }
    }

    @Test func theGridAdminChoosesWhereNewCasesAreAnnounced() async throws {
        try await TestApp.run { t in
            let admin = try await t.signedIn(Demo.email(.gridAdmin, of: Demo.kullabygden))
            #expect(try await admin.get(SitePath.adminNotifications.relative).body.string.contains(#"value="arenden@kullabygden-elnat.example""#))
            let bad = try await admin.post(SitePath.adminNotifications.relative, form: ["caseNotificationEmail": "arenden@"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains(#"value="arenden@""#) && bad.body.string.contains(#"id="caseNotificationEmail-error""#))
            try await admin.post(SitePath.adminNotifications.relative, form: ["caseNotificationEmail": ""])
            let installer = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            try await t.sentCase(installer)
            let recipients = try await OutboxMessage.query(on: t.app.db).all().map(\.recipient).sorted()
            #expect(recipients == [Demo.email(.gridAdmin, of: Demo.kullabygden), Self.handlerEmail].sorted(), "no shared inbox: every handler")
            let handler = try await t.signedIn(Demo.email(.caseHandler, of: Demo.kullabygden))
            #expect(try await handler.get(SitePath.adminNotifications.relative).status == .forbidden)
        }
    }

    @Test func theLoginGoesOverTLSAndARefusedPasswordKeepsTheMessageWaitingWithoutShowingThePassword() async throws {
        try await TestApp.run { t in
            let certificate = try TestSMTPServer.makeCertificate()
            try await OutboxMessage(caseID: nil, event: "sent", recipient: Self.handlerEmail, subject: "Inloggad", body: "Text", at: t.clock.now())
                .create(on: t.app.db)
            try await TestSMTPServer.run(tls: certificate, credentials: ("gridcase", "rätt-lösenord")) { server in
                func dispatcher(password: String) -> OutboxDispatcher {
                    let settings = AppConfig.SMTPSettings(host: "localhost", port: server.port, security: .startTLS, username: "gridcase",
                                                          password: password, from: "gridcase@kullabygden-elnat.example",
                                                          caFile: certificate.certificate)
                    return OutboxDispatcher(database: t.app.db, clock: t.clock,
                                            delivery: SMTPMailDelivery(settings: settings, eventLoopGroup: t.app.eventLoopGroup, clientName: "test.example"),
                                            from: settings.from, logger: t.app.logger)
                }
                #expect(try await dispatcher(password: "fel-lösenord").deliverDue() == 0)
                let refused = try #require(try await OutboxMessage.query(on: t.app.db).first())
                #expect(refused.status == .pending && refused.attempts == 1, "the operator's mistake does not cost the message")
                let reason = try #require(refused.lastError)
                #expect(reason.contains("535") && reason.contains("SMTP_PASSWORD"))
                let secret = Data("\0gridcase\0fel-lösenord".utf8).base64EncodedString()
                #expect(!reason.contains("fel-lösenord") && !reason.contains(secret))
                #expect(server.received.isEmpty)

                t.clock.advance(by: 61)
                #expect(try await dispatcher(password: "rätt-lösenord").deliverDue() == 1)
                #expect(server.received.map(\.subject) == ["Inloggad"])
                #expect(server.received.map(\.login) == ["gridcase"])
            }
        }
    }

    @Test(arguments: [AppConfig.SMTPSettings.Security.startTLS, .tls])
    func encryptedDeliveryChecksTheServersCertificate(security: AppConfig.SMTPSettings.Security) async throws {
        try await TestApp.run { t in
            let certificate = try TestSMTPServer.makeCertificate()
            try await OutboxMessage(caseID: nil, event: "sent", recipient: Self.handlerEmail, subject: "Krypterat", body: "Text", at: t.clock.now())
                .create(on: t.app.db)
            try await TestSMTPServer.run(tls: certificate, implicitTLS: security == .tls) { server in
                func dispatcher(trusting caFile: String?) -> OutboxDispatcher {
                    let settings = AppConfig.SMTPSettings(host: "localhost", port: server.port, security: security, username: nil, password: nil,
                                                          from: "gridcase@kullabygden-elnat.example", caFile: caFile)
                    return OutboxDispatcher(database: t.app.db, clock: t.clock,
                                            delivery: SMTPMailDelivery(settings: settings, eventLoopGroup: t.app.eventLoopGroup, clientName: "test.example"),
                                            from: settings.from, logger: t.app.logger)
                }
                // A certificate nobody vouches for is refused: nothing is sent in the clear instead.
                #expect(try await dispatcher(trusting: nil).deliverDue() == 0)
                let refused = try #require(try await OutboxMessage.query(on: t.app.db).first())
                #expect(refused.status == .pending && refused.attempts == 1)
                #expect(server.received.isEmpty)

                t.clock.advance(by: 61)
                #expect(try await dispatcher(trusting: certificate.certificate).deliverDue() == 1)
                #expect(server.received.map(\.subject) == ["Krypterat"])
            }
        }
    }
}

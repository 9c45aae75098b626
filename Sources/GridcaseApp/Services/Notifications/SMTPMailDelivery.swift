import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// One e-mail as it leaves Gridcase.
struct OutgoingMail: Sendable, Equatable {
    /// Stable per outbox message, so a receiver can recognise a message it already has.
    let messageID: String
    let from: String
    let to: String
    let subject: String
    let body: String
    let date: Date
}

/// Hands an e-mail to the mail system.
protocol MailDelivery: Sendable {
    func deliver(_ mail: OutgoingMail) async throws
}

enum MailDeliveryError: Error, CustomStringConvertible {
    /// The server refused with a 5xx reply: trying again will not help.
    case permanent(String)
    /// A 4xx reply, a closed connection or a timeout: try again later.
    case temporary(String)

    var description: String {
        switch self {
        case .permanent(let text), .temporary(let text): text
        }
    }

    var isPermanent: Bool { if case .permanent = self { true } else { false } }
}

/// A small SMTP client (RFC 5321) over SwiftNIO: EHLO, STARTTLS or TLS, AUTH PLAIN, one message per
/// connection. No mail package is available offline, and the protocol needs only these steps.
struct SMTPMailDelivery: MailDelivery {
    let settings: AppConfig.SMTPSettings
    let eventLoopGroup: any EventLoopGroup
    /// The name this host gives in EHLO.
    let clientName: String
    var timeout: TimeAmount = .seconds(60)

    func deliver(_ mail: OutgoingMail) async throws {
        let settings = self.settings
        let channel: NIOAsyncChannel<String, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: eventLoopGroup)
                .connectTimeout(.seconds(10))
                .connect(host: settings.host, port: settings.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if settings.security == .tls {
                            try channel.pipeline.syncOperations.addHandler(try Self.tlsHandler(for: settings))
                        }
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPReplyLineDecoder()))
                        return try NIOAsyncChannel<String, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw MailDeliveryError.temporary("Kunde inte ansluta till \(settings.host):\(settings.port): \(error)")
        }
        // A server that stops answering must not hold the worker: the connection is closed after `timeout`.
        let deadline = channel.channel.eventLoop.scheduleTask(in: timeout) { channel.channel.close(promise: nil) }
        defer { deadline.cancel() }
        try await channel.executeThenClose { inbound, outbound in
            var session = SMTPSession(lines: inbound.makeAsyncIterator(), outbound: outbound)
            try await session.expect(220, after: nil)
            var extensions = try await session.command("EHLO \(clientName)", expect: 250)
            if settings.security == .startTLS {
                guard extensions.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) else {
                    throw MailDeliveryError.permanent("Servern erbjuder inte STARTTLS (SMTP_SECURITY=starttls).")
                }
                _ = try await session.command("STARTTLS", expect: 220)
                try await channel.channel.pipeline.addHandler(try Self.tlsHandler(for: settings), position: .first)
                extensions = try await session.command("EHLO \(clientName)", expect: 250)
            }
            if let username = settings.username {
                let secret = Data("\0\(username)\0\(settings.password ?? "")".utf8).base64EncodedString()
                do {
                    _ = try await session.command("AUTH PLAIN \(secret)", expect: 235, shown: "AUTH PLAIN ***")
                } catch MailDeliveryError.permanent(let text) {
                    // A refused login is the configuration's fault, not the message's: the message waits and is
                    // tried again (the operator sees why under Utkorg) instead of being given up.
                    throw MailDeliveryError.temporary(text + " (kontrollera SMTP_USERNAME och SMTP_PASSWORD)")
                }
            }
            _ = try await session.command("MAIL FROM:<\(mail.from)>", expect: 250)
            _ = try await session.command("RCPT TO:<\(mail.to)>", expect: 250, 251)
            _ = try await session.command("DATA", expect: 354)
            _ = try await session.command(MailMessageFormat.data(mail), expect: 250, shown: "(meddelandet)")
            _ = try? await session.command("QUIT", expect: 221)
        }
    }

    /// The system's certificate authorities (and `SMTP_CA_FILE`'s), with the server's name checked.
    private static func tlsHandler(for settings: AppConfig.SMTPSettings) throws -> NIOSSLClientHandler {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let caFile = settings.caFile { configuration.additionalTrustRoots = [.file(caFile)] }
        return try NIOSSLClientHandler(context: try NIOSSLContext(configuration: configuration), serverHostname: settings.host)
    }
}

/// The client's side of one SMTP conversation: send a command, read the (possibly multi-line) reply.
private struct SMTPSession {
    var lines: NIOAsyncChannelInboundStream<String>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

    /// Sends `text` and returns the reply's lines; a reply with another code throws.
    mutating func command(_ text: String, expect codes: Int..., shown: String? = nil) async throws -> [String] {
        try await outbound.write(ByteBuffer(string: text + "\r\n"))
        return try await expect(codes, after: shown ?? text)
    }

    @discardableResult
    mutating func expect(_ code: Int, after command: String?) async throws -> [String] {
        try await expect([code], after: command)
    }

    mutating func expect(_ codes: [Int], after command: String?) async throws -> [String] {
        var texts: [String] = []
        while true {
            guard let line = try await lines.next() else {
                throw MailDeliveryError.temporary("Servern stängde anslutningen" + (command.map { " efter \($0)" } ?? ""))
            }
            guard line.count >= 3, let code = Int(line.prefix(3)) else {
                throw MailDeliveryError.temporary("Oväntat svar från servern: \(line.prefix(200))")
            }
            texts.append(String(line.dropFirst(4)))
            // "250-..." continues the reply; "250 ..." ends it.
            if line.count > 3, line[line.index(line.startIndex, offsetBy: 3)] == "-" { continue }
            guard codes.contains(code) else {
                let text = "Servern svarade \(line.prefix(200))" + (command.map { " på \($0.prefix(40))" } ?? "")
                throw code >= 500 ? MailDeliveryError.permanent(text) : MailDeliveryError.temporary(text)
            }
            return texts
        }
    }
}

/// Splits the server's byte stream into reply lines (without CRLF).
private struct SMTPReplyLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = String

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > 4096 { throw MailDeliveryError.temporary("För lång svarsrad från servern") }
            return .needMoreData
        }
        let length = newline - buffer.readerIndex + 1
        guard var line = buffer.readString(length: length) else { return .needMoreData }
        while line.hasSuffix("\n") || line.hasSuffix("\r") { line.removeLast() }
        context.fireChannelRead(wrapInboundOut(line))
        return .continue
    }
}

import Foundation
import Testing
@testable import GridcaseApp

/// Tests/Fixtures/smtp_server.py (aiosmtpd) as a separate process on 127.0.0.1: a real SMTP server that
/// records every accepted message.
final class TestSMTPServer: @unchecked Sendable {
    struct Received: Decodable {
        let from: String
        let to: [String]
        let message_id: String
        let subject: String
        let content: String
        /// The login the client authenticated with (when the server required AUTH).
        let login: String?
    }

    let process = Process()
    /// The server lives while this pipe is open.
    let lifeline = Pipe()
    let port: Int
    let messagesFile: URL

    /// `stallRecipientOnce`: the first RCPT TO for this address hangs for a minute. `tls`: a certificate and key
    /// for "localhost"; STARTTLS is then required, or with `implicitTLS` TLS starts at once. `credentials`: AUTH with
    /// this login and password is required.
    init(stallRecipientOnce: String? = nil, tls: (certificate: String, key: String)? = nil, implicitTLS: Bool = false,
         credentials: (login: String, password: String)? = nil) throws {
        messagesFile = FileManager.default.temporaryDirectory.appendingPathComponent("gridcase-smtp-\(UUID().uuidString).jsonl")
        let script = URL(fileURLWithPath: TestApp.packageRoot).appendingPathComponent("Tests/Fixtures/smtp_server.py")
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, messagesFile.path]
        var environment = ProcessInfo.processInfo.environment
        environment["STALL_RCPT_ONCE"] = stallRecipientOnce
        environment["SMTP_TLS_CERT"] = tls?.certificate
        environment["SMTP_TLS_KEY"] = tls?.key
        environment["SMTP_TLS_IMPLICIT"] = implicitTLS ? "1" : nil
        environment["SMTP_AUTH"] = credentials.map { "\($0.login):\($0.password)" }
        process.environment = environment
        process.standardOutput = output
        process.standardInput = lifeline
        process.standardError = FileHandle.nullDevice
        try process.run()
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw FakeRegisterError.noPort(line)
        }
        self.port = port
    }

    func settings(security: AppConfig.SMTPSettings.Security = .none) -> AppConfig.SMTPSettings {
        .init(host: "127.0.0.1", port: port, security: security, username: nil, password: nil, from: "gridcase@kullabygden-elnat.example")
    }

    /// A self-signed certificate for "localhost" (openssl), its PEM files in a temporary directory.
    static func makeCertificate() throws -> (certificate: String, key: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gridcase-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let certificate = directory.appendingPathComponent("cert.pem").path, key = directory.appendingPathComponent("key.pem").path
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate,
                             "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        guard openssl.terminationStatus == 0 else { throw FakeRegisterError.noPort("openssl failed") }
        return (certificate, key)
    }

    var received: [Received] {
        guard let text = try? String(contentsOf: messagesFile, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(Received.self, from: Data($0.utf8)) }
    }

    /// Whether the stalled recipient's RCPT TO has arrived and is hanging.
    var isStalling: Bool { FileManager.default.fileExists(atPath: messagesFile.path + ".stalled") }

    func stop() {
        try? lifeline.fileHandleForWriting.close()
        process.terminate()
        try? FileManager.default.removeItem(at: messagesFile)
        try? FileManager.default.removeItem(atPath: messagesFile.path + ".stalled")
    }

    static func run<T>(stallRecipientOnce: String? = nil, tls: (certificate: String, key: String)? = nil, implicitTLS: Bool = false,
                       credentials: (login: String, password: String)? = nil,
                       _ body: (TestSMTPServer) async throws -> T) async throws -> T {
        let server = try TestSMTPServer(stallRecipientOnce: stallRecipientOnce, tls: tls, implicitTLS: implicitTLS, credentials: credentials)
        do {
            let result = try await body(server)
            server.stop()
            return result
        } catch {
            server.stop()
            throw error
        }
    }
}

import Foundation
import Vapor
import Testing
@testable import GridcaseApp

/// Tests/Fixtures/fake_register.py as a separate process on 127.0.0.1, for the HTTP connector's tests.
final class FakeRegisterServer: @unchecked Sendable {
    static let token = "test-token"
    let process = Process()
    /// The server lives while this pipe is open: closing it (or this process ending) stops the server, even
    /// when a launcher such as a pyenv shim stands between us and python.
    let lifeline = Pipe()
    let port: Int

    var baseURL: String { "http://127.0.0.1:\(port)" }

    init() throws {
        let script = URL(fileURLWithPath: TestApp.packageRoot).appendingPathComponent("Tests/Fixtures/fake_register.py")
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path]
        process.standardOutput = output
        // The server must not share the test run's error stream: a runner waits for it to close.
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

    /// Ends the server. (Not waiting for it: Foundation's wait would block a concurrency thread.)
    func stop() {
        try? lifeline.fileHandleForWriting.close()
        process.terminate()
    }

    /// How many lookups the server saw for a key.
    func count(_ key: String, client: any Client) async throws -> Int {
        let response = try await client.get(URI(string: "\(baseURL)/__count?key=\(key)"))
        return try response.content.decode([String: Int].self)["count"] ?? -1
    }

    @discardableResult
    static func run<T>(_ body: (FakeRegisterServer) async throws -> T) async throws -> T {
        let server = try FakeRegisterServer()
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

enum FakeRegisterError: Error {
    case noPort(String)
}

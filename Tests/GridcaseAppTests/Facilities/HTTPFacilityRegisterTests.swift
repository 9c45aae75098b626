import GridcaseDomain
import Testing
import Vapor
@testable import GridcaseApp

/// The HTTP connector against a real register server on 127.0.0.1.
@Suite struct HTTPFacilityRegisterTests {
    /// The outcome of one lookup, how many requests the server saw for the key, and how long it took.
    func lookUp(_ meterNumber: String, server: FakeRegisterServer, token: String = FakeRegisterServer.token)
        async throws -> (outcome: FacilityLookupOutcome, requests: Int, seconds: TimeInterval) {
        var result: (FacilityLookupOutcome, Int, TimeInterval)?
        try await TestApp.run { t in
            let register = HTTPFacilityRegister(baseURL: server.baseURL, token: token, client: t.app.client, logger: t.app.logger)
            let key = try FacilityLookupKey.parse(meterNumber: meterNumber, gsrn: "").get()
            let started = Date()
            let outcome = await register.lookUp(key)
            let seconds = Date().timeIntervalSince(started)
            result = (outcome, try await server.count(meterNumber, client: t.app.client), seconds)
        }
        return try #require(result)
    }

    @Test func aFoundFacilityIsStatus100() async throws {
        try await FakeRegisterServer.run { server in
            let (outcome, _, _) = try await lookUp("FOUND", server: server)
            guard case .found(let record) = outcome else { Issue.record("got \(outcome)"); return }
            #expect(record.streetAddress == "Bruksgatan 5")
            #expect(record.owner?.lastName == "Holm")
            #expect(outcome.statusCode == 100)
        }
    }

    @Test func notFoundIsStatus201WithTheUpstreamReasonAsInTheManual() async throws {
        try await FakeRegisterServer.run { server in
            let (outcome, requests, _) = try await lookUp("MISSING", server: server)
            #expect(outcome == .notFound("Request failed with http status code 404 (NotFound): Installation not found"))
            #expect(outcome.statusCode == 201)
            #expect(requests == 1, "no retry on 4xx")
        }
    }

    @Test func aServerErrorIsUnavailableAndNotRetried() async throws {
        try await FakeRegisterServer.run { server in
            let (outcome, requests, _) = try await lookUp("BROKEN", server: server)
            #expect(outcome.statusCode == 202)
            #expect(outcome.statusText.contains("Request failed with http status code 500"))
            #expect(requests == 1)
        }
    }

    @Test func aSlowRegisterTimesOutAfterFiveSeconds() async throws {
        try await FakeRegisterServer.run { server in
            let (outcome, requests, elapsed) = try await lookUp("SLOW", server: server)
            #expect(outcome == .unavailable("tidsgränsen överskreds"))
            #expect(elapsed >= 4.9 && elapsed < 7.5, "gave up at the total timeout, took \(elapsed) s")
            #expect(requests == 1, "a timeout is not retried")
        }
    }

    @Test func malformedJSONIsStatus203() async throws {
        try await FakeRegisterServer.run { server in
            let (outcome, _, _) = try await lookUp("GARBAGE", server: server)
            #expect(outcome.statusCode == 203)
        }
    }

    @Test func aDroppedConnectionIsTriedOnceMore() async throws {
        try await FakeRegisterServer.run { server in
            let (outcome, requests, _) = try await lookUp("DROPONCE", server: server)
            #expect(outcome.statusCode == 100)
            #expect(requests == 2)
        }
    }

    @Test func aRefusedConnectionIsUnavailable() async throws {
        // Nothing listens on port 1 of the loopback address: the connection is refused at once.
        try await TestApp.run { t in
            let register = HTTPFacilityRegister(baseURL: "http://127.0.0.1:1", token: "x", client: t.app.client, logger: t.app.logger)
            let outcome = await register.lookUp(try FacilityLookupKey.parse(meterNumber: "FOUND", gsrn: "").get())
            #expect(outcome == .unavailable("nätverksfel"))
        }
    }

    @Test func aWrongTokenIsUnavailableWithTheReason() async throws {
        try await FakeRegisterServer.run { server in
            let (outcome, _, _) = try await lookUp("FOUND", server: server, token: "wrong")
            #expect(outcome.statusCode == 202)
            #expect(outcome.statusText.contains("401 (Unauthorized): Invalid token"))
        }
    }
}

import Fluent
import GridcaseDomain
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting
@testable import GridcaseApp

/// The embedded register read over the connector's JSON contract with a grid company's bearer token.
@Suite struct RegisterAPITests {
    func giveToken(_ t: TestApp, to grid: String) async throws -> (UUID, String) {
        let id = try await t.organizationID(grid)
        let company = try #require(try await Organization.find(id, on: t.app.db))
        let token = SecureToken.generate()
        company.registerAPITokenHash = SecureToken.hash(token)
        try await company.save(on: t.app.db)
        return (id, token)
    }

    func get(_ t: TestApp, _ id: UUID, query: String, token: String) async throws -> TestingHTTPResponse {
        try await t.app.testing().sendRequest(.GET, SitePath.apiInstallations(.value(id)).relative + "?" + query,
                                              headers: ["Authorization": "Bearer \(token)"])
    }

    @Test func aFacilityIsAnsweredInTheConnectorsContract() async throws {
        try await TestApp.run { t in
            let (id, token) = try await giveToken(t, to: Demo.kullabygden)
            let response = try await get(t, id, query: "meterNumber=73001001", token: token)
            #expect(response.status == .ok)
            #expect(response.headers.first(name: .cacheControl) == "no-store")
            let record = try response.content.decode(FacilityRecord.self)
            #expect(record.gsrn == DemoFacilities.gsrn(1001))
            #expect(record.owner?.lastName == "Lindgren")
            let byGSRN = try await get(t, id, query: "gsrn=\(DemoFacilities.gsrn(1001))", token: token)
            #expect(try byGSRN.content.decode(FacilityRecord.self) == record)
        }
    }

    @Test func unknownIs404AndBadInputIs400() async throws {
        try await TestApp.run { t in
            let (id, token) = try await giveToken(t, to: Demo.kullabygden)
            let missing = try await get(t, id, query: "meterNumber=nope", token: token)
            #expect(missing.status == .notFound)
            #expect(missing.body.string == #"{"error":"Installation not found"}"#)
            #expect(missing.headers.contentType == .json)
            #expect(missing.headers.first(name: .cacheControl) == "no-store")
            let badInput = try await get(t, id, query: "gsrn=735999000000000014", token: token)
            #expect(badInput.status == .badRequest)
            let refusal = try badInput.content.decode(RegisterAPIController.ErrorBody.self)
            guard case .failure(let expected) = FacilityLookupKey.parse(meterNumber: "", gsrn: "735999000000000014") else {
                Issue.record("the check digit should be refused")
                return
            }
            #expect(refusal.error == expected.statusText, "the domain's Swedish reason, as JSON")
        }
    }

    @Test func aWrongTokenOrAnotherCompanysTokenIsRefused() async throws {
        try await TestApp.run { t in
            let (kullabygden, _) = try await giveToken(t, to: Demo.kullabygden)
            let (_, vatterToken) = try await giveToken(t, to: Demo.vatterbygden)
            #expect(try await get(t, kullabygden, query: "meterNumber=73001001", token: "gissad").status == .unauthorized)
            #expect(try await get(t, kullabygden, query: "meterNumber=73001001", token: vatterToken).status == .unauthorized)
            let noHeader = try await t.app.testing().sendRequest(.GET, SitePath.apiInstallations(.value(kullabygden)).relative + "?meterNumber=73001001")
            #expect(noHeader.status == .unauthorized)
            // A malformed company id answers like an unknown company: in the contract's JSON, not with a page.
            let malformed = try await t.app.testing().sendRequest(.GET, "/api/v1/grid-companies/inte-ett-id/installations?meterNumber=73001001",
                                                                  headers: ["Authorization": "Bearer \(vatterToken)"])
            #expect(malformed.status == .unauthorized)
            #expect(malformed.headers.contentType == .json)
            #expect(malformed.body.string == #"{"error":"Invalid token"}"#)
        }
    }

    @Test func overTheRateLimitTheAnswerIs429WithRetryAfterForThatTokenOnly() async throws {
        try await TestApp.run { t in
            #expect(t.app.registerAPIRateLimit?.perSecond == 20, "on by default")
            let seconds = NIOLockedValueBox(1000.0)
            t.app.registerAPIRateLimit = RegisterAPIRateLimit(perSecond: 1, clock: { seconds.withLockedValue { $0 } })
            let (kullabygden, token) = try await giveToken(t, to: Demo.kullabygden)
            let (vatterbygden, otherToken) = try await giveToken(t, to: Demo.vatterbygden)
            // Someone without the token cannot use up the grid company's allowance: a wrong token has its own.
            for _ in 1...2 { #expect(try await get(t, kullabygden, query: "meterNumber=73001001", token: "fel").status == .unauthorized) }
            #expect(try await get(t, kullabygden, query: "meterNumber=73001001", token: "fel").status == .tooManyRequests)
            #expect(try await get(t, kullabygden, query: "meterNumber=73001001", token: token).status == .ok)
            #expect(try await get(t, kullabygden, query: "meterNumber=99999999", token: token).status == .notFound)
            let refused = try await get(t, kullabygden, query: "meterNumber=73001001", token: token)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers.first(name: .retryAfter) == "1")
            #expect(refused.headers.contentType == .json)
            #expect(refused.body.string == #"{"error":"Too many requests"}"#)
            #expect(try await get(t, kullabygden, query: "meterNumber=73001001", token: "annan").status == .unauthorized,
                    "another wrong token is counted apart from the company's")
            #expect(try await get(t, vatterbygden, query: "meterNumber=1", token: otherToken).status != .tooManyRequests,
                    "another grid company has its own limit")

            seconds.withLockedValue { $0 += 1 }
            #expect(try await get(t, kullabygden, query: "meterNumber=73001001", token: token).status == .ok)
        }
    }

    @Test func aRunOfRefusalsIsLoggedOnceWhenItStartsAndOnceWhenItEnds() async throws {
        try await TestApp.run(logLevel: .info) { t in
            let seconds = NIOLockedValueBox(1000.0)
            t.app.registerAPIRateLimit = RegisterAPIRateLimit(perSecond: 1, clock: { seconds.withLockedValue { $0 } })
            let (kullabygden, token) = try await giveToken(t, to: Demo.kullabygden)
            let company = kullabygden.uuidString
            func lines(_ text: String) -> [String] { LogCapture.all.filter { $0.contains(text) && $0.contains(company) } }
            for _ in 1...2 { #expect(try await get(t, kullabygden, query: "meterNumber=73001001", token: token).status == .ok) }
            for _ in 1...5 { #expect(try await get(t, kullabygden, query: "meterNumber=73001001", token: token).status == .tooManyRequests) }
            let started = lines("Register API rate limit reached")
            #expect(started.count == 1, "one line for the run, not one per refusal")
            #expect(started.first?.contains(String(SecureToken.hash(token).prefix(12))) == true, "which token, by its hash")
            #expect(!LogCapture.all.contains { $0.contains(token) }, "never the token itself")
            #expect(!LogCapture.all.contains { $0.contains("73001001") }, "nor the looked-up number")

            seconds.withLockedValue { $0 += 1 }
            #expect(try await get(t, kullabygden, query: "meterNumber=73001001", token: token).status == .ok)
            let ended = lines("Register API rate limit no longer reached")
            #expect(ended.count == 1 && ended.first?.contains("refused=5") == true)
        }
    }

    @Test func madeUpIDsAndTokensCannotFillTheRateLimitsMemory() {
        let seconds = NIOLockedValueBox(0.0)
        let limit = RegisterAPIRateLimit(perSecond: 10, clock: { seconds.withLockedValue { $0 } })
        func madeUp() -> RegisterAPIRateLimit.Key { .init(gridCompanyID: UUID(), tokenHash: SecureToken.hash(SecureToken.generate())) }
        for _ in 0..<(RegisterAPIRateLimit.pruneAbove + 1) { #expect(limit.admit(madeUp()) == .admitted(refusedBefore: 0)) }
        #expect(limit.trackedKeys == RegisterAPIRateLimit.pruneAbove + 1)
        seconds.withLockedValue { $0 += 1 } // every bucket is full again
        #expect(limit.admit(madeUp()) == .admitted(refusedBefore: 0))
        #expect(limit.trackedKeys == 1, "the full buckets were forgotten, the new one kept")
    }

    @Test func withoutATokenTheRegisterCannotBeReadAtAll() async throws {
        try await TestApp.run { t in
            let id = try await t.organizationID(Demo.kullabygden)
            #expect(try await get(t, id, query: "meterNumber=73001001", token: "").status == .unauthorized)
        }
    }
}

/// On SQLite the register API reads through `SQLiteRegisterReader`: it must answer exactly as Fluent's SQL does.
@Suite struct SQLiteRegisterReaderTests {
    func key(meter: String = "", gsrn: String = "") throws -> FacilityLookupKey {
        try FacilityLookupKey.parse(meterNumber: meter, gsrn: gsrn).get()
    }

    @Test(.enabled(if: SQLiteSettingsTests.onSQLite, "the reader is only used on SQLite"))
    func theReaderAnswersEveryCaseExactlyAsFluentDoes() async throws {
        try await TestApp.run { t in
            let (kullabygden, token) = try await RegisterAPITests().giveToken(t, to: Demo.kullabygden)
            let installer = try await t.organizationID(Demo.oresundsEl)
            let reader = try #require(t.app.registerReader)
            let cases: [(company: UUID, key: FacilityLookupKey, token: String, expected: Result<String, FacilityLookupOutcome>?)] = [
                (kullabygden, try key(meter: "73001001"), token, nil),
                (kullabygden, try key(gsrn: DemoFacilities.gsrn(1002)), token, nil),
                (kullabygden, try key(meter: "73001001", gsrn: DemoFacilities.gsrn(1001)), token, nil),
                (kullabygden, try key(meter: "73001001", gsrn: DemoFacilities.gsrn(1003)), token, .failure(.mismatch)),
                (kullabygden, try key(meter: "74002001"), token, .failure(.notFound("Mätarnumret finns inte i nätbolagets register."))),
                (kullabygden, try key(gsrn: DemoFacilities.gsrn(2001)), token, .failure(.notFound("Anläggnings-ID:t finns inte i nätbolagets register."))),
                (kullabygden, try key(meter: "73001001"), "gissad", nil),
                (installer, try key(meter: "73001001"), token, nil),
                (UUID(), try key(meter: "73001001"), token, nil),
            ]
            for (index, example) in cases.enumerated() {
                let viaFluent = EmbeddedFacilityRegister(database: t.app.db, gridCompanyID: example.company, logger: t.app.logger)
                let expected = try await viaFluent.document(for: example.key, authorizedByTokenHash: SecureToken.hash(example.token)).get()
                let answer = try await reader.document(gridCompanyID: example.company, for: example.key, authorizedByTokenHash: SecureToken.hash(example.token),
                                                       on: t.app.eventLoopGroup.any(), logger: t.app.logger).get()
                #expect(answer == expected, "case \(index)")
                if let wanted = example.expected { #expect(answer == wanted, "case \(index)") }
            }
            // The found documents are the facilities themselves, and a wrong token or company finds nothing.
            let found = try await reader.document(gridCompanyID: kullabygden, for: try key(meter: "73001001"),
                                                  authorizedByTokenHash: SecureToken.hash(token), on: t.app.eventLoopGroup.any(), logger: t.app.logger).get()
            let document = try #require(try found?.get())
            #expect(try FacilityTable.record(fromDocument: document).gsrn == DemoFacilities.gsrn(1001))
        }
    }

    @Test(.enabled(if: SQLiteSettingsTests.onSQLite, "the reader is only used on SQLite"))
    func theStatementsArePreparedOnceAndNotAgainForEachLookup() async throws {
        try await TestApp.run { t in
            let id = try await t.organizationID(Demo.kullabygden)
            let reader = try #require(t.app.registerReader)
            for serial in [1001, 1002, 1003, 1001] {
                let byMeter = try await reader.rows(gridCompanyID: id, key: try key(meter: "7300\(serial)"), on: t.app.eventLoopGroup.any()).get()
                let byGSRN = try await reader.rows(gridCompanyID: id, key: try key(gsrn: DemoFacilities.gsrn(serial)), on: t.app.eventLoopGroup.any()).get()
                #expect(byMeter.map(\.gsrn) == [DemoFacilities.gsrn(serial)])
                #expect(byGSRN == byMeter)
            }
            #expect(reader.repreparations() == 0)
        }
    }

    @Test(.enabled(if: SQLiteSettingsTests.onSQLite, "the reader is only used on SQLite"))
    func manyLookupsAtOnceEachGetTheirOwnAnswer() async throws {
        try await TestApp.run { t in
            let (id, token) = try await RegisterAPITests().giveToken(t, to: Demo.kullabygden)
            t.app.registerAPIRateLimit = nil // 60 at once is over the default limit; this test is about the reader
            let serials = Array(repeating: [1001, 1002, 1003], count: 20).flatMap { $0 }
            let answers = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                for serial in serials {
                    group.addTask {
                        let response = try await RegisterAPITests().get(t, id, query: "gsrn=\(DemoFacilities.gsrn(serial))", token: token)
                        return (serial, try? response.content.decode(FacilityRecord.self).gsrn)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.count == serials.count)
            for (serial, gsrn) in answers { #expect(gsrn == DemoFacilities.gsrn(serial)) }
        }
    }
}

@Suite struct RegisterAPIQueryTests {
    @Test func queryItemsArePercentDecodedAndTheFirstOfARepeatedNameCounts() {
        let items = RegisterAPIController.queryItems("meterNumber=M%C3%96+1&gsrn=735999000000000013&gsrn=2&flag")
        #expect(items == ["meterNumber": "MÖ 1", "gsrn": "735999000000000013", "flag": ""])
        #expect(RegisterAPIController.queryItems(nil).isEmpty)
        #expect(RegisterAPIController.queryItems("meterNumber=%ZZ") == ["meterNumber": ""], "bad escapes give an empty value")
    }

    @Test func percentDecodingRefusesCutEscapesAndBytesThatAreNotUTF8() {
        #expect(RegisterAPIController.queryItems("a=%4&b=%&c=%C3&d=%FF&e=%41%62+c") == ["a": "", "b": "", "c": "", "d": "", "e": "Ab c"])
        #expect(RegisterAPIController.queryItems("m%65terNumber=1&%ZZ=2") == ["meterNumber": "1"], "names are decoded; a bad name is skipped")
        #expect(RegisterAPIController.queryItems("&&gsrn=&=x") == ["gsrn": "", "": "x"])
    }
}

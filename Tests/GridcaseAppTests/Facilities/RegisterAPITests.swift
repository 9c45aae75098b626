import Fluent
import GridcaseDomain
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
            #expect(missing.body.string.contains("Installation not found"))
            #expect(try await get(t, id, query: "gsrn=735999000000000014", token: token).status == .badRequest)
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
        }
    }

    @Test func withoutATokenTheRegisterCannotBeReadAtAll() async throws {
        try await TestApp.run { t in
            let id = try await t.organizationID(Demo.kullabygden)
            #expect(try await get(t, id, query: "meterNumber=73001001", token: "").status == .unauthorized)
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
}

import Testing
import Vapor
import VaporTesting
@testable import GridcaseApp

@Suite struct ErrorPageTests {
    struct SecretFailure: Error, CustomStringConvertible {
        var description: String { "database password is hunter2 at /srv/internal/path" }
    }

    @Test func unexpectedErrorsShowASwedishPageWithoutInternals() async throws {
        try await TestApp.run { t in
            t.app.get("test-failure") { _ -> String in throw SecretFailure() }
            let response = try await t.browser().get("/test-failure")
            #expect(response.status == .internalServerError)
            let html = response.body.string
            #expect(html.contains("Något gick fel"))
            #expect(html.contains("<html lang=\"sv\">"))
            #expect(!html.contains("hunter2"))
            #expect(!html.contains("SecretFailure"))
            #expect(html.contains("Felkod:"), "shows the request id to quote to support")
        }
    }

    @Test func unknownPathsGetTheSwedishNotFoundPage() async throws {
        try await TestApp.run { t in
            let response = try await t.browser().get("/finns-inte")
            #expect(response.status == .notFound)
            #expect(response.body.string.contains("Sidan finns inte"))
        }
    }
}

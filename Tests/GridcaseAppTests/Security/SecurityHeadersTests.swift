import Testing
import Vapor
import VaporTesting
@testable import GridcaseApp

@Suite struct SecurityHeadersTests {
    @Test func everyKindOfResponseCarriesTheSecurityHeaders() async throws {
        try await TestApp.run { t in
            let browser = t.browser()
            for path in ["/login", "/css/app.css", "/finns-inte", "/admin"] {
                let response = try await browser.get(path)
                let csp = response.headers.first(name: "Content-Security-Policy") ?? ""
                #expect(csp.contains("object-src 'none'"), "\(path)")
                #expect(csp.contains("frame-ancestors 'none'"), "\(path)")
                #expect(csp.contains("script-src 'self'"), "\(path)")
                #expect(!csp.contains("unsafe-inline"), "\(path)")
                #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff", "\(path)")
                #expect(response.headers.first(name: "Referrer-Policy") == "same-origin", "\(path)")
            }
        }
    }

    @Test func signedInPagesAreNotCached() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let response = try await browser.get(SitePath.cases.relative)
            #expect(response.headers.first(name: .cacheControl) == "no-store")
        }
    }

    @Test func pagesHaveNoInlineScriptsOrStyles() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.gridAdmin, of: Demo.kullabygden))
            for path in [SitePath.inbox, .admin, .adminNewUser, .account] {
                let html = try await browser.get(path.relative).body.string
                #expect(!html.contains("<script>"), "\(path.relative)")
                #expect(!html.contains("style="), "\(path.relative)")
                #expect(!html.contains(" onclick="), "\(path.relative)")
            }
        }
    }
}

@Suite struct HealthTests {
    @Test func healthAnswersWithoutSignIn() async throws {
        try await TestApp.run { t in
            let response = try await t.app.testing().sendRequest(.GET, SitePath.health.relative)
            #expect(response.status == .ok)
            #expect(response.body.string == "ok")
        }
    }
}

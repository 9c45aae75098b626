import Fluent
import GridcaseDomain
import Testing
import Vapor
import VaporTesting
@testable import GridcaseApp

@Suite struct LoginTests {
    @Test func everyDemoLoginReachesItsRolesStartPage() async throws {
        try await TestApp.run { t in
            for login in DemoData.logins {
                let browser = try await t.signedIn(login.email)
                let start = Navigation.startPage(for: login.role).relative
                let page = try await browser.get(start)
                #expect(page.status == .ok, "\(login.email) at \(start)")
                #expect(page.body.string.contains(login.organization.htmlEscapedForTest), "\(login.email) sees its organisation")
            }
        }
    }

    @Test func signInRedirectsToTheStartPageAndSetsAFlaggedSessionCookie() async throws {
        try await TestApp.run { t in
            let browser = t.browser()
            let response = try await browser.login(email: Demo.email(.installer, of: Demo.oresundsEl), password: DemoData.password)
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location) == SitePath.cases.relative)
            let cookie = try #require(response.headers[.setCookie].first { $0.hasPrefix(SessionStore.cookieName + "=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"), "not configured for https")
        }
    }

    @Test func sessionCookieIsSecureWhenConfigured() async throws {
        try await TestApp.run { t in
            t.app.appConfig.secureCookies = true
            let response = try await t.browser().login(email: Demo.email(.installer, of: Demo.oresundsEl), password: DemoData.password)
            let cookie = try #require(response.headers[.setCookie].first { $0.hasPrefix(SessionStore.cookieName + "=") })
            #expect(cookie.contains("Secure"))
        }
    }

    @Test func signingInAgainRotatesTheSessionAndEndsTheOldOne() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let first = try #require(browser.cookies[SessionStore.cookieName])
            try await browser.get(SitePath.cases.relative)
            try await browser.post(SitePath.login.relative, form: ["email": Demo.email(.installerAdmin, of: Demo.oresundsEl), "password": DemoData.password])
            let second = try #require(browser.cookies[SessionStore.cookieName])
            #expect(first != second)
            let stale = Browser(app: t.app)
            _ = try await stale.send(.GET, "/", headers: ["Cookie": "\(SessionStore.cookieName)=\(first)"])
            let oldSession = try await UserSession.find(SecureToken.hash(first), on: t.app.db)
            #expect(oldSession == nil)
        }
    }

    @Test func storesOnlyTheHashOfTheSessionToken() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let token = try #require(browser.cookies[SessionStore.cookieName])
            #expect(try await UserSession.find(token, on: t.app.db) == nil)
            #expect(try await UserSession.find(SecureToken.hash(token), on: t.app.db) != nil)
        }
    }

    @Test func unknownEmailAndWrongPasswordGetTheSameAnswer() async throws {
        try await TestApp.run { t in
            let unknown = try await t.browser().login(email: "ingen@example.se", password: "fel-lösenord-123")
            let wrong = try await t.browser().login(email: Demo.email(.installer, of: Demo.oresundsEl), password: "fel-lösenord-123")
            #expect(unknown.status == .unauthorized)
            #expect(wrong.status == .unauthorized)
            let strip = { (html: String) in html.replacingOccurrences(of: #"value="[^"]*""#, with: "", options: .regularExpression) }
            #expect(strip(unknown.body.string) == strip(wrong.body.string))
            #expect(unknown.body.string.contains(AuthController.failedMessage))
        }
    }

    @Test func theTenthWrongPasswordInARowIsThrottled() async throws {
        try await TestApp.run { t in
            let email = Demo.email(.caseHandler, of: Demo.kullabygden)
            let browser = t.browser()
            for attempt in 1...9 {
                let response = try await browser.login(email: email, password: "fel-lösenord-\(attempt)")
                #expect(response.status == .unauthorized, "attempt \(attempt)")
            }
            let tenth = try await browser.login(email: email, password: "fel-lösenord-10")
            #expect(tenth.status == .tooManyRequests)
            #expect(tenth.body.string.contains(AuthController.throttledMessage))
            // While throttled, not even the right password gets in.
            let right = try await browser.login(email: email, password: DemoData.password)
            #expect(right.status == .tooManyRequests)
            // After the window the account can sign in again.
            t.clock.advance(by: LoginThrottler.window + 1)
            let later = try await browser.login(email: email, password: DemoData.password)
            #expect(later.status == .seeOther)
        }
    }

    @Test func oneClientAddressGuessingAcrossManyAccountsIsThrottled() async throws {
        try await TestApp.run { t in
            for attempt in 1...LoginThrottler.addressLimit {
                let response = try await t.browser().login(email: "gissning\(attempt)@example.se", password: "fel-lösenord")
                #expect(response.status == .unauthorized, "attempt \(attempt)")
            }
            let next = try await t.browser().login(email: Demo.email(.installer, of: Demo.oresundsEl), password: DemoData.password)
            #expect(next.status == .tooManyRequests)
        }
    }

    @Test func aSuccessfulSignInClearsTheAccountsCount() async throws {
        try await TestApp.run { t in
            let email = Demo.email(.caseHandler, of: Demo.kullabygden)
            for attempt in 1...8 {
                try await t.browser().login(email: email, password: "fel-\(attempt)-lösenord")
            }
            #expect(try await t.browser().login(email: email, password: DemoData.password).status == .seeOther)
            for attempt in 1...8 {
                let response = try await t.browser().login(email: email, password: "fel-\(attempt)-igen-lösen")
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test func logoutEndsTheSessionOnTheServer() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let token = try #require(browser.cookies[SessionStore.cookieName])
            try await browser.get(SitePath.cases.relative)
            let response = try await browser.post(SitePath.logout.relative, form: [:])
            #expect(response.status == .seeOther)
            #expect(try await UserSession.find(SecureToken.hash(token), on: t.app.db) == nil)
            // The old cookie, replayed, no longer opens anything.
            let replay = try await t.browser().send(.GET, SitePath.cases.relative, headers: ["Cookie": "\(SessionStore.cookieName)=\(token)"])
            #expect(replay.status == .seeOther)
            #expect(replay.headers.first(name: .location) == SitePath.login.relative)
        }
    }

    @Test func idleSessionExpires() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            t.clock.advance(by: t.config.sessionIdleTimeout - 60)
            #expect(try await browser.get(SitePath.cases.relative).status == .ok)
            t.clock.advance(by: t.config.sessionIdleTimeout + 1)
            let expired = try await browser.get(SitePath.cases.relative)
            #expect(expired.status == .seeOther)
            #expect(expired.headers.first(name: .location) == SitePath.login.relative)
        }
    }

    @Test func activeSessionStillEndsAtTheAbsoluteTimeout() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            var elapsed: TimeInterval = 0
            let step = t.config.sessionIdleTimeout / 2
            while elapsed + step < t.config.sessionAbsoluteTimeout {
                t.clock.advance(by: step)
                elapsed += step
                #expect(try await browser.get(SitePath.cases.relative).status == .ok)
            }
            t.clock.advance(by: t.config.sessionAbsoluteTimeout - elapsed + 1)
            #expect(try await browser.get(SitePath.cases.relative).status == .seeOther)
        }
    }

    @Test func deactivatedUserCannotSignIn() async throws {
        try await TestApp.run { t in
            let email = Demo.email(.installer, of: Demo.oresundsEl)
            let user = try #require(try await User.query(on: t.app.db).filter(\.$email == email).first())
            user.isActive = false
            try await user.save(on: t.app.db)
            let response = try await t.browser().login(email: email, password: DemoData.password)
            #expect(response.status == .unauthorized)
            #expect(response.body.string.contains(AuthController.failedMessage))
        }
    }
}

extension String {
    /// How Leaf writes this text into HTML.
    var htmlEscapedForTest: String {
        replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}

import Fluent
import GridcaseDomain
import Testing
import Vapor
import VaporTesting
@testable import GridcaseApp

@Suite struct CSRFTests {
    let newUser = ["name": "Nils Nyberg", "email": "nils@oresunds-el.example", "phone": "", "role": "installer",
                   "authorizationNumber": "", "password": "ett-långt-lösenord"]

    @Test func aPostWithoutTokenIsRefusedAndChangesNothing() async throws {
        try await TestApp.run { t in
            let admin = try await t.signedIn(Demo.email(.installerAdmin, of: Demo.oresundsEl))
            let before = try await User.query(on: t.app.db).count()
            let response = try await admin.post(SitePath.adminUsers.relative, form: newUser.merging(["_csrf": ""]) { $1 })
            #expect(response.status == .forbidden)
            #expect(response.body.string.contains("Formuläret har gått ut"))
            #expect(try await User.query(on: t.app.db).count() == before)
        }
    }

    @Test func aPostWithAnotherSessionsTokenIsRefused() async throws {
        try await TestApp.run { t in
            let other = try await t.signedIn(Demo.email(.installerAdmin, of: Demo.solkraft))
            try await other.get(SitePath.admin.relative)
            let foreignToken = try #require(other.lastCSRFToken)

            let admin = try await t.signedIn(Demo.email(.installerAdmin, of: Demo.oresundsEl))
            let response = try await admin.post(SitePath.adminUsers.relative, form: newUser, csrf: foreignToken)
            #expect(response.status == .forbidden)
            #expect(try await User.query(on: t.app.db).filter(\.$email == "nils@oresunds-el.example").count() == 0)
        }
    }

    @Test func theSameFormWithItsTokenIsAccepted() async throws {
        try await TestApp.run { t in
            let admin = try await t.signedIn(Demo.email(.installerAdmin, of: Demo.oresundsEl))
            try await admin.get(SitePath.adminNewUser.relative)
            let response = try await admin.post(SitePath.adminUsers.relative, form: newUser)
            #expect(response.status == .seeOther)
            #expect(try await User.query(on: t.app.db).filter(\.$email == "nils@oresunds-el.example").count() == 1)
        }
    }

    @Test func signInWithoutTheBrowsersTokenIsRefused() async throws {
        try await TestApp.run { t in
            let browser = t.browser()
            let response = try await browser.post(
                SitePath.login.relative,
                form: ["email": Demo.email(.installer, of: Demo.oresundsEl), "password": DemoData.password, "_csrf": "gissat"]
            )
            #expect(response.status == .forbidden)
            #expect(browser.cookies[SessionStore.cookieName] == nil)
        }
    }

    @Test func everyFormOnTheSignedInPagesCarriesTheToken() async throws {
        try await TestApp.run { t in
            let admin = try await t.signedIn(Demo.email(.gridAdmin, of: Demo.kullabygden))
            for path in [SitePath.inbox, .admin, .adminNewUser, .account] {
                let html = try await admin.get(path.relative).body.string
                let forms = html.components(separatedBy: "<form").count - 1
                let tokens = html.components(separatedBy: #"name="_csrf""#).count - 1
                #expect(forms > 0)
                #expect(forms == tokens, "\(path.relative): \(forms) forms, \(tokens) tokens")
            }
        }
    }
}

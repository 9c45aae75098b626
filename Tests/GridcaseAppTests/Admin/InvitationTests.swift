import Fluent
import GridcaseDomain
import Testing
import Vapor
import VaporTesting
@testable import GridcaseApp

@Suite struct InvitationTests {
    private func invite(_ t: TestApp) async throws -> (link: String, token: String) {
        let admin = try await t.signedIn(Demo.email(.installerAdmin, of: Demo.oresundsEl))
        try await admin.get(SitePath.adminNewUser.relative)
        let created = try await admin.post(SitePath.adminUsers.relative, form: [
            "name": "Nils Nyström", "email": "nils@oresunds-el.example", "role": "installer", "setup": "invite",
        ])
        #expect(created.status == .ok)
        let html = created.body.string
        let range = try #require(html.range(of: #"http://127\.0\.0\.1:8080/invitation\?t=[A-Za-z0-9_-]+"#, options: .regularExpression))
        let link = String(html[range])
        return (link, String(link.split(separator: "=").last ?? ""))
    }

    @Test func anInvitedUserChoosesTheirPasswordOnceThroughTheLink() async throws {
        try await TestApp.run { t in
            let (link, token) = try await invite(t)
            let user = try #require(try await User.query(on: t.app.db).filter(\.$email == "nils@oresunds-el.example").first())
            #expect(user.invitationTokenHash == SecureToken.hash(token), "only the hash is stored")
            let mail = try #require(try await OutboxMessage.query(on: t.app.db).filter(\.$event == "invitation").first())
            #expect(mail.recipient == "nils@oresunds-el.example" && mail.body.contains(link))

            let visitor = t.browser()
            let path = SitePath.invitation.relative + "?t=" + token
            #expect(try await visitor.get(path).body.string.contains("Välkommen, Nils Nyström."))
            let mismatch = try await visitor.post(SitePath.invitation.relative,
                                                  form: ["token": token, "password": "ett långt lösenord", "passwordConfirmation": "ett annat"])
            #expect(mismatch.status == .unprocessableEntity)
            #expect(mismatch.body.string.contains("Lösenorden är inte lika."))
            let short = try await visitor.post(SitePath.invitation.relative, form: ["token": token, "password": "kort", "passwordConfirmation": "kort"])
            #expect(short.status == .unprocessableEntity)
            let accepted = try await visitor.post(SitePath.invitation.relative,
                                                  form: ["token": token, "password": "ett långt lösenord", "passwordConfirmation": "ett långt lösenord"])
            #expect(accepted.headers.first(name: .location) == "/login?meddelande=valkommen")
            #expect(try await t.browser().login(email: "nils@oresunds-el.example", password: "ett långt lösenord").status == .seeOther)
            // Used up: the link works once.
            #expect(try await t.browser().get(path).status == .notFound)
        }
    }

    @Test func anExpiredOrUnknownLinkDoesNothing() async throws {
        try await TestApp.run { t in
            let (_, token) = try await invite(t)
            #expect(try await t.browser().get(SitePath.invitation.relative + "?t=nonsense").status == .notFound)
            t.clock.advance(by: UserAccounts.invitationLifetime + 1)
            let visitor = t.browser()
            let page = try await visitor.get(SitePath.invitation.relative + "?t=" + token)
            #expect(page.status == .notFound)
            #expect(page.body.string.contains("Länken fungerar inte längre"))
            try await visitor.get(SitePath.login.relative) // a form token, as a browser on the login page has
            let late = try await visitor.post(SitePath.invitation.relative,
                                              form: ["token": token, "password": "ett långt lösenord", "passwordConfirmation": "ett långt lösenord"])
            #expect(late.status == .notFound)
            #expect(try await t.browser().login(email: "nils@oresunds-el.example", password: "ett långt lösenord").status == .unauthorized)
        }
    }

    @Test func aStartPasswordIsStillPossible() async throws {
        try await TestApp.run { t in
            let admin = try await t.signedIn(Demo.email(.installerAdmin, of: Demo.oresundsEl))
            try await admin.get(SitePath.adminNewUser.relative)
            let missing = try await admin.post(SitePath.adminUsers.relative, form: [
                "name": "Nils Nyström", "email": "nils@oresunds-el.example", "role": "installer", "setup": "password",
            ])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.string.contains(#"id="setup-password" name="setup" value="password" checked"#))
            let created = try await admin.post(SitePath.adminUsers.relative, form: [
                "name": "Nils Nyström", "email": "nils@oresunds-el.example", "role": "installer", "setup": "password",
                "password": "ett långt lösenord",
            ])
            #expect(created.status == .seeOther)
            #expect(try await User.query(on: t.app.db).filter(\.$email == "nils@oresunds-el.example").first()?.invitationTokenHash == nil)
            #expect(try await t.browser().login(email: "nils@oresunds-el.example", password: "ett långt lösenord").status == .seeOther)
        }
    }
}

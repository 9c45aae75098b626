import Fluent
import GridcaseDomain
import Testing
import Vapor
import VaporTesting
@testable import GridcaseApp

@Suite struct UserAdminTests {
    @Test func badInputKeepsWhatWasTypedAndShowsEachErrorNextToItsField() async throws {
        try await TestApp.run { t in
            let admin = try await t.signedIn(Demo.email(.installerAdmin, of: Demo.oresundsEl))
            try await admin.get(SitePath.adminNewUser.relative)
            let response = try await admin.post(SitePath.adminUsers.relative, form: [
                "name": "Nils <Nyberg>", "email": "nils@", "phone": "12", "role": "caseHandler",
                "authorizationNumber": "AL-1", "password": "kort",
            ])
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            #expect(html.contains(#"value="Nils &lt;Nyberg&gt;""#), "typed name kept, escaped")
            #expect(html.contains(#"value="nils@""#))
            #expect(html.contains(#"value="12""#))
            #expect(html.contains(#"value="AL-1""#))
            #expect(!html.contains("kort"), "the password is never sent back")
            #expect(html.contains(#"id="email-error">Ange en giltig e-postadress"#))
            #expect(html.contains(#"aria-describedby="email-error""#))
            #expect(html.contains(#"id="phone-error">"#))
            #expect(html.contains(#"id="role-error">"#), "a grid company role is refused in an installer company")
            #expect(html.contains(#"id="password-error">Lösenordet ska ha minst 12 tecken."#))
            #expect(html.contains(#"role="alert""#))
            #expect(try await User.query(on: t.app.db).filter(\.$email == "nils@").count() == 0)
        }
    }

    @Test func aTakenEmailIsReportedOnTheEmailField() async throws {
        try await TestApp.run { t in
            let admin = try await t.signedIn(Demo.email(.installerAdmin, of: Demo.oresundsEl))
            try await admin.get(SitePath.adminNewUser.relative)
            let response = try await admin.post(SitePath.adminUsers.relative, form: [
                "name": "Dubbel", "email": Demo.email(.installer, of: Demo.solkraft).uppercased(), "role": "installer",
                "password": "ett-långt-lösenord",
            ])
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("Det finns redan ett konto med den e-postadressen."))
        }
    }

    @Test func aCreatedUserCanSignIn() async throws {
        try await TestApp.run { t in
            let admin = try await t.signedIn(Demo.email(.gridAdmin, of: Demo.kullabygden))
            try await admin.get(SitePath.adminNewUser.relative)
            let response = try await admin.post(SitePath.adminUsers.relative, form: [
                "name": "Ulla Ny", "email": "ulla@kullabygden-elnat.example", "phone": "042-400 10 99",
                "role": "caseHandler", "password": "ett-långt-lösenord",
            ])
            #expect(response.status == .seeOther)
            let created = try #require(try await User.query(on: t.app.db).filter(\.$email == "ulla@kullabygden-elnat.example").first())
            #expect(created.phone == "+46424001099")
            #expect(created.role == .caseHandler)
            let signIn = try await t.browser().login(email: "ulla@kullabygden-elnat.example", password: "ett-långt-lösenord")
            #expect(signIn.headers.first(name: .location) == SitePath.inbox.relative)
        }
    }

    @Test func deactivatingAUserEndsTheirSessionsAtOnce() async throws {
        try await TestApp.run { t in
            let installerEmail = Demo.email(.installer, of: Demo.oresundsEl)
            let installer = try await t.signedIn(installerEmail)
            #expect(try await installer.get(SitePath.cases.relative).status == .ok)

            let admin = try await t.signedIn(Demo.email(.installerAdmin, of: Demo.oresundsEl))
            let id = try #require(try await User.query(on: t.app.db).filter(\.$email == installerEmail).first()?.requireID())
            try await admin.get(SitePath.adminUser(.value(id)).relative)
            let response = try await admin.post(SitePath.adminUserActivation(.value(id)).relative, form: ["active": "false"])
            #expect(response.status == .seeOther)

            #expect(try await installer.get(SitePath.cases.relative).status == .seeOther)
            #expect(try await User.find(id, on: t.app.db)?.isActive == false)
        }
    }

    @Test func anAdminCannotDeactivateThemself() async throws {
        try await TestApp.run { t in
            let email = Demo.email(.installerAdmin, of: Demo.oresundsEl)
            let admin = try await t.signedIn(email)
            let id = try #require(try await User.query(on: t.app.db).filter(\.$email == email).first()?.requireID())
            try await admin.get(SitePath.adminUser(.value(id)).relative)
            let response = try await admin.post(SitePath.adminUserActivation(.value(id)).relative, form: ["active": "false"])
            #expect(response.status == .forbidden)
            #expect(try await User.find(id, on: t.app.db)?.isActive == true)
        }
    }

    @Test func anInstallerWithoutAdminRoleIsRefusedUserAdministration() async throws {
        try await TestApp.run { t in
            let installer = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            #expect(try await installer.get(SitePath.adminNewUser.relative).status == .forbidden)
            #expect(try await installer.get(SitePath.admin.relative).status == .forbidden)
        }
    }

    @Test func changingOwnPasswordEndsOtherSessions() async throws {
        try await TestApp.run { t in
            let email = Demo.email(.installer, of: Demo.oresundsEl)
            let phone = try await t.signedIn(email)
            let desktop = try await t.signedIn(email)
            try await desktop.get(SitePath.account.relative)
            let response = try await desktop.post(SitePath.accountPassword.relative, form: [
                "currentPassword": DemoData.password, "newPassword": "ett-nytt-långt-lösen", "repeatPassword": "ett-nytt-långt-lösen",
            ])
            #expect(response.status == .ok)
            #expect(response.body.string.contains("Lösenordet är bytt"))
            #expect(try await desktop.get(SitePath.cases.relative).status == .ok)
            #expect(try await phone.get(SitePath.cases.relative).status == .seeOther)
            #expect(try await t.browser().login(email: email, password: "ett-nytt-långt-lösen").status == .seeOther)
        }
    }
}

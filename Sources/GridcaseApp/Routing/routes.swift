import Vapor

/// Every route of Gridcase, by area. Paths come from `SitePath`.
func routes(_ app: Application) throws {
    let auth = AuthController()
    app.get(.login, use: auth.showLogin)
    app.post(.login, use: auth.login)
    app.post(.logout, use: auth.logout)

    let signedIn = app.grouped(RequireSignIn())

    let home = HomeController()
    signedIn.get(.home, use: home.home)
    signedIn.get(.cases, use: home.cases)
    signedIn.get(.inbox, use: home.inbox)

    let account = AccountController()
    signedIn.get(.account, use: account.show)
    signedIn.post(.accountPassword, use: account.changePassword)

    let admin = AdminController()
    signedIn.get(.admin, use: admin.overview)
    signedIn.get(.adminNewUser, use: admin.newUser)
    signedIn.post(.adminUsers, use: admin.createUser)
    signedIn.get(.adminUser(.key), use: admin.showUser)
    signedIn.post(.adminUserActivation(.key), use: admin.setActivation)

    let system = SystemController()
    signedIn.get(.systemOrganizations, use: system.organizations)
    signedIn.get(.systemOrganization(.key), use: system.organization)
}

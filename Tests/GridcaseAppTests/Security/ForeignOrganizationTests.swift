import Fluent
import GridcaseDomain
import Testing
import Vapor
import VaporTesting
@testable import GridcaseApp

/// Another organisation's data must look exactly like data that does not exist.
@Suite struct ForeignOrganizationTests {
    func userID(_ email: String, _ t: TestApp) async throws -> UUID {
        try #require(try await User.query(on: t.app.db).filter(\.$email == email).first()?.requireID())
    }

    @Test func aGridAdminGets404ForAnotherGridCompanysUser() async throws {
        try await TestApp.run { t in
            let admin = try await t.signedIn(Demo.email(.gridAdmin, of: Demo.kullabygden))
            let foreign = try await userID(Demo.email(.caseHandler, of: Demo.vatterbygden), t)
            let own = try await userID(Demo.email(.caseHandler, of: Demo.kullabygden), t)

            #expect(try await admin.get(SitePath.adminUser(.value(own)).relative).status == .ok)
            let foreignResponse = try await admin.get(SitePath.adminUser(.value(foreign)).relative)
            let missingResponse = try await admin.get(SitePath.adminUser(.value(UUID())).relative)
            #expect(foreignResponse.status == .notFound)
            #expect(strip(foreignResponse.body.string) == strip(missingResponse.body.string))
        }
    }

    @Test func anInstallerAdminCannotDeactivateAnotherCompanysUser() async throws {
        try await TestApp.run { t in
            let admin = try await t.signedIn(Demo.email(.installerAdmin, of: Demo.oresundsEl))
            try await admin.get(SitePath.admin.relative)
            let foreign = try await userID(Demo.email(.installer, of: Demo.solkraft), t)
            let response = try await admin.post(SitePath.adminUserActivation(.value(foreign)).relative, form: ["active": "false"])
            #expect(response.status == .notFound)
            #expect(try await User.find(foreign, on: t.app.db)?.isActive == true)
        }
    }

    @Test func theOperatorSeesEveryOrganisationButOthersSeeNone() async throws {
        try await TestApp.run { t in
            let grid = try await Organization.query(on: t.app.db).filter(\.$name == Demo.vatterbygden).first()
            let path = SitePath.systemOrganization(.value(try #require(grid).requireID())).relative
            let system = try await t.signedIn(Demo.email(.systemAdmin, of: Demo.operatorName))
            #expect(try await system.get(path).status == .ok)
            let gridAdmin = try await t.signedIn(Demo.email(.gridAdmin, of: Demo.kullabygden))
            #expect(try await gridAdmin.get(path).status == .notFound)
            // The list is the operator's: in one's own organisation a missing role is 403, not 404.
            #expect(try await gridAdmin.get(SitePath.systemOrganizations.relative).status == .forbidden)
        }
    }

    @Test func aMalformedIdIsAnsweredLikeAMissingOne() async throws {
        try await TestApp.run { t in
            let admin = try await t.signedIn(Demo.email(.gridAdmin, of: Demo.kullabygden))
            #expect(try await admin.get("/admin/users/inte-ett-id").status == .notFound)
        }
    }

    private func strip(_ html: String) -> String {
        html.replacingOccurrences(of: #"value="[^"]*""#, with: "", options: .regularExpression)
    }
}

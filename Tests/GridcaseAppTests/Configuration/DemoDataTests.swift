import GridcaseDomain
import Testing
@testable import GridcaseApp

@Suite struct DemoDataTests {
    @Test func everyDemoIdentifierPassesItsCheckDigits() throws {
        for company in DemoData.companies {
            _ = try OrganizationNumber(parsing: company.organizationNumber)
            for user in company.users {
                _ = try EmailAddress(parsing: user.email)
                _ = try PhoneNumber(parsing: user.phone)
            }
        }
    }

    @Test func thereIsAUserOfEveryRoleAndTwoGridCompaniesWithAreas() {
        #expect(Set(DemoData.logins.map(\.role)) == Set(Role.allCases))
        let gridCompanies = DemoData.companies.filter { $0.kind == .gridCompany }
        #expect(gridCompanies.count >= 2)
        #expect(gridCompanies[0].areas.map(\.name) == ["Helsingborg", "Höganäs", "Ängelholm"])
        #expect(DemoData.companies.filter { $0.kind == .installerCompany }.count >= 2)
    }

    @Test func theLoginSummaryNamesEveryLogin() {
        let summary = DemoData.loginSummary(publicURL: "http://127.0.0.1:8080")
        #expect(summary.contains("http://127.0.0.1:8080"))
        #expect(summary.contains(DemoData.password))
        for login in DemoData.logins { #expect(summary.contains(login.email)) }
    }
}

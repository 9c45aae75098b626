import Foundation
import Testing
@testable import GridcaseDomain

@Suite struct AccessPolicyTests {
    /// The expected table, written out in full: every role x action x ownership.
    static let expected: [Role: [Action: (own: Bool, other: Bool)]] = [
        .installer: [.viewOrganization: (true, false), .manageUsers: (false, false), .manageGridAreas: (false, false),
                     .manageOrganizations: (false, false), .fileCases: (true, false), .handleCases: (false, false),
                     .followUpAccessLog: (false, false), .answerDataSubjectRequests: (false, false), .configureCaseHandling: (false, false), .manageRegistrations: (false, false)],
        .installerAdmin: [.viewOrganization: (true, false), .manageUsers: (true, false), .manageGridAreas: (false, false),
                          .manageOrganizations: (false, false), .fileCases: (true, false), .handleCases: (false, false),
                          .followUpAccessLog: (true, false), .answerDataSubjectRequests: (true, false), .configureCaseHandling: (false, false), .manageRegistrations: (true, false)],
        .caseHandler: [.viewOrganization: (true, false), .manageUsers: (false, false), .manageGridAreas: (false, false),
                       .manageOrganizations: (false, false), .fileCases: (false, false), .handleCases: (true, false),
                       .followUpAccessLog: (false, false), .answerDataSubjectRequests: (false, false), .configureCaseHandling: (false, false), .manageRegistrations: (false, false)],
        .gridAdmin: [.viewOrganization: (true, false), .manageUsers: (true, false), .manageGridAreas: (true, false),
                     .manageOrganizations: (false, false), .fileCases: (false, false), .handleCases: (true, false),
                     .followUpAccessLog: (true, false), .answerDataSubjectRequests: (true, false), .configureCaseHandling: (true, false), .manageRegistrations: (true, false)],
        .systemAdmin: [.viewOrganization: (true, true), .manageUsers: (true, true), .manageGridAreas: (true, true),
                       .manageOrganizations: (true, true), .fileCases: (false, false), .handleCases: (false, false),
                       .followUpAccessLog: (false, false), .answerDataSubjectRequests: (true, true), .configureCaseHandling: (false, false), .manageRegistrations: (false, false)],
    ]

    @Test(arguments: Role.allCases)
    func everyActionAndOwnershipMatchesTheTable(role: Role) throws {
        for action in Action.allCases {
            let row = try #require(Self.expected[role]?[action], "\(role) has no expected entry for \(action)")
            #expect(AccessPolicy.isAllowed(role, action, .ownOrganization) == row.own, "\(role) \(action) own")
            #expect(AccessPolicy.isAllowed(role, action, .otherOrganization) == row.other, "\(role) \(action) other")
        }
    }

    @Test(arguments: Role.allCases)
    func anotherOrganisationsDataIsNotFoundWhereOwnIsForbidden(role: Role) {
        let own = UUID(), other = UUID()
        let actor = Actor(userID: UUID(), organizationID: own, role: role)
        for action in Action.allCases {
            let onOwn = AccessPolicy.decide(actor, action, ownerOrganizationID: own)
            let onOther = AccessPolicy.decide(actor, action, ownerOrganizationID: other)
            #expect(onOwn == (AccessPolicy.isAllowed(role, action, .ownOrganization) ? .allowed : .forbidden))
            #expect(onOther == (AccessPolicy.isAllowed(role, action, .otherOrganization) ? .allowed : .notFound))
        }
    }

    /// Who may follow up a case's access log: the admins of its two companies; their colleagues are refused;
    /// anyone else does not learn that the case exists.
    @Test(arguments: Role.allCases)
    func onlyTheCompaniesAdminsFollowUpACasesAccess(role: Role) {
        let installer = UUID(), grid = UUID(), stranger = UUID()
        let ownership = CaseOwnership(installerCompanyID: installer, gridCompanyID: grid, status: .submitted)
        let home = role.organizationKind == .installerCompany ? installer : role.organizationKind == .gridCompany ? grid : stranger
        let decision = AccessPolicy.decide(Actor(userID: UUID(), organizationID: home, role: role), .followUpAccess, on: ownership)
        let expected: AccessPolicy.Decision = switch role {
        case .installerAdmin, .gridAdmin: .allowed
        case .installer, .caseHandler: .forbidden
        case .systemAdmin: .notFound
        }
        #expect(decision == expected)
        let outsider = AccessPolicy.decide(Actor(userID: UUID(), organizationID: stranger, role: role), .followUpAccess, on: ownership)
        #expect(outsider == .notFound)
    }
}

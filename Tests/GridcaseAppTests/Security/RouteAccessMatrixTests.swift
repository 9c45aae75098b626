import Fluent
import Foundation
import GridcaseDomain
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import GridcaseApp

/// Every route of the application, for every role, against another organisation's ids: the answer is 404 (as
/// for an id that does not exist) and nothing changes. A route missing from `matrix` fails the test, so a new
/// route cannot be added without deciding how it treats foreign data.
@Suite struct RouteAccessMatrixTests {
    enum ForeignAccess {
        /// Another organisation's id answers 404 for every role.
        case notFound
        /// The operator manages every organisation and its users; for everyone else it is 404.
        case notFoundExceptOperator
        /// Takes no id of any organisation: nothing foreign to reach.
        case noOrganizationID
        /// The register API: without the grid company's bearer token, 401 for everyone.
        case bearerToken
    }

    static let matrix: [String: ForeignAccess] = [
        "GET /health": .noOrganizationID,
        "GET /login": .noOrganizationID,
        "POST /login": .noOrganizationID,
        "POST /logout": .noOrganizationID,
        "GET /invitation": .noOrganizationID,
        "POST /invitation": .noOrganizationID,
        "GET /api/v1/grid-companies/:organizationID/installations": .bearerToken,
        "GET /": .noOrganizationID,
        "GET /inbox": .noOrganizationID,
        "GET /cases": .noOrganizationID,
        "POST /cases/filter": .noOrganizationID,
        "GET /cases/new": .noOrganizationID,
        "POST /cases/new": .noOrganizationID,
        "POST /cases": .noOrganizationID,
        "GET /cases/:caseID": .notFound,
        "POST /cases/:caseID": .notFound,
        "GET /cases/:caseID/edit": .notFound,
        "GET /cases/:caseID/send": .notFound,
        "POST /cases/:caseID/send": .notFound,
        "GET /cases/:caseID/delete": .notFound,
        "POST /cases/:caseID/delete": .notFound,
        "POST /cases/:caseID/notes": .notFound,
        "POST /cases/:caseID/attachments": .notFound,
        "GET /cases/:caseID/attachments/:attachmentID": .notFound,
        "GET /cases/:caseID/print": .notFound,
        "POST /cases/:caseID/identity-numbers": .notFound,
        "GET /cases/:caseID/access-log": .notFound,
        "GET /cases/:caseID/facility-data": .notFound,
        "POST /cases/:caseID/facility-data": .notFound,
        "POST /cases/:caseID/facility-data/apply": .notFound,
        "GET /cases/:caseID/decisions/:transition": .notFound,
        "POST /cases/:caseID/decisions/:transition": .notFound,
        "POST /cases/:caseID/assignment": .notFound,
        "POST /inbox/filter": .noOrganizationID,
        "GET /account": .noOrganizationID,
        "POST /account/password": .noOrganizationID,
        "GET /admin": .noOrganizationID,
        "GET /admin/users/new": .noOrganizationID,
        "POST /admin/users": .noOrganizationID,
        "GET /admin/users/:userID": .notFoundExceptOperator,
        "GET /admin/users/:userID/access-log": .notFound,
        // No ids: the request names a person; answers cover only the admin's own organisation's cases.
        "GET /admin/personal-data": .noOrganizationID,
        "POST /admin/personal-data/export": .noOrganizationID,
        "POST /admin/personal-data/erase": .noOrganizationID,
        // The admin's own organisation's targets: no id in the path.
        "GET /admin/service-levels": .noOrganizationID,
        "GET /admin/notifications": .noOrganizationID,
        "POST /admin/notifications": .noOrganizationID,
        "GET /admin/registrations": .noOrganizationID,
        "GET /admin/case-types": .noOrganizationID,
        "GET /admin/grid-areas": .noOrganizationID,
        "POST /admin/grid-areas": .noOrganizationID,
        "POST /admin/grid-areas/:gridAreaID": .notFoundExceptOperator,
        "POST /admin/grid-areas/:gridAreaID/activation": .notFoundExceptOperator,
        "POST /admin/job-types": .noOrganizationID,
        "POST /admin/job-types/:jobTypeID": .notFound,
        // The installation type is a name, not an id: the admin's own company's rules.
        "GET /admin/case-types/:installationType/mandatory-fields": .noOrganizationID,
        "POST /admin/case-types/:installationType/mandatory-fields": .noOrganizationID,
        // A grid company id in the form: any grid company may be asked; the request is always the admin's own company's.
        "POST /admin/registrations": .noOrganizationID,
        "POST /admin/registrations/:registrationID": .notFound,
        "POST /admin/service-levels": .noOrganizationID,
        "POST /admin/users/:userID/activation": .notFoundExceptOperator,
        "GET /system/organizations": .noOrganizationID,
        "GET /system/outbox": .noOrganizationID,
        "GET /system/organizations/:organizationID": .notFoundExceptOperator,
    ]

    /// The actors: each role in an organisation that has nothing to do with the foreign case and user.
    static let actors: [(Role, String)] = [
        (.installer, Demo.oresundsEl), (.installerAdmin, Demo.oresundsEl),
        (.caseHandler, Demo.kullabygden), (.gridAdmin, Demo.kullabygden), (.systemAdmin, Demo.operatorName),
    ]

    static func key(_ route: Route) -> String {
        "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/")
    }

    @Test func everyRouteIsInTheMatrix() async throws {
        try await TestApp.run { t in
            let keys = Set(t.app.routes.all.map(Self.key))
            for key in keys.sorted() where Self.matrix[key] == nil {
                Issue.record("\(key) has no entry in the access matrix: decide how it treats another organisation's ids")
            }
            for key in Self.matrix.keys.sorted() where !keys.contains(key) {
                Issue.record("\(key) is in the matrix but is no route any more")
            }
        }
    }

    @Test func everyRouteAnswersAnotherOrganisationsIdsLikeMissingOnesAndChangesNothing() async throws {
        try await TestApp.run { t in
            // The foreign data: Solkraft's case, sent to Vätterbygden, with a note and an attachment.
            let solkraft = try await t.signedIn(Demo.email(.installer, of: Demo.solkraft))
            let caseID = try await t.createCase(solkraft, grid: Demo.vatterbygden, area: "Jönköping")
            try await t.save(solkraft, case: caseID, fields: TestApp.completeServiceChange)
            try await solkraft.post(SitePath.caseSend(.value(caseID)).relative, form: [:])
            #expect(try await t.loadCase(caseID).status == .submitted)
            try await solkraft.post(SitePath.caseNotes(.value(caseID)).relative, form: ["body": "Grannens nyckel"])
            let attachment = Attachment()
            attachment.$caseRecord.id = caseID
            attachment.$uploadedBy.id = try #require(try await User.query(on: t.app.db).filter(\.$email == Demo.email(.installer, of: Demo.solkraft)).first()?.requireID())
            attachment.fileName = "plan.pdf"
            attachment.contentType = "application/pdf"
            attachment.category = .sitePlan
            attachment.size = 5
            attachment.data = Data("%PDF-".utf8)
            attachment.createdAt = t.clock.now()
            try await attachment.create(on: t.app.db)
            let foreignUser = try #require(try await User.query(on: t.app.db).filter(\.$email == Demo.email(.caseHandler, of: Demo.vatterbygden)).first()?.requireID())
            let foreignOrganization = try await t.organizationID(Demo.vatterbygden)
            let ids: [String: UUID] = [
                SitePath.caseIDKey: caseID, SitePath.attachmentIDKey: try attachment.requireID(),
                SitePath.userIDKey: foreignUser, SitePath.organizationIDKey: foreignOrganization,
                SitePath.gridAreaIDKey: try await t.areaID(Demo.vatterbygden, "Jönköping"),
                SitePath.jobTypeIDKey: try await t.jobTypeID(Demo.vatterbygden, .serviceConnectionChange, "Anläggning med en mätare"),
                SitePath.registrationIDKey: try #require(try await Registration.query(on: t.app.db)
                    .filter(\.$gridCompany.$id == foreignOrganization).first()?.requireID()),
            ]
            let before = try await snapshot(t, caseID: caseID, userID: foreignUser)

            for (role, organization) in Self.actors {
                let browser = try await t.signedIn(Demo.email(role, of: organization))
                for route in t.app.routes.all {
                    let key = Self.key(route)
                    guard let expectation = Self.matrix[key], expectation != .noOrganizationID else { continue }
                    let path = "/" + route.path.map { component -> String in
                        // Makulera: the one decision both sides may make.
                        if case .parameter(SitePath.transitionKey) = component { return CaseTransition.cancel.rawValue }
                        if case .parameter(let name) = component { return ids[name]?.uuidString ?? "missing-\(name)" }
                        return component.description
                    }.joined(separator: "/")
                    let response: TestingHTTPResponse
                    if route.method == .GET {
                        response = try await browser.get(path)
                    } else {
                        _ = try await browser.get(SitePath.account.relative) // a fresh CSRF token for this session
                        response = try await browser.post(path, form: [
                            "version": "1", "action": "save", "body": "x", "active": "false", "meterNumber": "73001001", "reason": "x",
                            "handlerID": foreignUser.uuidString,
                        ])
                    }
                    let expected: HTTPStatus = switch expectation {
                    case .notFound: .notFound
                    case .notFoundExceptOperator: role == .systemAdmin ? .ok : .notFound
                    case .bearerToken: .unauthorized
                    case .noOrganizationID: .ok
                    }
                    if expectation == .notFoundExceptOperator, role == .systemAdmin {
                        #expect(response.status != .notFound, "\(role) \(key)")
                    } else {
                        #expect(response.status == expected, "\(role) \(key)")
                    }
                }
            }
            // The operator may deactivate users (that is their work); undo that before comparing.
            try await t.sql.raw("UPDATE users SET is_active = \(bind: true) WHERE id = \(bind: foreignUser)").run()
            let after = try await snapshot(t, caseID: caseID, userID: foreignUser)
            #expect(after == before, "nothing of the foreign organisation changed")
        }
    }

    /// What a foreign request could change: the case, its notes, attachments and history, the user.
    private func snapshot(_ t: TestApp, caseID: UUID, userID: UUID) async throws -> [String] {
        let record = try await t.loadCase(caseID)
        var lines = ["\(record.status) v\(record.version) \(record.fieldsJSON.count) \(record.$assignedHandler.id?.uuidString ?? "-")"]
        lines.append(try await Registration.query(on: t.app.db).all().map { "\($0.status)" }.sorted().joined(separator: ","))
        lines.append(try await JobType.query(on: t.app.db).filter(\.$isActive == false).count().description)
        lines.append(try await GridArea.query(on: t.app.db).sort(\.$code).all().map { "\($0.code) \($0.name)" }.joined(separator: ","))
        for table in ["case_notes", "attachments", "case_events", "case_decisions"] {
            let count = try await t.sql.raw("SELECT count(*) AS n FROM \(ident: table) WHERE case_id = \(bind: caseID)").first()?
                .decode(column: "n", as: Int.self)
            lines.append("\(table) \(count ?? -1)")
        }
        let user = try #require(try await User.find(userID, on: t.app.db))
        lines.append("user \(user.isActive) \(user.passwordHash) \(user.role)")
        return lines
    }
}

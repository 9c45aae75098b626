import Fluent
import Foundation
import GridcaseDomain
import Testing
import Vapor
import VaporTesting
@testable import GridcaseApp

/// Creates cases the way an installer does, through the pages.
extension TestApp {
    func organizationID(_ name: String) async throws -> UUID {
        try #require(try await Organization.query(on: app.db).filter(\.$name == name).first()?.requireID())
    }

    func jobTypeID(_ grid: String, _ type: InstallationType, _ name: String) async throws -> UUID {
        let gridID = try await organizationID(grid)
        return try #require(try await JobType.query(on: app.db)
            .filter(\.$gridCompany.$id == gridID).filter(\.$installationType == type).filter(\.$name == name)
            .first()?.requireID())
    }

    func areaID(_ grid: String, _ name: String) async throws -> UUID {
        let gridID = try await organizationID(grid)
        return try #require(try await GridArea.query(on: app.db)
            .filter(\.$gridCompany.$id == gridID).filter(\.$name == name).first()?.requireID())
    }

    /// "Skapa anmälan" as the browser's user; returns the new case's id.
    @discardableResult
    func createCase(
        _ browser: Browser, grid: String = Demo.kullabygden, type: InstallationType = .serviceConnectionChange,
        jobType: String = "Anläggning med en mätare", area: String = "Helsingborg", creationKey: String = UUID().uuidString
    ) async throws -> UUID {
        try await browser.get(SitePath.newCase.relative)
        let response = try await browser.post(SitePath.cases.relative, form: [
            "gridCompany": try await organizationID(grid).uuidString, "installationType": type.rawValue,
            "jobType": try await jobTypeID(grid, type, jobType).uuidString, "gridArea": try await areaID(grid, area).uuidString,
            "creationKey": creationKey,
        ])
        #expect(response.status == .seeOther)
        let location = try #require(response.headers.first(name: .location))
        return try #require(UUID(uuidString: String(location.split(separator: "/").last ?? "")))
    }

    func loadCase(_ id: UUID) async throws -> Case {
        try #require(try await Case.find(id, on: app.db))
    }

    /// Every field a complete Servisändring needs, as an installer types them.
    static let completeServiceChange: [String: String] = [
        "facility.facilityID": "735999000000000013", "facility.meterNumber": "12345678",
        "facility.streetAddress": "Storgatan 1", "facility.postalCode": "25220", "facility.city": "Helsingborg",
        "facility.mainFuseRequested": "25", "facility.requestedMeterPlacement": "facadeCabinet",
        "facility.plannedStartDate": "2026-12-01",
        "owner.kind": "person", "owner.lastName": "Andersson", "owner.firstName": "Eva",
        "owner.identityNumber": "811218-9876", "owner.phone": "070-123 45 67",
        "billing.kind": "person", "billing.lastName": "Andersson", "billing.firstName": "Eva",
        "billing.identityNumber": "811218-9876", "billing.streetAddress": "Storgatan 1", "billing.postalCode": "25220",
        "billing.city": "Helsingborg",
        "installer.responsibleInstaller": "Anna Svensson", "installer.authorizationNumber": "AL-23817",
        "installer.contactPhone": "070-123 45 67",
    ]

    /// Spara with these fields from the case's edit form (its version and token).
    @discardableResult
    func save(_ browser: Browser, case id: UUID, fields: [String: String], action: String = "save") async throws -> TestingHTTPResponse {
        let edit = try await browser.get(SitePath.caseEdit(.value(id)).relative)
        let version = try #require(Browser.hiddenValue("version", in: edit.body.string))
        return try await browser.post(SitePath.caseDetail(.value(id)).relative,
                                      form: fields.merging(["version": version, "action": action]) { $1 })
    }
}

extension Browser {
    static func hiddenValue(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"([^\"]*)\"", options: .regularExpression) else { return nil }
        return html[range].split(separator: "\"").dropFirst(3).first.map(String.init) ?? ""
    }
}

import Fluent
import Foundation
import GridcaseDomain
import Testing
import VaporTesting
@testable import GridcaseApp

/// Sends and decides cases the way both sides do, through the pages.
extension TestApp {
    /// A complete Servisändring, created, saved and sent by the installer; returns its id.
    func sentCase(_ installer: Browser, grid: String = Demo.kullabygden, area: String = "Helsingborg",
                  fields: [String: String] = TestApp.completeServiceChange) async throws -> UUID {
        let id = try await createCase(installer, grid: grid, area: area)
        try await save(installer, case: id, fields: fields)
        let sent = try await installer.post(SitePath.caseSend(.value(id)).relative, form: [:])
        #expect(sent.status == .seeOther)
        #expect(try await loadCase(id).status == .submitted)
        return id
    }

    /// Opens the decision's form, then posts it with `form`.
    @discardableResult
    func decide(_ browser: Browser, _ transition: CaseTransition, case id: UUID, form: [String: String] = [:]) async throws -> TestingHTTPResponse {
        let path = SitePath.caseDecision(.value(id), .value(transition.rawValue)).relative
        try await browser.get(SitePath.caseDetail(.value(id)).relative)
        return try await browser.post(path, form: form)
    }

    /// The installationsmedgivande with valid values.
    static let consent = ["earliestConnectionDate": "2026-12-01", "confirmedFacilityID": "735999000000000013",
                          "conditions": "Mätarskåp i fasad, max 25 A."]

    func decisions(_ id: UUID) async throws -> [CaseDecision] {
        try await CaseDecision.query(on: app.db).filter(\.$caseRecord.$id == id).sort(\.$at).all()
    }
}

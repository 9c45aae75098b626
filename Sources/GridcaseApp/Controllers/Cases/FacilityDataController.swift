import Fluent
import GridcaseDomain
import Vapor

/// The dialog "Hämta Installations och anläggningsdata" (manual steps 8-15): Hämta data shows Status kod
/// and Status text and what would change; Uppdatera och stäng applies it; Avbryt applies nothing.
struct FacilityDataController {
    struct Form: Content {
        var meterNumber: String?
        var gsrn: String?
        var overwrite: String?
        var digest: String?
        var version: String?
    }

    @Sendable func dialog(req: Request) async throws -> Response {
        let record = try await editableCase(req)
        let suggestion = FacilityDataOverwrite.suggestsOverwrite(current: try record.fieldValues(req.personalData))
        return try await req.render(try FacilityDataPage(record: record, form: Form(), overwrite: suggestion, preview: nil))
    }

    @Sendable func fetch(req: Request) async throws -> Response {
        let record = try await editableCase(req)
        let form = try req.content.decode(Form.self)
        let overwrite = form.overwrite == "yes"
        let preview = try await req.facilityDataFetch.lookUp(
            meterNumber: form.meterNumber ?? "", gsrn: form.gsrn ?? "", overwrite: overwrite, for: record, by: try req.currentUser)
        return try await req.render(try FacilityDataPage(record: record, form: form, overwrite: overwrite, preview: preview))
    }

    @Sendable func apply(req: Request) async throws -> Response {
        let record = try await editableCase(req)
        let caseID = try record.requireID()
        let form = try req.content.decode(Form.self)
        let overwrite = form.overwrite == "yes"
        let outcome = try await req.facilityDataFetch.apply(
            meterNumber: form.meterNumber ?? "", gsrn: form.gsrn ?? "", overwrite: overwrite, previewDigest: form.digest ?? "",
            version: Int(form.version ?? "") ?? 0, to: record, by: try req.currentUser)
        switch outcome {
        case .applied:
            return req.redirect(to: .caseDetail(.value(caseID)), notice: .facilityDataApplied)
        case .locked:
            return req.redirect(to: .caseDetail(.value(caseID)), notice: .locked)
        case .failed(let failure):
            let page = try FacilityDataPage(record: record, form: form, overwrite: overwrite,
                                            preview: .init(outcome: failure, plan: nil))
            return try await req.render(page, status: .unprocessableEntity)
        case .changedSincePreview(let preview):
            let fresh = try await req.authorizedCase(.edit)
            var page = try FacilityDataPage(record: fresh, form: form, overwrite: overwrite, preview: preview)
            page.notice = "Uppgifterna har ändrats sedan förhandsvisningen. Kontrollera de nya ändringarna och tryck Uppdatera och stäng igen."
            return try await req.render(page, status: .conflict)
        }
    }

    /// Only a case the installer may still edit can be filled from the register.
    private func editableCase(_ req: Request) async throws -> Case {
        let record = try await req.authorizedCase(.edit)
        guard record.status.installerMayEdit else { throw Abort(.conflict) }
        return record
    }
}

struct FacilityDataPage: Page {
    static let template = "cases/facility-data"

    struct ChangeRow: Encodable, Sendable {
        let label: String
        let old: String
        let new: String
    }

    let title = "Hämta Installations och anläggningsdata"
    let header: CaseHeader
    let fetchAction: String
    let applyAction: String
    let cancelHref: String
    let meterNumber: String
    let gsrn: String
    let overwrite: Bool
    let version: Int
    let statusCode: Int?
    let statusText: String?
    let found: Bool
    let changes: [ChangeRow]
    let kept: [ChangeRow]
    let digest: String?
    var notice: String?

    init(record: Case, form: FacilityDataController.Form, overwrite: Bool, preview: FacilityDataFetch.Preview?) throws {
        let caseID = try record.requireID()
        header = CaseHeader(record)
        fetchAction = SitePath.caseFacilityData(.value(caseID)).relative
        applyAction = SitePath.caseFacilityDataApply(.value(caseID)).relative
        cancelHref = SitePath.caseDetail(.value(caseID)).relative
        meterNumber = form.meterNumber ?? ""
        gsrn = form.gsrn ?? ""
        self.overwrite = overwrite
        version = record.version
        statusCode = preview?.outcome.statusCode
        statusText = preview?.outcome.statusText
        if case .found = preview?.outcome { found = true } else { found = false }
        func row(_ change: FieldChange) -> ChangeRow? {
            guard let field = CaseFields.field(change.key) else { return nil }
            return ChangeRow(label: "\(field.section.swedishName): \(field.label)",
                             old: change.old.map { FieldView.readable($0, field: field) } ?? "(tomt)",
                             new: change.new.map { FieldView.readable($0, field: field) } ?? "(tomt)")
        }
        changes = preview?.plan?.changes.compactMap(row) ?? []
        kept = preview?.plan?.kept.compactMap(row) ?? []
        digest = preview?.plan.map(FacilityDataFetch.digest)
    }
}

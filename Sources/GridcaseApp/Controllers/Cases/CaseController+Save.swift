import Fluent
import GridcaseDomain
import Vapor

/// Spara (with "Kopiera från ägare" and attachments from the same form), Skicka föranmälan and Ta bort.
extension CaseController {
    @Sendable func save(req: Request) async throws -> Response {
        let record = try await req.authorizedCase(.edit)
        let caseID = try record.requireID()
        let form = try req.content.decode(CaseFormSubmission.self)

        // A file chosen in the form is kept even when a field is wrong, so the upload is never lost.
        var attachmentNotice: String?
        var attachmentError: String?
        if let file = form.attachment, file.data.readableBytes > 0 {
            switch try await AttachmentStore(database: req.db, clock: req.clock)
                .add(file, category: form.attachmentCategory, to: record, by: try req.currentUser) {
            case .success(let name): attachmentNotice = "Bilagan \(name) är sparad."
            case .failure(let error): attachmentError = error.message
            }
        }

        if form.action == .copyFromOwner {
            let copied = CaseFieldChanges.copyOwnerToBilling(form.values)
            return try await req.render(try await CaseEditPage.build(
                record, input: copied, version: form.version, banner: .info("Uppgifterna är kopierade från fastighetsägaren. Glöm inte att spara."),
                attachmentError: attachmentError, req: req))
        }

        let outcome = try await req.caseEditing.save(record, input: form.values, basedOnVersion: form.version ?? 0, by: try req.currentUser)
        switch outcome {
        case .locked:
            return req.redirect(to: .caseDetail(.value(caseID)), notice: .locked)
        case .invalid(let validation):
            let page = try await CaseEditPage.build(
                record, input: form.values, version: form.version, errors: validation.errors, warnings: validation.warnings,
                banner: .error("Anmälan sparades inte. Rätta de markerade fälten." + (attachmentNotice.map { " " + $0 } ?? "")),
                attachmentError: attachmentError, req: req)
            return try await req.render(page, status: .unprocessableEntity)
        case .conflict(let current):
            let page = try await CaseEditPage.build(
                record, input: form.values, version: current.version, conflictWith: try current.fieldValues(req.personalData),
                banner: .error("Någon annan har sparat ärendet sedan du öppnade det. Dina ändringar är inte sparade men finns kvar nedan. Jämför och spara igen."),
                attachmentError: attachmentError, req: req)
            return try await req.render(page, status: .conflict)
        case .saved(let changes):
            if let attachmentError {
                let fresh = try await req.authorizedCase(.edit)
                return try await req.render(try await CaseEditPage.build(
                    fresh, input: try fresh.fieldValues(req.personalData), banner: .error("Fälten är sparade, men bilagan kunde inte sparas."),
                    attachmentError: attachmentError, req: req), status: .unprocessableEntity)
            }
            if form.action == .send {
                return try await send(record: try await req.authorizedCase(.edit), req: req)
            }
            if form.action == .facilityData {
                return req.redirect(to: .caseFacilityData(.value(caseID)))
            }
            if form.action == .upload {
                return req.redirect(to: .caseEdit(.value(caseID)), notice: .attachmentAdded)
            }
            // After Spara on a case not yet sent, the manual's question: send it now?
            return req.redirect(to: .caseSend(.value(caseID)), notice: changes.isEmpty ? .unchanged : .saved)
        }
    }

    /// The question "Ärendet har inte skickats för godkännande. Vill du göra detta nu?" with OK and Avbryt.
    @Sendable func confirmSend(req: Request) async throws -> Response {
        let record = try await req.authorizedCase(.edit)
        guard record.status.installerMayEdit else { return req.redirect(to: .caseDetail(.value(try record.requireID()))) }
        let notice = req.query[String.self, at: "meddelande"].flatMap(Notice.init)
        return try await req.render(try await CaseShowPage.build(record, notice: notice, askToSend: true, req: req))
    }

    @Sendable func send(req: Request) async throws -> Response {
        try await send(record: try await req.authorizedCase(.edit), req: req)
    }

    private func send(record: Case, req: Request) async throws -> Response {
        let caseID = try record.requireID()
        switch try await req.caseEditing.send(record, by: try req.currentUser) {
        case .sent:
            return req.redirect(to: .caseDetail(.value(caseID)), notice: .sent)
        case .alreadySent:
            return req.redirect(to: .caseDetail(.value(caseID)), notice: .alreadySent)
        case .locked:
            return req.redirect(to: .caseDetail(.value(caseID)), notice: .locked)
        case .missing(let missing):
            let page = try await CaseEditPage.build(
                record, input: try record.fieldValues(req.personalData),
                errors: Dictionary(missing.map { ($0.field.key, "Fältet är obligatoriskt.") }, uniquingKeysWith: { first, _ in first }),
                missing: missing,
                banner: .error("Anmälan skickades inte. Fyll i de obligatoriska fälten och skicka igen."), req: req)
            return try await req.render(page, status: .unprocessableEntity)
        }
    }

    @Sendable func confirmDelete(req: Request) async throws -> Response {
        let record = try await req.authorizedCase(.edit)
        guard record.status.installerMayDelete else { throw Abort(.conflict) }
        return try await req.render(try CaseDeletePage(record: record))
    }

    @Sendable func delete(req: Request) async throws -> Response {
        let record = try await req.authorizedCase(.edit)
        guard try await req.caseEditing.deleteDraft(record) else {
            return req.redirect(to: .caseDetail(.value(try record.requireID())), notice: .locked)
        }
        return req.redirect(to: SitePath.cases.relative + "?meddelande=borttaget", redirectType: .normal)
    }
}

/// What the edit form sends: every field by its key, the version it was opened at, the button pressed and
/// an optional file.
struct CaseFormSubmission: Decodable {
    enum Action: String, Decodable {
        case save, send, copyFromOwner, upload
        /// "Hämta anl-data" from the edit form: save what was typed, then open the dialog.
        case facilityData
    }

    var values: [String: String] = [:]
    var version: Int?
    var action: Action = .save
    var attachment: File?
    var attachmentCategory: String?

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        for key in container.allKeys {
            switch key.stringValue {
            case "version": version = Int(try container.decode(String.self, forKey: key))
            case "action": action = Action(rawValue: (try? container.decode(String.self, forKey: key)) ?? "") ?? .save
            case "attachment": attachment = try? container.decode(File.self, forKey: key)
            case "attachmentCategory": attachmentCategory = try? container.decode(String.self, forKey: key)
            default:
                if CaseFields.field(key.stringValue) != nil, let value = try? container.decode(String.self, forKey: key) {
                    values[key.stringValue] = value
                }
            }
        }
    }
}

struct CaseDeletePage: Page {
    static let template = "cases/delete"
    let title: String
    let header: CaseHeader
    let deleteAction: String
    let cancelHref: String

    init(record: Case) throws {
        let id = try record.requireID()
        header = CaseHeader(record)
        title = "Ta bort \(record.caseNumber)"
        deleteAction = SitePath.caseDelete(.value(id)).relative
        cancelHref = SitePath.caseDetail(.value(id)).relative
    }
}

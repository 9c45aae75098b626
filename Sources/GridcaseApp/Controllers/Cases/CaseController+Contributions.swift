import Fluent
import GridcaseDomain
import Vapor

/// Ny notering and attachments: both sides may add them whatever the case's status.
extension CaseController {
    struct NoteForm: Content {
        var body: String?
        /// "on" when the grid company's user ticks Intern notering.
        var isInternal: String?
    }

    struct UploadForm: Content {
        var attachment: File?
        var attachmentCategory: String?
    }

    static let maximumNoteLength = 4000

    @Sendable func addNote(req: Request) async throws -> Response {
        let record = try await req.authorizedCase(.contribute)
        let caseID = try record.requireID()
        let form = try req.content.decode(NoteForm.self)
        let text = (form.body ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let error: String? = text.isEmpty ? "Skriv en notering." :
            (text.count > Self.maximumNoteLength ? "Noteringen får ha högst \(Self.maximumNoteLength) tecken." : nil)
        if let error {
            let page = try await CaseShowPage.build(record, notice: nil, askToSend: false, noteDraft: text, noteError: error, req: req)
            return try await req.render(page, status: .unprocessableEntity)
        }
        let user = try req.currentUser
        let now = req.clock.now()
        // Only the grid company's own users may keep a note from the installer.
        let isInternal = form.isInternal != nil && user.isGridSide(of: record)
        let notifier = req.caseNotifier
        try await req.db.transaction { db in
            try await CaseNote(caseID: caseID, authorID: user.id, body: text, isInternal: isInternal, createdAt: now).create(on: db)
            try await CaseEvent(caseID: caseID, actorID: user.id, at: now, kind: isInternal ? .internalNoteAdded : .noteAdded).create(on: db)
            // The other side hears of a note once the case is theirs to see (never of an internal one).
            if !isInternal, record.status.visibleToGridCompany, let side = CaseSide(role: user.role) {
                try await notifier.enqueue(.noteAdded, for: record, by: side, at: now, on: db)
            }
        }
        return req.redirect(to: SitePath.caseDetail(.value(caseID)).relative + "?meddelande=" + Notice.noteAdded.rawValue + "#notes",
                            redirectType: .normal)
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let record = try await req.authorizedCase(.contribute)
        let form = try req.content.decode(UploadForm.self)
        guard let file = form.attachment, file.data.readableBytes > 0 else {
            let page = try await CaseShowPage.build(record, notice: nil, askToSend: false, attachmentError: "Välj en fil att bifoga.", req: req)
            return try await req.render(page, status: .unprocessableEntity)
        }
        let result = try await AttachmentStore(database: req.db, clock: req.clock)
            .add(file, category: form.attachmentCategory, to: record, by: try req.currentUser)
        switch result {
        case .success:
            return req.redirect(to: .caseDetail(.value(try record.requireID())), notice: .attachmentAdded)
        case .failure(let error):
            let page = try await CaseShowPage.build(record, notice: nil, askToSend: false, attachmentError: error.message, req: req)
            return try await req.render(page, status: .unprocessableEntity)
        }
    }

    @Sendable func download(req: Request) async throws -> Response {
        let record = try await req.authorizedCase(.view)
        let attachmentID = try req.uuidParameter(SitePath.attachmentIDKey)
        guard let attachment = try await Attachment.query(on: req.db)
            .filter(\.$id == attachmentID).filter(\.$caseRecord.$id == record.requireID()).first()
        else { throw Abort(.notFound) }
        let response = Response(status: .ok, body: .init(data: attachment.data))
        response.headers.replaceOrAdd(name: .contentType, value: attachment.contentType)
        let asciiName = String(attachment.fileName.map { $0.isASCII && $0 != "\"" ? $0 : "_" })
        let encodedName = attachment.fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? asciiName
        response.headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"\(asciiName)\"; filename*=UTF-8''\(encodedName)")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}

import Fluent
import GridcaseDomain
import Vapor

struct NoteView: Encodable, Sendable {
    let author: String
    let organization: String
    let at: String
    let body: String
    /// A grid-company note the installer never sees.
    let isInternal: Bool
}

struct AttachmentView: Encodable, Sendable {
    let fileName: String
    let categoryName: String
    let size: String
    let uploadedBy: String
    let at: String
    let href: String
}

struct HistoryView: Encodable, Sendable {
    struct ChangeView: Encodable, Sendable {
        let label: String
        let old: String
        let new: String
    }

    let at: String
    let actor: String
    let text: String
    let changes: [ChangeView]
}

/// Notes (newest first), attachments and history of a case, as its pages show them.
struct CaseActivity: Encodable, Sendable {
    let notes: [NoteView]
    let attachments: [AttachmentView]
    let history: [HistoryView]
    let decisions: [DecisionView]
    let attachmentCategories: [FieldView.ChoiceView]

    /// Internal notes only for the grid company's own users (`includeInternalNotes`).
    static func load(for record: Case, includeInternalNotes: Bool, on db: any Database) async throws -> CaseActivity {
        let caseID = try record.requireID()
        var noteQuery = CaseNote.query(on: db).filter(\.$caseRecord.$id == caseID)
        if !includeInternalNotes { noteQuery = noteQuery.filter(\.$isInternal == false) }
        let notes = try await noteQuery
            .with(\.$author) { $0.with(\.$organization) }
            .sort(\.$createdAt, .descending).all()
        let attachments = try await Attachment.query(on: db)
            .filter(\.$caseRecord.$id == caseID)
            .field(\.$id).field(\.$fileName).field(\.$category).field(\.$size).field(\.$createdAt).field(\.$uploadedBy.$id)
            .sort(\.$createdAt).all()
        let uploaderIDs = Set(attachments.map(\.$uploadedBy.id))
        let uploaders = try await User.query(on: db).filter(\.$id ~~ uploaderIDs).all()
        let names = Dictionary(uniqueKeysWithValues: uploaders.compactMap { user in user.id.map { ($0, user.name) } })
        var eventQuery = CaseEvent.query(on: db).filter(\.$caseRecord.$id == caseID)
        if !includeInternalNotes { eventQuery = eventQuery.filter(\.$kind != .internalNoteAdded) }
        let events = try await eventQuery.with(\.$actor)
            .sort(\.$at, .descending).all()

        return CaseActivity(
            notes: notes.map {
                NoteView(author: $0.author.name, organization: $0.author.organization.name,
                         at: DisplayFormat.dateTime($0.createdAt), body: $0.body, isInternal: $0.isInternal)
            },
            attachments: try attachments.map { attachment in
                AttachmentView(
                    fileName: attachment.fileName, categoryName: attachment.category.swedishName,
                    size: DisplayFormat.fileSize(attachment.size), uploadedBy: names[attachment.$uploadedBy.id] ?? "",
                    at: DisplayFormat.dateTime(attachment.createdAt),
                    href: SitePath.caseAttachment(.value(caseID), .value(try attachment.requireID())).relative
                )
            },
            history: events.map(historyEntry),
            decisions: try await DecisionView.load(for: caseID, on: db),
            attachmentCategories: AttachmentCategory.allCases.map {
                .init(value: $0.rawValue, label: $0.swedishName, isSelected: false, inputID: "")
            }
        )
    }

    private static func historyEntry(_ event: CaseEvent) -> HistoryView {
        let text: String
        switch event.kind {
        case .created: text = "Ärendet skapades"
        case .fieldsChanged: text = "Uppgifter ändrades"
        case .statusChanged:
            text = "Status ändrades från \(event.statusFrom?.swedishName ?? "–") till \(event.statusTo?.swedishName ?? "–")"
        case .noteAdded: text = "Notering tillagd"
        case .internalNoteAdded: text = "Intern notering tillagd"
        case .attachmentAdded: text = "Bilaga tillagd: \(event.changes ?? "")"
        case .facilityDataFetched: text = "Anläggningsdata hämtad"
        case .assigned: text = "Handläggare: \(event.changes ?? "")"
        }
        return HistoryView(
            at: DisplayFormat.dateTime(event.at), actor: event.actor?.name ?? "Systemet", text: text,
            changes: event.fieldChanges.compactMap { change in
                guard let field = CaseFields.field(change.key) else { return nil }
                return .init(label: "\(field.section.swedishName): \(field.label)",
                             old: historyValue(change.old, field), new: historyValue(change.new, field))
            }
        )
    }

    /// Identity numbers are masked in the history: it shows that they changed, not what they are.
    private static func historyValue(_ value: String?, _ field: CaseField) -> String {
        guard let value, !value.isEmpty else { return "(tomt)" }
        if field.format == .partyIdentityNumber { return FieldChange.maskedIdentityNumber(value) }
        return FieldView.readable(value, field: field)
    }
}

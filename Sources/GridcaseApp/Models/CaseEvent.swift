import Fluent
import GridcaseDomain
import Vapor

/// One entry in a case's history: created, fields changed, status changed, note or attachment added.
// Fluent models are reference types whose properties Fluent mutates; Sendable is asserted, not checked.
final class CaseEvent: Model, @unchecked Sendable {
    static let schema = "case_events"

    enum Kind: String, Codable, Sendable {
        case created, fieldsChanged, statusChanged, noteAdded, attachmentAdded, facilityDataFetched, assigned
        /// A grid-company note the installer never sees: neither is this entry shown to them.
        case internalNoteAdded
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var caseRecord: Case
    @OptionalParent(key: "actor_id") var actor: User?
    @Field(key: "at") var at: Date
    @Field(key: "kind") var kind: Kind
    @OptionalField(key: "status_from") var statusFrom: CaseStatus?
    @OptionalField(key: "status_to") var statusTo: CaseStatus?
    /// JSON list of `FieldChange`, or a short text for notes and attachments.
    @OptionalField(key: "changes") var changes: String?

    init() {}

    init(caseID: UUID, actorID: UUID?, at: Date, kind: Kind, statusFrom: CaseStatus? = nil, statusTo: CaseStatus? = nil,
         changes: String? = nil) {
        self.$caseRecord.id = caseID
        self.$actor.id = actorID
        self.at = at
        self.kind = kind
        self.statusFrom = statusFrom
        self.statusTo = statusTo
        self.changes = changes
    }

    var fieldChanges: [FieldChange] {
        guard kind == .fieldsChanged || kind == .facilityDataFetched, let changes else { return [] }
        return (try? JSONDecoder().decode([FieldChange].self, from: Data(changes.utf8))) ?? []
    }
}

/// A message on a case, from either side.
// Fluent models are reference types whose properties Fluent mutates; Sendable is asserted, not checked.
final class CaseNote: Model, @unchecked Sendable {
    static let schema = "case_notes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var caseRecord: Case
    @Parent(key: "author_id") var author: User
    @Field(key: "body") var body: String
    /// Grid-company notes the installer never sees.
    @Field(key: "is_internal") var isInternal: Bool
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(caseID: UUID, authorID: UUID, body: String, isInternal: Bool, createdAt: Date) {
        self.$caseRecord.id = caseID
        self.$author.id = authorID
        self.body = body
        self.isInternal = isInternal
        self.createdAt = createdAt
    }
}

/// A file on a case: site plan, single-line diagram, photo or other document. Stored in the database so
/// every app instance serves it.
// Fluent models are reference types whose properties Fluent mutates; Sendable is asserted, not checked.
final class Attachment: Model, @unchecked Sendable {
    static let schema = "attachments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var caseRecord: Case
    @Parent(key: "uploaded_by_id") var uploadedBy: User
    @Field(key: "file_name") var fileName: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "category") var category: AttachmentCategory
    @Field(key: "size") var size: Int
    @Field(key: "data") var data: Data
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

import Fluent
import GridcaseDomain
import Vapor

/// Adds files to cases after checking their real type and size, and records it in the history.
struct AttachmentStore {
    let database: any Database
    let clock: any AppClock

    /// The stored file's name, or the reason it was refused.
    func add(_ file: File, category: String?, to record: Case, by user: CurrentUser) async throws -> Result<String, FieldError> {
        let size = file.data.readableBytes
        let type: AttachmentRules.FileType
        do throws(FieldError) {
            type = try AttachmentRules.check(size: size, bytes: file.data.readableBytesView)
        } catch {
            return .failure(error)
        }
        let attachment = Attachment()
        attachment.$caseRecord.id = try record.requireID()
        attachment.$uploadedBy.id = user.id
        attachment.fileName = AttachmentRules.safeFileName(file.filename, type: type)
        attachment.contentType = type.rawValue
        attachment.category = category.flatMap(AttachmentCategory.init) ?? .other
        attachment.size = size
        attachment.data = Data(file.data.readableBytesView)
        attachment.createdAt = clock.now()
        try await database.transaction { db in
            try await attachment.create(on: db)
            try await CaseEvent(caseID: try record.requireID(), actorID: user.id, at: attachment.createdAt,
                                kind: .attachmentAdded, changes: attachment.fileName).create(on: db)
        }
        return .success(attachment.fileName)
    }
}

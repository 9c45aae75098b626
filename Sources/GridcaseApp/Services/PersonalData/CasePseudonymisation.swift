import Fluent
import Foundation
import GridcaseDomain

/// Takes one finished case's personal data out of what is stored with it, in the caller's transaction: the
/// history, the notes, the texts written in decisions and the attachments' names. (The case's own fields are
/// `PersonalDataRights.pseudonymise`'s part.) Attachments' contents are not scanned.
struct CasePseudonymisation {
    let caseID: UUID
    let removal: PersonalDataRemoval

    func apply(on db: any Database) async throws {
        try await history(on: db)
        for note in try await CaseNote.query(on: db).filter(\.$caseRecord.$id == caseID).all() {
            note.body = removal.pseudonymised(note.body)
            try await note.save(on: db)
        }
        for decision in try await CaseDecision.query(on: db).filter(\.$caseRecord.$id == caseID).all() {
            // Read strictly: `details` would give empty details for text it cannot read, and those would be saved.
            let details = try JSONDecoder().decode(CaseDecisionDetails.self, from: Data(decision.detailsJSON.utf8))
            decision.detailsJSON = String(decoding: try JSONEncoder().encode(removal.pseudonymised(details)), as: UTF8.self)
            try await decision.save(on: db)
        }
        // Only the names: the files themselves stay where they are, unread.
        for attachment in try await Attachment.query(on: db).filter(\.$caseRecord.$id == caseID).field(\.$id).field(\.$fileName).all() {
            try await Attachment.query(on: db).filter(\.$id == attachment.requireID())
                .set(\.$fileName, to: removal.pseudonymised(attachment.fileName)).update()
        }
    }

    /// Field changes keep that a field changed; an attachment's entry keeps its (pseudonymised) name.
    private func history(on db: any Database) async throws {
        for event in try await CaseEvent.query(on: db).filter(\.$caseRecord.$id == caseID).filter(\.$changes != nil).all() {
            guard let changes = event.changes else { continue }
            switch event.kind {
            case .fieldsChanged, .facilityDataFetched:
                let fieldChanges = try JSONDecoder().decode([FieldChange].self, from: Data(changes.utf8))
                event.changes = String(decoding: try JSONEncoder().encode(fieldChanges.map(removal.pseudonymised)), as: UTF8.self)
            case .created, .statusChanged, .noteAdded, .internalNoteAdded, .attachmentAdded, .assigned:
                event.changes = removal.pseudonymised(changes)
            }
            try await event.save(on: db)
        }
    }
}

import Fluent
import GridcaseDomain
import SQLKit
import Vapor

/// Spara, Skicka föranmälan and Ta bort on a case. Each change is one conditional UPDATE, so a double
/// click, a resubmitted form or a colleague's save in between can never send twice or overwrite blindly.
struct CaseEditing {
    enum SaveOutcome {
        case saved(changes: [FieldChange])
        /// A field's format is wrong: nothing was saved.
        case invalid(CaseFieldValidation)
        /// Someone saved the case after this form was opened: nothing was saved.
        case conflict(current: Case)
        /// The case has been sent (or closed) and its fields are locked.
        case locked
    }

    enum SendOutcome {
        case sent
        /// The case was already sent: nothing happened (a double click or an old form).
        case alreadySent
        case missing([(field: CaseField, inputID: String)])
        case locked
    }

    let database: any Database
    let clock: any AppClock
    let cipher: PersonalDataCipher
    let notifier: CaseNotifier

    func save(_ record: Case, input: [String: String], basedOnVersion version: Int, by user: CurrentUser) async throws -> SaveOutcome {
        guard record.status.installerMayEdit else { return .locked }
        let jobType = try await record.$jobType.get(on: database)
        let validation = CaseFieldValidator.validate(Self.relevant(input, microproduction: jobType.includesMicroproduction),
                                                     today: CalendarDay.today(clock))
        guard validation.isValid else { return .invalid(validation) }

        let old = try record.fieldValues(cipher)
        let changes = CaseFieldChanges.diff(old: old, new: validation.values)
        guard !changes.isEmpty else { return .saved(changes: []) }
        guard version == record.version else { return .conflict(current: record) }

        let accepted = try await writeFields(validation.values, changes: changes, kind: .fieldsChanged, to: record,
                                             basedOnVersion: version, by: user)
        if accepted { return .saved(changes: changes) }
        guard let current = try await Case.find(try record.requireID(), on: database) else { throw Abort(.notFound) }
        return current.status.installerMayEdit ? .conflict(current: current) : .locked
    }

    /// Stores new field values and their history entry in one transaction, only if the case is still at
    /// `version` and editable. False when someone else changed it first or it was sent meanwhile.
    func writeFields(_ values: [String: String], changes: [FieldChange], kind: CaseEvent.Kind, to record: Case,
                     basedOnVersion version: Int, by user: CurrentUser) async throws -> Bool {
        let now = clock.now()
        let updated = Case()
        try updated.setFieldValues(values, cipher)
        let caseID = try record.requireID()
        return try await database.transaction { db -> Bool in
            let sql = db as! any SQLDatabase
            let row = try await sql.raw("""
                UPDATE cases SET fields = \(bind: updated.fieldsJSON), facility_id = \(bind: updated.facilityID),
                  meter_number = \(bind: updated.meterNumber), street_address = \(bind: updated.streetAddress),
                  city = \(bind: updated.city), personal_data_key = \(bind: updated.personalDataKey),
                  owner_identity_hash = \(bind: updated.ownerIdentityHash), billing_identity_hash = \(bind: updated.billingIdentityHash),
                  version = version + 1, updated_at = \(bind: now)
                WHERE id = \(bind: caseID) AND version = \(bind: version)
                  AND status IN (\(bind: CaseStatus.draft.rawValue), \(bind: CaseStatus.returned.rawValue))
                RETURNING id
                """).first()
            guard row != nil else { return false }
            try await CaseEvent(caseID: caseID, actorID: user.id, at: now, kind: kind,
                                changes: String(decoding: try JSONEncoder().encode(changes.map(\.forHistory)), as: UTF8.self)).create(on: db)
            return true
        }
    }

    /// Only the fields of the case's own sections are taken from a form.
    static func relevant(_ input: [String: String], microproduction: Bool) -> [String: String] {
        input.filter { microproduction || !$0.key.hasPrefix("microproduction.") }
    }

    func send(_ record: Case, by user: CurrentUser) async throws -> SendOutcome {
        if !record.status.installerMayEdit {
            return record.status == .submitted ? .alreadySent : .locked
        }
        let required = try await MandatoryFieldQueries.required(for: record, on: database)
        let missing = MandatoryFields.missing(required: required, in: try record.fieldValues(cipher))
        guard missing.isEmpty else { return .missing(missing) }

        let sent = try await CaseTransitions(database: database, clock: clock, notifier: notifier)
            .move(record, .send, details: CaseDecisionDetails(), by: user)
        return sent ? .sent : .alreadySent
    }

    /// Deletes a draft with everything on it; a sent case is never deleted. True when it was deleted.
    func deleteDraft(_ record: Case) async throws -> Bool {
        let sql = database as! any SQLDatabase
        let row = try await sql.raw("""
            DELETE FROM cases WHERE id = \(bind: try record.requireID()) AND status = \(bind: CaseStatus.draft.rawValue)
            RETURNING id
            """).first()
        return row != nil
    }
}

/// The mandatory fields of a case: its grid company's rules for its installation type, and for its job type.
enum MandatoryFieldQueries {
    static func required(for record: Case, on db: any Database) async throws -> Set<String> {
        let rules = try await MandatoryFieldRule.query(on: db)
            .filter(\.$gridCompany.$id == record.$gridCompany.id)
            .filter(\.$installationType == record.installationType)
            .group(.or) { $0.filter(\.$jobType.$id == nil).filter(\.$jobType.$id == record.$jobType.id) }
            .all()
        return Set(rules.map(\.fieldKey))
    }
}

/// Dates in Sweden: today for date rules, a moment's date, and a date's first moment (for SQL filters).
enum CalendarDay {
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Stockholm") ?? .gmt
        return calendar
    }()

    static func today(_ clock: any AppClock) -> CalendarDate { date(of: clock.now()) }

    static func date(of moment: Date) -> CalendarDate {
        let parts = calendar.dateComponents([.year, .month, .day], from: moment)
        return CalendarDate(year: parts.year ?? 2000, month: parts.month ?? 1, day: parts.day ?? 1)!
    }

    /// Midnight at the start of `date` in Sweden.
    static func start(of date: CalendarDate) -> Date {
        calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day)) ?? Date(timeIntervalSince1970: 0)
    }
}

import Fluent
import GridcaseDomain
import Vapor

/// The toolbar of a case, with only the actions the user may take now.
struct CaseToolbar: Encodable, Sendable {
    let editHref: String?
    let sendAction: String?
    let deleteHref: String?
    let printHref: String
    let closeHref: String
    let noteHref: String
    let facilityDataHref: String?

    init(_ record: Case, caseID: UUID) {
        let editable = record.status.installerMayEdit
        editHref = editable ? SitePath.caseEdit(.value(caseID)).relative : nil
        sendAction = editable ? SitePath.caseSend(.value(caseID)).relative : nil
        deleteHref = record.status.installerMayDelete ? SitePath.caseDelete(.value(caseID)).relative : nil
        printHref = SitePath.casePrint(.value(caseID)).relative
        closeHref = SitePath.cases.relative
        noteHref = SitePath.caseDetail(.value(caseID)).relative + "#new-note"
        facilityDataHref = editable ? SitePath.caseFacilityData(.value(caseID)).relative : nil
    }
}

/// The read view of a case (and, with `sendQuestion`, the manual's question after Spara).
struct CaseShowPage: Page {
    static let template = "cases/show"

    struct SendQuestion: Encodable, Sendable {
        let action: String
        let cancelHref: String
    }

    let title: String
    let header: CaseHeader
    let toolbar: CaseToolbar?
    let notice: String?
    let sections: [SectionView]
    let activity: CaseActivity
    let sendQuestion: SendQuestion?
    let noteAction: String
    let noteDraft: String
    let noteError: String?
    let attachmentAction: String
    let attachmentError: String?
    let missingIdentityHint: Bool
    /// Where "Visa fullständiga personnummer" posts to, when numbers are shown masked.
    let revealAction: String?
    /// The case's access log, for the admins who may follow it up.
    let accessLogHref: String?
    /// Why the last action was refused, shown at the top.
    let errorMessage: String?
    /// Who handles the case and what the user may decide now (once the case is sent).
    let handling: HandlingView?
    /// On a returned case, for the installer: what the grid company asks them to fix.
    let returnRequest: [DecisionView.Line]
    /// The grid company's users may write notes the installer never sees.
    let mayWriteInternalNote: Bool

    /// Building this page shows the case's personal data: it records that in the access log. Identity numbers
    /// are masked unless `revealIdentityNumbers` (an explicit, separately logged action).
    static func build(
        _ record: Case, notice: CaseController.Notice?, askToSend: Bool, noteDraft: String = "", noteError: String? = nil,
        attachmentError: String? = nil, revealIdentityNumbers: Bool = false, error: String? = nil, req: Request
    ) async throws -> CaseShowPage {
        let caseID = try record.requireID()
        let user = try req.currentUser
        let isInstallerSide = user.organizationID == record.$installerCompany.id
        let isGridSide = user.isGridSide(of: record)
        let values = try record.fieldValues(req.personalData)
        let required = try await MandatoryFieldQueries.required(for: record, on: req.db)
        let hasIdentityNumbers = Case.sealedFieldKeys.contains { !(values[$0] ?? "").isEmpty }
        try await req.recordAccess(.viewed, to: record)
        if revealIdentityNumbers, hasIdentityNumbers { try await req.recordAccess(.revealedIdentityNumber, to: record) }
        return CaseShowPage(
            title: "\(record.caseNumber) \(record.installationType.swedishName)",
            header: CaseHeader(record),
            toolbar: isInstallerSide ? CaseToolbar(record, caseID: caseID) : nil,
            notice: notice?.text,
            sections: CaseSections.build(values: revealIdentityNumbers ? values : CaseSections.maskingIdentityNumbers(values),
                                         required: required,
                                         includesMicroproduction: record.jobType.includesMicroproduction,
                                         installerCompanyName: record.installerCompany.name, forReading: true),
            activity: try await CaseActivity.load(for: record, includeInternalNotes: isGridSide, on: req.db),
            sendQuestion: askToSend && record.status.installerMayEdit
                ? SendQuestion(action: SitePath.caseSend(.value(caseID)).relative, cancelHref: SitePath.caseDetail(.value(caseID)).relative)
                : nil,
            noteAction: SitePath.caseNotes(.value(caseID)).relative,
            noteDraft: noteDraft,
            noteError: noteError,
            attachmentAction: SitePath.caseAttachments(.value(caseID)).relative,
            attachmentError: attachmentError,
            missingIdentityHint: isInstallerSide && (values["owner.identityNumber"] ?? "").isEmpty,
            revealAction: hasIdentityNumbers && !revealIdentityNumbers ? SitePath.caseIdentityNumbers(.value(caseID)).relative : nil,
            accessLogHref: AccessPolicy.decide(user.actor, .followUpAccess, on: record.ownership) == .allowed
                ? SitePath.caseAccessLog(.value(caseID)).relative : nil,
            errorMessage: error,
            handling: record.status.visibleToGridCompany ? try await HandlingView.build(record, user: user, today: CalendarDay.today(req.clock), on: req.db) : nil,
            returnRequest: isInstallerSide
                ? (try await DecisionView.pendingReturn(of: record, on: req.db)).map(DecisionView.lines) ?? [] : [],
            mayWriteInternalNote: isGridSide
        )
    }
}

/// The edit form of a case.
struct CaseEditPage: Page {
    static let template = "cases/edit"

    struct Banner: Encodable, Sendable {
        let kind: String
        let message: String
        static func error(_ message: String) -> Banner { Banner(kind: "error", message: message) }
        static func info(_ message: String) -> Banner { Banner(kind: "info", message: message) }
    }

    struct MissingView: Encodable, Sendable {
        let label: String
        let href: String
    }

    struct ConflictView: Encodable, Sendable {
        let label: String
        let yours: String
        let saved: String
    }

    let title: String
    let header: CaseHeader
    let formAction: String
    let cancelHref: String
    let version: Int
    let sections: [SectionView]
    let banner: Banner?
    let missing: [MissingView]
    let conflicts: [ConflictView]
    let errorCount: Int
    let attachmentCategories: [FieldView.ChoiceView]
    let attachmentError: String?
    let maximumAttachmentSize = "20 MB"

    static func build(
        _ record: Case, input: [String: String], version: Int? = nil, errors: [String: String] = [:],
        warnings: [String: String] = [:], missing: [(field: CaseField, inputID: String)] = [],
        conflictWith saved: [String: String]? = nil, banner: Banner? = nil, attachmentError: String? = nil, req: Request
    ) async throws -> CaseEditPage {
        let caseID = try record.requireID()
        // The form shows the case's personal data, identity numbers whole (they are edited here).
        try await req.recordAccess(.editForm, to: record)
        let today = CalendarDay.today(req.clock)
        let required = try await MandatoryFieldQueries.required(for: record, on: req.db)
        let microproduction = record.jobType.includesMicroproduction
        return CaseEditPage(
            title: "Redigera \(record.caseNumber)",
            header: CaseHeader(record),
            formAction: SitePath.caseDetail(.value(caseID)).relative,
            cancelHref: SitePath.caseDetail(.value(caseID)).relative,
            version: version ?? record.version,
            sections: CaseSections.build(values: input, required: required, errors: errors, warnings: warnings,
                                         includesMicroproduction: microproduction,
                                         installerCompanyName: record.installerCompany.name, forReading: false),
            banner: banner,
            missing: missing.map { MissingView(label: "\($0.field.section.swedishName): \($0.field.label)", href: "#" + $0.inputID) },
            conflicts: saved.map { conflicts(input: input, saved: $0, microproduction: microproduction, today: today) } ?? [],
            errorCount: errors.count + (attachmentError == nil ? 0 : 1),
            attachmentCategories: AttachmentCategory.allCases.map {
                .init(value: $0.rawValue, label: $0.swedishName, isSelected: false, inputID: "")
            },
            attachmentError: attachmentError
        )
    }

    /// The fields where what the user typed differs from what is saved now.
    private static func conflicts(input: [String: String], saved: [String: String], microproduction: Bool,
                                  today: CalendarDate) -> [ConflictView] {
        let typed = CaseFieldValidator.validate(input, today: today).values
        return CaseFields.all.compactMap { field in
            if field.section == .microproduction, !microproduction { return nil }
            let yours = typed[field.key] ?? (input[field.key] ?? "").trimmingCharacters(in: .whitespaces)
            let current = saved[field.key] ?? ""
            guard yours != current else { return nil }
            return ConflictView(label: "\(field.section.swedishName): \(field.label)",
                                yours: yours.isEmpty ? "(tomt)" : FieldView.readable(yours, field: field),
                                saved: current.isEmpty ? "(tomt)" : FieldView.readable(current, field: field))
        }
    }
}

/// The whole case on one page for printing.
struct CasePrintPage: Page {
    static let template = "cases/print"
    let title: String
    let header: CaseHeader
    let sections: [SectionView]
    let activity: CaseActivity
    let backHref: String
    let printedAt: String

    /// Printing shows the case's personal data (identity numbers masked): it is recorded in the access log.
    static func build(_ record: Case, req: Request) async throws -> CasePrintPage {
        try await req.recordAccess(.printed, to: record)
        return CasePrintPage(
            title: "\(record.caseNumber) – utskrift",
            header: CaseHeader(record),
            sections: CaseSections.build(values: CaseSections.maskingIdentityNumbers(try record.fieldValues(req.personalData)), required: [],
                                         includesMicroproduction: record.jobType.includesMicroproduction,
                                         installerCompanyName: record.installerCompany.name, forReading: true),
            activity: try await CaseActivity.load(for: record, includeInternalNotes: try req.currentUser.isGridSide(of: record), on: req.db),
            backHref: SitePath.caseDetail(.value(try record.requireID())).relative,
            printedAt: DisplayFormat.dateTime(req.clock.now())
        )
    }
}

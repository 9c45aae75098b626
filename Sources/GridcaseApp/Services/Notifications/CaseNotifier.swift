import Fluent
import GridcaseDomain
import Vapor

/// Writes the e-mails a case event causes into the outbox, on the database (transaction) of the change
/// itself: the change and its notifications are stored together or not at all.
struct CaseNotifier {
    /// Without a trailing slash (`AppConfig` removes it).
    let publicURL: String

    /// Needs `record` loaded with its grid company, installer company, area and job type.
    func enqueue(_ event: CaseNotificationEvent, for record: Case, by actingSide: CaseSide, at now: Date, on db: any Database) async throws {
        let caseID = try record.requireID()
        let facts = CaseNotificationFacts(
            caseNumber: record.caseNumber, heading: "\(record.installationType.swedishName) - \(record.jobType.name)",
            gridAreaName: record.gridArea.name, gridCompanyName: record.gridCompany.name,
            installerCompanyName: record.installerCompany.name, actingSide: actingSide,
            link: publicURL + SitePath.caseDetail(.value(caseID)).relative)
        let subject = CaseNotificationText.subject(event, facts)
        let body = CaseNotificationText.body(event, facts)
        let recipients = actingSide == .installerCompany
            ? try await gridCompanyRecipients(record, newCase: event == .sent, on: db)
            : try await installerRecipients(record, on: db)
        for recipient in Set(recipients).sorted() {
            try await OutboxMessage(caseID: caseID, event: event.rawValue, recipient: recipient, subject: subject, body: body, at: now)
                .create(on: db)
        }
    }

    /// The handler on the case; for a new case, or when none is assigned, the grid company's case inbox
    /// address, or else its handlers and admins.
    private func gridCompanyRecipients(_ record: Case, newCase: Bool, on db: any Database) async throws -> [String] {
        if !newCase, let handlerID = record.$assignedHandler.id,
           let handler = try await User.find(handlerID, on: db), handler.isActive {
            return [handler.email]
        }
        if let inbox = record.gridCompany.caseNotificationEmail, !inbox.isEmpty { return [inbox] }
        return try await CaseAssignment.handlers(of: record.$gridCompany.id, on: db).map(\.email)
    }

    /// The installer who created the case; if they have left, the installer company's admins.
    private func installerRecipients(_ record: Case, on db: any Database) async throws -> [String] {
        if let creator = try await User.find(record.$createdBy.id, on: db), creator.isActive { return [creator.email] }
        return try await User.query(on: db)
            .filter(\.$organization.$id == record.$installerCompany.id)
            .filter(\.$role == .installerAdmin).filter(\.$isActive == true)
            .all().map(\.email)
    }
}

extension Request {
    var caseNotifier: CaseNotifier { CaseNotifier(publicURL: application.appConfig.publicURL) }
}

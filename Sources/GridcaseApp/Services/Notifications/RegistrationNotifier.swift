import Fluent
import GridcaseDomain
import Vapor

/// Writes the e-mails a registration step causes into the outbox, on the database (transaction) of the step
/// itself: a request reaches the grid company's admins, a decision the installer company's admins.
struct RegistrationNotifier {
    /// Without a trailing slash (`AppConfig` removes it).
    let publicURL: String

    func enqueue(_ event: RegistrationNotificationEvent, installerCompanyID: UUID, gridCompanyID: UUID,
                 at now: Date, on db: any Database) async throws {
        guard let installerCompany = try await Organization.find(installerCompanyID, on: db),
              let gridCompany = try await Organization.find(gridCompanyID, on: db) else { return }
        let facts = RegistrationNotificationFacts(
            installerCompanyName: installerCompany.name, electricalSafetyRegistration: installerCompany.electricalSafetyRegistration,
            gridCompanyName: gridCompany.name, link: publicURL + SitePath.adminRegistrations.relative)
        let (organizationID, role): (UUID, Role) = event == .requested ? (gridCompanyID, .gridAdmin) : (installerCompanyID, .installerAdmin)
        let admins = try await User.query(on: db)
            .filter(\.$organization.$id == organizationID).filter(\.$role == role).filter(\.$isActive == true)
            .all()
        for recipient in Set(admins.map(\.email)).sorted() {
            try await OutboxMessage(caseID: nil, event: event.outboxEvent, recipient: recipient,
                                    subject: RegistrationNotificationText.subject(event, facts),
                                    body: RegistrationNotificationText.body(event, facts), at: now)
                .create(on: db)
        }
    }
}

import Fluent
import GridcaseDomain
import SQLKit
import Vapor

/// An installer company asks to file cases with a grid company; the grid company's admin approves or denies.
/// Each step is one conditional statement: a double click or two admins at once change it once.
struct Registrations {
    enum RequestOutcome: Equatable {
        case requested
        case alreadyRequestedOrApproved
        case notAGridCompany
    }

    let database: any Database
    let clock: any AppClock
    let notifier: RegistrationNotifier

    /// A new request, or a denied one asked again; the grid company's admins get an e-mail (through the
    /// outbox, in the same transaction). A request already pending or approved changes nothing and sends none.
    func request(installerCompanyID: UUID, gridCompanyID: UUID) async throws -> RequestOutcome {
        guard let grid = try await Organization.find(gridCompanyID, on: database), grid.kind == .gridCompany else {
            return .notAGridCompany
        }
        return try await database.transaction { db in
            let sql = db as! any SQLDatabase
            let now = clock.now()
            let requested = Registration.Status.requested.rawValue
            let askedAgain = try await sql.raw("""
                UPDATE registrations SET status = \(bind: requested), requested_at = \(bind: now), decided_at = NULL
                WHERE installer_company_id = \(bind: installerCompanyID) AND grid_company_id = \(bind: gridCompanyID)
                  AND status = \(bind: Registration.Status.denied.rawValue) RETURNING id
                """).first()
            // The unique key on the two companies keeps one row when the same request comes twice at once.
            let askedFirst = askedAgain != nil ? nil : try await sql.raw("""
                INSERT INTO registrations (id, installer_company_id, grid_company_id, status, requested_at)
                VALUES (\(bind: UUID()), \(bind: installerCompanyID), \(bind: gridCompanyID), \(bind: requested), \(bind: now))
                ON CONFLICT DO NOTHING RETURNING id
                """).first()
            guard askedAgain != nil || askedFirst != nil else { return .alreadyRequestedOrApproved }
            try await notifier.enqueue(.requested, installerCompanyID: installerCompanyID, gridCompanyID: gridCompanyID, at: now, on: db)
            return .requested
        }
    }

    /// Approves or denies a pending request to `gridCompanyID`, and e-mails the installer company's admins in
    /// the same transaction; false when it was not pending (any more).
    func decide(_ registrationID: UUID, approve: Bool, gridCompanyID: UUID) async throws -> Bool {
        try await database.transaction { db in
            let now = clock.now()
            let row = try await (db as! any SQLDatabase).raw("""
                UPDATE registrations SET status = \(bind: (approve ? Registration.Status.approved : .denied).rawValue), decided_at = \(bind: now)
                WHERE id = \(bind: registrationID) AND grid_company_id = \(bind: gridCompanyID)
                  AND status = \(bind: Registration.Status.requested.rawValue) RETURNING installer_company_id
                """).first()
            guard let row else { return false }
            let installerCompanyID = try row.decode(column: "installer_company_id", as: UUID.self)
            try await notifier.enqueue(approve ? .approved : .denied, installerCompanyID: installerCompanyID,
                                       gridCompanyID: gridCompanyID, at: now, on: db)
            return true
        }
    }
}

extension Request {
    var registrations: Registrations {
        Registrations(database: db, clock: clock, notifier: RegistrationNotifier(publicURL: application.appConfig.publicURL))
    }
}

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

    /// A new request, or a denied one asked again.
    func request(installerCompanyID: UUID, gridCompanyID: UUID) async throws -> RequestOutcome {
        guard let grid = try await Organization.find(gridCompanyID, on: database), grid.kind == .gridCompany else {
            return .notAGridCompany
        }
        let now = clock.now()
        if let existing = try await Registration.query(on: database)
            .filter(\.$installerCompany.$id == installerCompanyID).filter(\.$gridCompany.$id == gridCompanyID).first() {
            let row = try await (database as! any SQLDatabase).raw("""
                UPDATE registrations SET status = \(bind: Registration.Status.requested.rawValue), requested_at = \(bind: now), decided_at = NULL
                WHERE id = \(bind: try existing.requireID()) AND status = \(bind: Registration.Status.denied.rawValue) RETURNING id
                """).first()
            return row == nil ? .alreadyRequestedOrApproved : .requested
        }
        do {
            try await Registration(installerCompanyID: installerCompanyID, gridCompanyID: gridCompanyID, status: .requested, requestedAt: now)
                .create(on: database)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return .alreadyRequestedOrApproved // the same request twice at once: the unique key kept one
        }
        return .requested
    }

    /// Approves or denies a pending request to `gridCompanyID`; false when it was not pending (any more).
    func decide(_ registrationID: UUID, approve: Bool, gridCompanyID: UUID) async throws -> Bool {
        let status: Registration.Status = approve ? .approved : .denied
        let row = try await (database as! any SQLDatabase).raw("""
            UPDATE registrations SET status = \(bind: status.rawValue), decided_at = \(bind: clock.now())
            WHERE id = \(bind: registrationID) AND grid_company_id = \(bind: gridCompanyID)
              AND status = \(bind: Registration.Status.requested.rawValue) RETURNING id
            """).first()
        return row != nil
    }
}

extension Request {
    var registrations: Registrations { Registrations(database: db, clock: clock) }
}

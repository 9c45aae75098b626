import Fluent
import Foundation
import GridcaseDomain
import Vapor

/// Records accesses to personal data: who, in which organisation, which case, what, when (UTC) and for
/// what purpose. Every page that shows a case's personal data records itself here as it is built.
struct AccessLog {
    let database: any Database
    let clock: any AppClock

    /// The purpose a user's work gives them for seeing a customer's data.
    static func purpose(of user: CurrentUser) -> String {
        switch user.organizationKind {
        case .installerCompany: "Anmälan till nätbolaget"
        case .gridCompany: "Handläggning av anmälan"
        case .operator: "Drift och support"
        }
    }

    func record(_ action: AccessLogEntry.Action, cases caseIDs: [UUID?], by user: CurrentUser) async throws {
        guard !caseIDs.isEmpty else { return }
        let now = clock.now()
        // One INSERT for all of them (a search page logs up to a page of cases).
        try await caseIDs.map {
            AccessLogEntry(at: now, userID: user.id, organizationID: user.organizationID, caseID: $0,
                           action: action, purpose: Self.purpose(of: user))
        }.create(on: database)
    }
}

extension Request {
    var accessLog: AccessLog { AccessLog(database: db, clock: clock) }

    /// Records that this request shows `action` on one case to the signed-in user.
    func recordAccess(_ action: AccessLogEntry.Action, to record: Case) async throws {
        try await accessLog.record(action, cases: [try record.requireID()], by: try currentUser)
    }
}

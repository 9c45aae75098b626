import Fluent
import GridcaseDomain
import SQLKit
import Vapor

/// Ta ärendet and Tilldela: which of the grid company's handlers works on a case.
struct CaseAssignment {
    enum Outcome: Equatable {
        case assigned(handlerName: String)
        /// The case already had this handler.
        case unchanged
        case refused(String)
    }

    let database: any Database
    let clock: any AppClock

    /// The grid company's active users who may handle cases, by name.
    static func handlers(of gridCompanyID: UUID, on db: any Database) async throws -> [User] {
        try await User.query(on: db)
            .filter(\.$organization.$id == gridCompanyID)
            .filter(\.$role ~~ [Role.caseHandler, Role.gridAdmin])
            .filter(\.$isActive == true)
            .sort(\.$name).all()
    }

    func assign(_ record: Case, to handlerID: UUID, by user: CurrentUser) async throws -> Outcome {
        guard CaseWorkflow.mayAssign(record.status, by: user.role) else {
            return .refused("Ärendet har status \(record.status.swedishName) och kan inte tilldelas.")
        }
        guard let handler = try await Self.handlers(of: record.$gridCompany.id, on: database).first(where: { $0.id == handlerID }) else {
            return .refused("Välj en av nätbolagets handläggare.")
        }
        guard record.$assignedHandler.id != handlerID else { return .unchanged }
        let caseID = try record.requireID()
        let now = clock.now()
        let open = CaseStatus.allCases.filter { CaseWorkflow.mayAssign($0, by: .caseHandler) }.map(\.rawValue)
        let assigned = try await database.transaction { db -> Bool in
            let sql = db as! any SQLDatabase
            let row = try await sql.raw("""
                UPDATE cases SET assigned_handler_id = \(bind: handlerID), updated_at = \(bind: now)
                WHERE id = \(bind: caseID) AND status IN (\(binds: open)) RETURNING id
                """).first()
            guard row != nil else { return false }
            try await CaseEvent(caseID: caseID, actorID: user.id, at: now, kind: .assigned, changes: handler.name).create(on: db)
            return true
        }
        return assigned ? .assigned(handlerName: handler.name) : .refused("Ärendet har avslutats och kan inte tilldelas.")
    }
}

extension Request {
    var caseAssignment: CaseAssignment { CaseAssignment(database: db, clock: clock) }
}

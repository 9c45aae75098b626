import Fluent
import GridcaseDomain
import SQLKit
import Vapor

/// Reads and sets a grid company's service-level targets.
struct ServiceLevelStore {
    let database: any Database

    func targets(for gridCompanyID: UUID) async throws -> ServiceLevelTargets {
        let rows = try await (database as! any SQLDatabase).raw("""
            SELECT step, working_days FROM service_level_targets WHERE grid_company_id = \(bind: gridCompanyID)
            """).all()
        var days: [ServiceLevelStep: Int] = [:]
        for row in rows {
            if let step = ServiceLevelStep(rawValue: try row.decode(column: "step", as: String.self)) {
                days[step] = try row.decode(column: "working_days", as: Int.self)
            }
        }
        return ServiceLevelTargets(days)
    }

    func set(_ targets: ServiceLevelTargets, for gridCompanyID: UUID) async throws {
        try await database.transaction { db in
            let sql = db as! any SQLDatabase
            try await sql.raw("DELETE FROM service_level_targets WHERE grid_company_id = \(bind: gridCompanyID)").run()
            for step in ServiceLevelStep.allCases {
                try await sql.raw("""
                    INSERT INTO service_level_targets (grid_company_id, step, working_days)
                    VALUES (\(bind: gridCompanyID), \(bind: step.rawValue), \(bind: targets[step]))
                    """).run()
            }
        }
    }
}

extension Request {
    var serviceLevels: ServiceLevelStore { ServiceLevelStore(database: db) }
}

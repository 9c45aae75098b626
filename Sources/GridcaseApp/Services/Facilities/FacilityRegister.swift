import Fluent
import GridcaseDomain
import SQLKit
import Vapor

/// Where a grid company's facility data comes from: the embedded register or the company's own system.
protocol FacilityRegister: Sendable {
    func lookUp(_ key: FacilityLookupKey) async -> FacilityLookupOutcome
}

enum FacilityRegisters {
    /// The register configured for the grid company.
    static func register(for gridCompany: Organization, database: any Database, client: any Client, logger: Logger) throws -> any FacilityRegister {
        if let url = gridCompany.facilityRegisterURL, !url.isEmpty {
            return HTTPFacilityRegister(baseURL: url, token: gridCompany.facilityRegisterToken ?? "", client: client, logger: logger)
        }
        return EmbeddedFacilityRegister(database: database, gridCompanyID: try gridCompany.requireID(), logger: logger)
    }
}

/// The register imported into Gridcase's own database.
struct EmbeddedFacilityRegister: FacilityRegister {
    let database: any Database
    let gridCompanyID: UUID
    let logger: Logger

    func lookUp(_ key: FacilityLookupKey) async -> FacilityLookupOutcome {
        do {
            let sql = database as! any SQLDatabase
            let rows: [any SQLRow]
            if let gsrn = key.gsrn {
                rows = try await sql.raw("""
                    SELECT * FROM facilities WHERE grid_company_id = \(bind: gridCompanyID) AND gsrn = \(bind: gsrn.normalized)
                    """).all()
            } else {
                // No ORDER BY: it would lead the planner to the (grid company, gsrn) index and a scan.
                rows = try await sql.raw("""
                    SELECT * FROM facilities WHERE grid_company_id = \(bind: gridCompanyID)
                    AND meter_number = \(bind: key.meterNumber ?? "") LIMIT 2
                    """).all()
            }
            if rows.count > 1 {
                return .invalidInput("Mätarnumret finns på flera anläggningar i registret. Ange anläggnings-ID (EAN) i stället.")
            }
            let row = rows.first
            guard let row else {
                return .notFound(key.gsrn != nil ? "Anläggnings-ID:t finns inte i nätbolagets register."
                                                 : "Mätarnumret finns inte i nätbolagets register.")
            }
            let record = try FacilityTable.record(from: row)
            return key.matches(record) ? .found(record) : .mismatch
        } catch {
            logger.error("Facility register lookup failed", metadata: ["error": "\(String(reflecting: error))"])
            return .unavailable("databasfel")
        }
    }
}

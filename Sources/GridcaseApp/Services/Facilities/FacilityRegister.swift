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
            let row: (any SQLRow)?
            if let gsrn = key.gsrn {
                row = try await sql.raw("""
                    SELECT * FROM facilities WHERE grid_company_id = \(bind: gridCompanyID) AND gsrn = \(bind: gsrn.normalized)
                    """).first()
            } else {
                row = try await sql.raw("""
                    SELECT * FROM facilities WHERE grid_company_id = \(bind: gridCompanyID)
                    AND meter_number = \(bind: key.meterNumber ?? "") ORDER BY gsrn LIMIT 1
                    """).first()
            }
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

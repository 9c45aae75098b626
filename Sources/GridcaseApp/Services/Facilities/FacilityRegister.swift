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
            switch try match(try await rows(for: key, apiTokenHash: false), key: key) {
            case .success(let document): return .found(try FacilityTable.record(fromDocument: document))
            case .failure(let outcome): return outcome
            }
        } catch {
            return failed(error)
        }
    }

    /// A lookup over the register API, in one database round trip with the token check: nil when `tokenHash`
    /// is not the grid company's API token hash (or there is no such grid company); otherwise the stored JSON
    /// document, or the outcome that says why there is none.
    func document(for key: FacilityLookupKey, authorizedByTokenHash tokenHash: String) async -> Result<String, FacilityLookupOutcome>? {
        do {
            let rows = try await rows(for: key, apiTokenHash: true)
            guard let expected = try rows.first?.decode(column: "api_token_hash", as: String?.self),
                  SecureToken.constantTimeEquals(tokenHash, expected) else { return nil }
            return try match(rows.filter { try $0.decode(column: "gsrn", as: String?.self) != nil }, key: key)
        } catch {
            return .failure(failed(error))
        }
    }

    /// At most two facilities for `key`. With `apiTokenHash` the grid company's row leads (joined to its
    /// facilities), so an unknown company gives no rows and a known one at least one.
    private func rows(for key: FacilityLookupKey, apiTokenHash: Bool) async throws -> [any SQLRow] {
        let sql = database as! any SQLDatabase
        let match: SQLQueryString = if let gsrn = key.gsrn {
            "f.gsrn = \(bind: gsrn.normalized)"
        } else {
            "f.meter_number = \(bind: key.meterNumber ?? "")"
        }
        // No ORDER BY: it would lead the planner to the (grid company, gsrn) key and a scan for meter numbers.
        if apiTokenHash {
            return try await sql.raw("""
                SELECT o.register_api_token_hash AS api_token_hash, f.gsrn, f.meter_number, f.record FROM organizations o
                LEFT JOIN facility_records f ON f.grid_company_id = o.id AND \(match)
                WHERE o.id = \(bind: gridCompanyID) AND o.kind = \(bind: OrganizationKind.gridCompany.rawValue) LIMIT 2
                """).all()
        }
        return try await sql.raw("""
            SELECT f.gsrn, f.meter_number, f.record FROM facility_records f
            WHERE f.grid_company_id = \(bind: gridCompanyID) AND \(match) LIMIT 2
            """).all()
    }

    /// The one facility's document, or why there is none.
    private func match(_ rows: [any SQLRow], key: FacilityLookupKey) throws -> Result<String, FacilityLookupOutcome> {
        if rows.count > 1 {
            return .failure(.invalidInput("Mätarnumret finns på flera anläggningar i registret. Ange anläggnings-ID (EAN) i stället."))
        }
        guard let row = rows.first else {
            return .failure(.notFound(key.gsrn != nil ? "Anläggnings-ID:t finns inte i nätbolagets register."
                                                      : "Mätarnumret finns inte i nätbolagets register."))
        }
        var keys = FacilityRecord(gsrn: try row.decode(column: "gsrn", as: String.self))
        keys.meterNumber = try row.decode(column: "meter_number", as: String?.self)
        return key.matches(keys) ? .success(try FacilityTable.document(of: row)) : .failure(.mismatch)
    }

    private func failed(_ error: any Error) -> FacilityLookupOutcome {
        logger.error("Facility register lookup failed", metadata: ["error": "\(String(reflecting: error))"])
        return .unavailable("databasfel")
    }
}

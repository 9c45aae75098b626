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

/// The register imported into Gridcase's own database, read through Fluent. (On SQLite the register API
/// reads through `SQLiteRegisterReader` instead, with the same answers.)
struct EmbeddedFacilityRegister: FacilityRegister {
    let database: any Database
    let gridCompanyID: UUID
    let logger: Logger

    func lookUp(_ key: FacilityLookupKey) async -> FacilityLookupOutcome {
        do {
            let rows = try await rows(for: key, apiTokenHash: false).get().map(RegisterLookupRow.init(row:))
            switch try Self.match(rows, key: key) {
            case .success(let document): return .found(try FacilityTable.record(fromDocument: document))
            case .failure(let outcome): return outcome
            }
        } catch {
            return Self.failed(error, logger: logger)
        }
    }

    /// A lookup over the register API, in one database round trip with the token check: nil when `tokenHash`
    /// is not the grid company's API token hash (or there is no such grid company); otherwise the stored JSON
    /// document, or the outcome that says why there is none. A future, not async: see `RegisterAPIController`.
    func document(for key: FacilityLookupKey, authorizedByTokenHash tokenHash: String) -> EventLoopFuture<Result<String, FacilityLookupOutcome>?> {
        let rows = rows(for: key, apiTokenHash: true).flatMapThrowing { try $0.map(RegisterLookupRow.init(row:)) }
        return Self.answer(rows, for: key, authorizedByTokenHash: tokenHash, logger: logger)
    }

    /// The register API's answer from the rows of its query, however they were read.
    static func answer(_ rows: EventLoopFuture<[RegisterLookupRow]>, for key: FacilityLookupKey,
                       authorizedByTokenHash tokenHash: String, logger: Logger) -> EventLoopFuture<Result<String, FacilityLookupOutcome>?> {
        rows.flatMapThrowing { rows -> Result<String, FacilityLookupOutcome>? in
            guard let expected = rows.first?.apiTokenHash, SecureToken.constantTimeEquals(tokenHash, expected) else { return nil }
            return try match(rows.filter { $0.gsrn != nil }, key: key)
        }.recover { error in
            .failure(failed(error, logger: logger))
        }
    }

    /// At most two facilities for `key`. With `apiTokenHash` the grid company's row leads (joined to its
    /// facilities), so an unknown company gives no rows and a known one at least one.
    private func rows(for key: FacilityLookupKey, apiTokenHash: Bool) -> EventLoopFuture<[any SQLRow]> {
        let sql = database as! any SQLDatabase
        let match: SQLQueryString = if let gsrn = key.gsrn {
            "f.gsrn = \(bind: gsrn.normalized)"
        } else {
            "f.meter_number = \(bind: key.meterNumber ?? "")"
        }
        // No ORDER BY: it would lead the planner to the (grid company, gsrn) key and a scan for meter numbers.
        if apiTokenHash {
            return sql.raw("""
                SELECT o.register_api_token_hash AS api_token_hash, f.gsrn, f.meter_number, f.record FROM organizations o
                LEFT JOIN facility_records f ON f.grid_company_id = o.id AND \(match)
                WHERE o.id = \(bind: gridCompanyID) AND o.kind = \(bind: OrganizationKind.gridCompany.rawValue) LIMIT 2
                """).all()
        }
        return sql.raw("""
            SELECT f.gsrn, f.meter_number, f.record FROM facility_records f
            WHERE f.grid_company_id = \(bind: gridCompanyID) AND \(match) LIMIT 2
            """).all()
    }

    /// The one facility's document, or why there is none.
    private static func match(_ rows: [RegisterLookupRow], key: FacilityLookupKey) throws -> Result<String, FacilityLookupOutcome> {
        if rows.count > 1 {
            return .failure(.invalidInput("Mätarnumret finns på flera anläggningar i registret. Ange anläggnings-ID (EAN) i stället."))
        }
        guard let row = rows.first, let gsrn = row.gsrn, let document = row.record else {
            return .failure(.notFound(key.gsrn != nil ? "Anläggnings-ID:t finns inte i nätbolagets register."
                                                      : "Mätarnumret finns inte i nätbolagets register."))
        }
        var keys = FacilityRecord(gsrn: gsrn)
        keys.meterNumber = row.meterNumber
        return key.matches(keys) ? .success(document) : .failure(.mismatch)
    }

    private static func failed(_ error: any Error, logger: Logger) -> FacilityLookupOutcome {
        logger.error("Facility register lookup failed", metadata: ["error": "\(String(reflecting: error))"])
        return .unavailable("databasfel")
    }
}

extension RegisterLookupRow {
    /// A row of Fluent's SQL; the API token hash only where the query selected it.
    init(row: any SQLRow) throws {
        apiTokenHash = row.contains(column: "api_token_hash") ? try row.decode(column: "api_token_hash", as: String?.self) : nil
        gsrn = try row.decode(column: "gsrn", as: String?.self)
        meterNumber = try row.decode(column: "meter_number", as: String?.self)
        record = try row.decode(column: "record", as: String?.self)
    }
}

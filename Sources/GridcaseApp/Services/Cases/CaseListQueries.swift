import Fluent
import GridcaseDomain
import SQLKit
import Vapor

/// The filter of a case list.
struct CaseListFilter: Codable, Equatable, Sendable {
    var status: CaseStatus?
    var gridCompanyID: UUID?
    /// Matches case number, address, anläggnings-ID or mätarnummer, or exactly an owner's or billing party's
    /// personnummer / organisationsnummer (through its keyed hash: nothing is decrypted to search).
    var search: String?
    var oldestFirst = false
}

/// One row of a case list.
struct CaseListRow: Encodable, Sendable {
    let id: UUID
    let href: String
    let caseNumber: String
    let heading: String
    let statusName: String
    let status: String
    let gridCompanyName: String
    let installerCompanyName: String
    let address: String
    let createdAt: String
    let submittedAt: String
}

/// The SQL behind case lists, one query for the rows and one for the count; runs unchanged on SQLite and
/// PostgreSQL.
enum CaseListQueries {
    static let pageSize = 25

    /// Whose cases a list shows: an installer company's own, or those sent to a grid company (never drafts).
    enum Scope {
        case installerCompany(UUID)
        case gridCompany(UUID)
    }

    /// The keyed hashes an exact identity number in `search` would be stored under.
    static func identityHashes(of search: String, cipher: PersonalDataCipher, today: CalendarDate) -> [String] {
        var normalized: [String] = []
        if let person = try? PersonalIdentityNumber(parsing: search, today: today) { normalized.append(person.normalized) }
        if let organization = try? OrganizationNumber(parsing: search) { normalized.append(organization.normalized) }
        return normalized.map(cipher.searchHash)
    }

    static func cases(
        _ scope: Scope, filter: CaseListFilter, page: Int, identityHashes: [String] = [], on db: any Database
    ) async throws -> (rows: [CaseListRow], total: Int) {
        let sql = db as! any SQLDatabase
        var conditions: SQLQueryString
        switch scope {
        case .installerCompany(let id):
            conditions = "c.installer_company_id = \(bind: id)"
        case .gridCompany(let id):
            conditions = "c.grid_company_id = \(bind: id) AND c.status <> \(bind: CaseStatus.draft.rawValue)"
        }
        if let status = filter.status { conditions += " AND c.status = \(bind: status.rawValue)" }
        if let grid = filter.gridCompanyID { conditions += " AND c.grid_company_id = \(bind: grid)" }
        if let search = filter.search?.trimmingCharacters(in: .whitespaces), !search.isEmpty {
            let pattern = "%" + escapeLike(search.lowercased()) + "%"
            let digits = search.filter(\.isNumber)
            var any: SQLQueryString = "lower(c.case_number) LIKE \(bind: pattern) ESCAPE '\\'"
                + " OR lower(coalesce(c.street_address, '')) LIKE \(bind: pattern) ESCAPE '\\'"
                + " OR lower(coalesce(c.meter_number, '')) LIKE \(bind: pattern) ESCAPE '\\'"
            if !digits.isEmpty {
                any += " OR coalesce(c.facility_id, '') LIKE \(bind: "%" + digits + "%")"
            }
            for hash in identityHashes {
                any += " OR c.owner_identity_hash = \(bind: hash) OR c.billing_identity_hash = \(bind: hash)"
            }
            conditions += " AND (" + any + ")"
        }

        let countRow = try await sql.raw("SELECT count(*) AS n FROM cases c WHERE " + conditions).first()
        let total = try countRow?.decode(column: "n", as: Int.self) ?? 0
        let order: SQLQueryString = filter.oldestFirst ? "c.created_at ASC, c.case_number ASC" : "c.created_at DESC, c.case_number DESC"
        let offset = max(0, page - 1) * pageSize
        let rows = try await sql.raw("""
            SELECT c.id, c.case_number, c.installation_type, c.status, c.street_address, c.city, c.created_at,
                   c.submitted_at, j.name AS job_type_name, g.name AS grid_company_name, i.name AS installer_company_name
            FROM cases c
            JOIN job_types j ON j.id = c.job_type_id
            JOIN organizations g ON g.id = c.grid_company_id
            JOIN organizations i ON i.id = c.installer_company_id
            WHERE
            """ + " " + conditions + " ORDER BY " + order + " LIMIT \(unsafeRaw: String(pageSize)) OFFSET \(unsafeRaw: String(offset))").all()

        return (try rows.map(row), total)
    }

    private static func row(_ row: any SQLRow) throws -> CaseListRow {
        let id = try row.decode(column: "id", as: UUID.self)
        let type = InstallationType(rawValue: try row.decode(column: "installation_type", as: String.self))
        let status = CaseStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .draft
        let street = try row.decode(column: "street_address", as: String?.self) ?? ""
        let city = try row.decode(column: "city", as: String?.self) ?? ""
        return CaseListRow(
            id: id,
            href: SitePath.caseDetail(.value(id)).relative,
            caseNumber: try row.decode(column: "case_number", as: String.self),
            heading: "\(type?.swedishName ?? "") - \(try row.decode(column: "job_type_name", as: String.self))",
            statusName: status.swedishName,
            status: status.rawValue,
            gridCompanyName: try row.decode(column: "grid_company_name", as: String.self),
            installerCompanyName: try row.decode(column: "installer_company_name", as: String.self),
            address: [street, city].filter { !$0.isEmpty }.joined(separator: ", "),
            createdAt: DisplayFormat.dateTime(try row.decode(column: "created_at", as: Date.self)),
            submittedAt: try row.decode(column: "submitted_at", as: Date?.self).map(DisplayFormat.dateTime) ?? ""
        )
    }

    /// `text` as a literal inside a LIKE pattern with `ESCAPE '\'`.
    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}

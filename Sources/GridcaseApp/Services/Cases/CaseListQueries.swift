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
    // The grid company's inbox also filters by these.
    var gridAreaID: UUID?
    var installationType: InstallationType?
    var jobTypeID: UUID?
    /// Cases assigned to this handler ("Mina" is the user's own id).
    var handlerID: UUID?
    /// Cases no handler has taken yet.
    var unassigned = false
    /// Cases past their service-level target.
    var overdue = false
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
    let handlerName: String
    /// Working days since the case got its status.
    let daysInStatus: Int
    /// Past the grid company's service-level target for its status.
    let isOverdue: Bool
    /// The last day of the target, when the status waits on the grid company.
    let dueDate: String?
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
        _ scope: Scope, filter: CaseListFilter, page: Int, identityHashes: [String] = [], now: Date,
        targets: ServiceLevelTargets = ServiceLevelTargets(), on db: any Database
    ) async throws -> (rows: [CaseListRow], total: Int) {
        let today = CalendarDay.date(of: now)
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
        if let area = filter.gridAreaID { conditions += " AND c.grid_area_id = \(bind: area)" }
        if let type = filter.installationType { conditions += " AND c.installation_type = \(bind: type.rawValue)" }
        if let jobType = filter.jobTypeID { conditions += " AND c.job_type_id = \(bind: jobType)" }
        if let handler = filter.handlerID { conditions += " AND c.assigned_handler_id = \(bind: handler)" }
        if filter.unassigned { conditions += " AND c.assigned_handler_id IS NULL" }
        if filter.overdue {
            // A case is overdue when its status began on or before the step's last overdue start date.
            var late: [SQLQueryString] = []
            for step in ServiceLevelStep.allCases {
                let cutoff = CalendarDay.start(of: targets.lastOverdueStart(step, today: today).adding(days: 1))
                late.append("(c.status = \(bind: step.status.rawValue) AND c.status_changed_at < \(bind: cutoff))")
            }
            conditions += " AND (" + late.joined(separator: " OR ") + ")"
        }
        if let search = filter.search?.trimmingCharacters(in: .whitespaces), !search.isEmpty {
            let pattern = "%" + escapeLike(search.lowercased()) + "%"
            let digits = search.filter(\.isNumber)
            var any: SQLQueryString = "lower(c.case_number) LIKE \(bind: pattern) ESCAPE '\\'"
                + " OR lower(coalesce(c.street_address, '')) LIKE \(bind: pattern) ESCAPE '\\'"
                + " OR lower(coalesce(c.meter_number, '')) LIKE \(bind: pattern) ESCAPE '\\'"
            if case .gridCompany = scope {
                any += " OR lower(i.name) LIKE \(bind: pattern) ESCAPE '\\'"
            }
            if !digits.isEmpty {
                any += " OR coalesce(c.facility_id, '') LIKE \(bind: "%" + digits + "%")"
            }
            for hash in identityHashes {
                any += " OR c.owner_identity_hash = \(bind: hash) OR c.billing_identity_hash = \(bind: hash)"
            }
            conditions += " AND (" + any + ")"
        }

        let countRow = try await sql.raw("SELECT count(*) AS n FROM cases c JOIN organizations i ON i.id = c.installer_company_id WHERE "
            + conditions).first()
        let total = try countRow?.decode(column: "n", as: Int.self) ?? 0
        // The installer's list by creation; the inbox by how long the case has waited in its status.
        let age: SQLQueryString = if case .gridCompany = scope { "coalesce(c.status_changed_at, c.updated_at)" } else { "c.created_at" }
        let order: SQLQueryString = age + (filter.oldestFirst ? " ASC, c.case_number ASC" : " DESC, c.case_number DESC")
        let offset = max(0, page - 1) * pageSize
        let rows = try await sql.raw("""
            SELECT c.id, c.case_number, c.installation_type, c.status, c.street_address, c.city, c.created_at,
                   c.submitted_at, coalesce(c.status_changed_at, c.updated_at) AS status_since,
                   j.name AS job_type_name, g.name AS grid_company_name, i.name AS installer_company_name, h.name AS handler_name
            FROM cases c
            JOIN job_types j ON j.id = c.job_type_id
            JOIN organizations g ON g.id = c.grid_company_id
            JOIN organizations i ON i.id = c.installer_company_id
            LEFT JOIN users h ON h.id = c.assigned_handler_id
            WHERE
            """ + " " + conditions + " ORDER BY " + order + " LIMIT \(unsafeRaw: String(pageSize)) OFFSET \(unsafeRaw: String(offset))").all()

        return (try rows.map { try row($0, today: today, targets: targets) }, total)
    }

    /// How many of the grid company's sent cases have each status.
    static func countsByStatus(gridCompanyID: UUID, on db: any Database) async throws -> [CaseStatus: Int] {
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT status, count(*) AS n FROM cases
            WHERE grid_company_id = \(bind: gridCompanyID) AND status <> \(bind: CaseStatus.draft.rawValue) GROUP BY status
            """).all()
        var counts: [CaseStatus: Int] = [:]
        for row in rows {
            if let status = CaseStatus(rawValue: try row.decode(column: "status", as: String.self)) {
                counts[status] = try row.decode(column: "n", as: Int.self)
            }
        }
        return counts
    }

    private static func row(_ row: any SQLRow, today: CalendarDate, targets: ServiceLevelTargets) throws -> CaseListRow {
        let id = try row.decode(column: "id", as: UUID.self)
        let type = InstallationType(rawValue: try row.decode(column: "installation_type", as: String.self))
        let status = CaseStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .draft
        let street = try row.decode(column: "street_address", as: String?.self) ?? ""
        let city = try row.decode(column: "city", as: String?.self) ?? ""
        let since = CalendarDay.date(of: try row.decode(column: "status_since", as: Date.self))
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
            submittedAt: try row.decode(column: "submitted_at", as: Date?.self).map(DisplayFormat.dateTime) ?? "",
            handlerName: try row.decode(column: "handler_name", as: String?.self) ?? "",
            daysInStatus: SwedishCalendar.workingDays(from: since, to: today),
            isOverdue: targets.isOverdue(status: status, since: since, today: today),
            dueDate: targets.dueDate(status: status, since: since)?.description
        )
    }

    /// `text` as a literal inside a LIKE pattern with `ESCAPE '\'`.
    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}

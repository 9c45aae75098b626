import Fluent
import GridcaseDomain
import Vapor

/// "Vem har sett ärendet?": a case's access log for the admins of its installer company and grid company,
/// filtered by date, as a page or as CSV.
struct CaseAccessLogController {
    struct Query: Decodable {
        var from: String?
        var to: String?
        var format: String?
    }

    @Sendable func show(req: Request) async throws -> Response {
        let record = try await req.authorizedCase(.followUpAccess)
        let caseID = try record.requireID()
        let query = try req.query.decode(Query.self)
        var errors: [String: String] = [:]
        let from = Self.day(query.from, key: "from", errors: &errors)
        let to = Self.day(query.to, key: "to", errors: &errors)

        var entries = AccessLogEntry.query(on: req.db).filter(\.$caseID == caseID).sort(\.$at, .descending)
        if let from { entries = entries.filter(\.$at >= DisplayFormat.startOfDay(from)) }
        if let to { entries = entries.filter(\.$at < DisplayFormat.startOfDay(to).addingTimeInterval(24 * 3600)) }
        let rows = try await AccessLogRows.load(try await entries.all(), on: req.db)

        if query.format == "csv", errors.isEmpty {
            var headers = HTTPHeaders()
            headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
            headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"atkomstlogg-\(record.caseNumber).csv\"")
            headers.replaceOrAdd(name: .cacheControl, value: "no-store")
            return Response(status: .ok, headers: headers, body: .init(string: AccessLogRows.csv(rows)))
        }
        let base = SitePath.caseAccessLog(.value(caseID)).relative
        var csvQuery: [String] = ["format=csv"]
        if let from = query.from, !from.isEmpty, errors["from"] == nil { csvQuery.append("from=" + from) }
        if let to = query.to, !to.isEmpty, errors["to"] == nil { csvQuery.append("to=" + to) }
        return try await req.render(CaseAccessLogPage(
            title: "Åtkomstlogg \(record.caseNumber)", header: CaseHeader(record), rows: rows,
            from: query.from ?? "", to: query.to ?? "", errors: errors, formAction: base,
            csvHref: base + "?" + csvQuery.joined(separator: "&"),
            backHref: SitePath.caseDetail(.value(caseID)).relative
        ), status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    /// A date from the filter form (YYYY-MM-DD), or nil; a malformed one is reported next to its field.
    private static func day(_ raw: String?, key: String, errors: inout [String: String]) -> CalendarDate? {
        guard let raw, !raw.isEmpty else { return nil }
        guard let date = CalendarDate(isoString: raw) else {
            errors[key] = "Ange ett datum som ÅÅÅÅ-MM-DD."
            return nil
        }
        return date
    }
}

struct CaseAccessLogPage: Page {
    static let template = "cases/access-log"
    let title: String
    let header: CaseHeader
    let rows: [AccessLogRows.Row]
    let from: String
    let to: String
    let errors: [String: String]
    let formAction: String
    let csvHref: String
    let backHref: String
}

/// Access log entries with the names of who and which organisation, for pages and CSV.
enum AccessLogRows {
    struct Row: Encodable, Sendable {
        let at: String
        let atUTC: String
        let userName: String
        let organizationName: String
        let action: String
        let purpose: String
    }

    static func load(_ entries: [AccessLogEntry], on db: any Database) async throws -> [Row] {
        let userIDs = Set(entries.map(\.userID)), organizationIDs = Set(entries.map(\.organizationID))
        let users = try await User.query(on: db).filter(\.$id ~~ Array(userIDs)).all()
        let organizations = try await Organization.query(on: db).filter(\.$id ~~ Array(organizationIDs)).all()
        let userNames = Dictionary(uniqueKeysWithValues: users.compactMap { user in user.id.map { ($0, user.name) } })
        let organizationNames = Dictionary(uniqueKeysWithValues: organizations.compactMap { org in org.id.map { ($0, org.name) } })
        let utc = ISO8601DateFormatter()
        return entries.map { entry in
            Row(at: DisplayFormat.dateTime(entry.at), atUTC: utc.string(from: entry.at),
                userName: userNames[entry.userID] ?? "(okänd användare)",
                organizationName: organizationNames[entry.organizationID] ?? "(okänd organisation)",
                action: entry.action.swedishName, purpose: entry.purpose)
        }
    }

    /// RFC 4180 CSV with a header row; times in UTC.
    static func csv(_ rows: [Row]) -> String {
        func field(_ text: String) -> String {
            // A leading =, +, - or @ would be a formula in a spreadsheet: quote it as text.
            let safe = ["=", "+", "-", "@"].contains(where: text.hasPrefix) ? "'" + text : text
            return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        let header = ["tidpunkt_utc", "anvandare", "organisation", "atgard", "syfte"].joined(separator: ",")
        let lines = rows.map { [$0.atUTC, $0.userName, $0.organizationName, $0.action, $0.purpose].map(field).joined(separator: ",") }
        return ([header] + lines).joined(separator: "\r\n") + "\r\n"
    }
}

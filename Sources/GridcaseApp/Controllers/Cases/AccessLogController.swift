import Fluent
import GridcaseDomain
import Vapor

/// The access log's follow-up: "vem har sett ärendet?" for a case (the admins of its installer company and grid
/// company) and "vems uppgifter har användaren sett?" for a user (the admins of the user's organisation),
/// filtered by date, as a page or as CSV.
struct AccessLogController {
    struct Query: Decodable {
        var from: String?
        var to: String?
        var format: String?
    }

    @Sendable func forCase(req: Request) async throws -> Response {
        let record = try await req.authorizedCase(.followUpAccess)
        let caseID = try record.requireID()
        return try await respond(req, entries: AccessLogEntry.query(on: req.db).filter(\.$caseID == caseID),
                                 page: .init(title: "Åtkomstlogg \(record.caseNumber)", heading: "Åtkomstlogg \(record.caseNumber)",
                                             intro: "Vem har sett personuppgifterna i ärendet, när och i vilket syfte.",
                                             base: SitePath.caseAccessLog(.value(caseID)).relative,
                                             backHref: SitePath.caseDetail(.value(caseID)).relative, backLabel: "Tillbaka till ärendet",
                                             fileName: "atkomstlogg-\(record.caseNumber).csv", showsUser: true))
    }

    @Sendable func forUser(req: Request) async throws -> Response {
        let id = try req.uuidParameter(SitePath.userIDKey)
        guard let user = try await User.find(id, on: req.db) else { throw Abort(.notFound) }
        try req.authorize(.followUpAccessLog, ownerOrganizationID: user.$organization.id)
        return try await respond(req, entries: AccessLogEntry.query(on: req.db).filter(\.$userID == id),
                                 page: .init(title: "Åtkomster av \(user.name)", heading: "Åtkomster av \(user.name)",
                                             intro: "Vilka ärendens personuppgifter användaren har sett, när och i vilket syfte.",
                                             base: SitePath.adminUserAccessLog(.value(id)).relative,
                                             backHref: SitePath.adminUser(.value(id)).relative, backLabel: "Tillbaka till användaren",
                                             fileName: "atkomster-anvandare.csv", showsUser: false))
    }

    struct PageText {
        let title: String
        let heading: String
        let intro: String
        let base: String
        let backHref: String
        let backLabel: String
        let fileName: String
        let showsUser: Bool
    }

    private func respond(_ req: Request, entries query: QueryBuilder<AccessLogEntry>, page text: PageText) async throws -> Response {
        let form = try req.query.decode(Query.self)
        var errors: [String: String] = [:]
        let from = Self.day(form.from, key: "from", errors: &errors)
        let to = Self.day(form.to, key: "to", errors: &errors)
        var entries = query.sort(\.$at, .descending)
        if let from { entries = entries.filter(\.$at >= DisplayFormat.startOfDay(from)) }
        if let to { entries = entries.filter(\.$at < DisplayFormat.startOfDay(to).addingTimeInterval(24 * 3600)) }
        let rows = try await AccessLogRows.load(try await entries.all(), on: req.db)

        if form.format == "csv", errors.isEmpty {
            var headers = HTTPHeaders()
            headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
            headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(text.fileName)\"")
            headers.replaceOrAdd(name: .cacheControl, value: "no-store")
            return Response(status: .ok, headers: headers, body: .init(string: AccessLogRows.csv(rows)))
        }
        var csvQuery: [String] = ["format=csv"]
        if let from = form.from, !from.isEmpty, errors["from"] == nil { csvQuery.append("from=" + from) }
        if let to = form.to, !to.isEmpty, errors["to"] == nil { csvQuery.append("to=" + to) }
        return try await req.render(AccessLogPage(
            title: text.title, heading: text.heading, intro: text.intro, rows: rows, showsUser: text.showsUser,
            from: form.from ?? "", to: form.to ?? "", errors: errors, formAction: text.base,
            csvHref: text.base + "?" + csvQuery.joined(separator: "&"), backHref: text.backHref, backLabel: text.backLabel
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

struct AccessLogPage: Page {
    static let template = "cases/access-log"
    let title: String
    let heading: String
    let intro: String
    let rows: [AccessLogRows.Row]
    let showsUser: Bool
    let from: String
    let to: String
    let errors: [String: String]
    let formAction: String
    let csvHref: String
    let backHref: String
    let backLabel: String
}

/// Access log entries with the names of who and which organisation, for pages and CSV.
enum AccessLogRows {
    struct Row: Encodable, Sendable {
        let at: String
        let atUTC: String
        let caseNumber: String
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
        let caseIDs: [UUID] = Array(Set(entries.compactMap { $0.caseID }))
        let cases = try await Case.query(on: db).filter(\.$id ~~ caseIDs).all()
        let caseNumbers = Dictionary(uniqueKeysWithValues: cases.compactMap { record in record.id.map { ($0, record.caseNumber) } })
        let utc = ISO8601DateFormatter()
        return entries.map { entry in
            Row(at: DisplayFormat.dateTime(entry.at), atUTC: utc.string(from: entry.at),
                caseNumber: entry.caseID.flatMap { caseNumbers[$0] } ?? "(borttaget ärende)",
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
        let header = ["tidpunkt_utc", "arende", "anvandare", "organisation", "atgard", "syfte"].joined(separator: ",")
        let lines = rows.map { [$0.atUTC, $0.caseNumber, $0.userName, $0.organizationName, $0.action, $0.purpose].map(field).joined(separator: ",") }
        return ([header] + lines).joined(separator: "\r\n") + "\r\n"
    }
}

import Fluent
import GridcaseDomain
import Vapor

/// "Inkorg": the cases sent to the handler's grid company (never drafts), counted per status, filtered,
/// searched and sorted by how long they have waited. Filters are posted and kept in the session, like the
/// installer's list: search words may be addresses.
struct InboxController {
    static let listName = "inbox"

    struct FilterForm: Content {
        var status: String?
        var gridArea: String?
        var installationType: String?
        var jobType: String?
        /// A handler's id, "mine" or "none".
        var handler: String?
        /// "on": only cases past their service-level target.
        var overdue: String?
        var search: String?
        var sort: String?
        var clear: String?
        /// A status count's button: change only the status, keep the other filters.
        var onlyStatus: String?
    }

    @Sendable func inbox(req: Request) async throws -> Response {
        let user = try req.currentUser
        try req.authorize(.handleCases, ownerOrganizationID: user.organizationID)
        let filter = try await req.listFilters.load(Self.listName, as: CaseListFilter.self) ?? CaseListFilter(oldestFirst: true)
        let page = max(1, req.query[Int.self, at: "sida"] ?? 1)
        let targets = try await req.serviceLevels.targets(for: user.organizationID)
        let (rows, total) = try await CaseListQueries.cases(.gridCompany(user.organizationID), filter: filter, page: page,
                                                            now: req.clock.now(), targets: targets, on: req.db)
        if let search = filter.search, !search.isEmpty {
            try await req.accessLog.record(.searchHit, cases: rows.map(\.id), by: user)
        }
        return try await req.render(InboxPage(
            user: user, filter: filter, rows: rows, total: total, page: page,
            counts: try await CaseListQueries.countsByStatus(gridCompanyID: user.organizationID, on: req.db),
            areas: try await GridArea.query(on: req.db).filter(\.$gridCompany.$id == user.organizationID).sort(\.$name).all(),
            jobTypes: try await JobType.query(on: req.db).filter(\.$gridCompany.$id == user.organizationID).sort(\.$name).all(),
            handlers: try await CaseAssignment.handlers(of: user.organizationID, on: req.db)))
    }

    @Sendable func filter(req: Request) async throws -> Response {
        let user = try req.currentUser
        try req.authorize(.handleCases, ownerOrganizationID: user.organizationID)
        let form = try req.content.decode(FilterForm.self)
        var filter: CaseListFilter?
        if let onlyStatus = form.onlyStatus {
            filter = try await req.listFilters.load(Self.listName, as: CaseListFilter.self) ?? CaseListFilter(oldestFirst: true)
            filter?.status = CaseStatus(rawValue: onlyStatus)
        } else if form.clear == nil {
            filter = CaseListFilter(
                status: form.status.flatMap(CaseStatus.init),
                search: form.search.map { String($0.trimmingCharacters(in: .whitespaces).prefix(100)) }.flatMap { $0.isEmpty ? nil : $0 },
                oldestFirst: form.sort != "newest",
                gridAreaID: form.gridArea.flatMap(UUID.init(uuidString:)),
                installationType: form.installationType.flatMap(InstallationType.init),
                jobTypeID: form.jobType.flatMap(UUID.init(uuidString:)),
                handlerID: form.handler == "mine" ? user.id : form.handler.flatMap(UUID.init(uuidString:)),
                unassigned: form.handler == "none",
                overdue: form.overdue != nil)
        }
        try await req.listFilters.save(filter, for: Self.listName)
        return req.redirect(to: .inbox)
    }
}

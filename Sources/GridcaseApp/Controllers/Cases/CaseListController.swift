import Fluent
import GridcaseDomain
import Vapor

/// "Mina ärenden": everyone in an installer company sees the company's cases. Filters and search words
/// are posted and kept in the session; only the page number is in the URL.
struct CaseListController {
    static let listName = "cases"

    struct FilterForm: Content {
        var status: String?
        var gridCompany: String?
        var search: String?
        var sort: String?
        var clear: String?
    }

    @Sendable func list(req: Request) async throws -> Response {
        let user = try req.currentUser
        try req.authorize(.fileCases, ownerOrganizationID: user.organizationID)
        let filter = try await req.listFilters.load(Self.listName, as: CaseListFilter.self) ?? CaseListFilter()
        let page = max(1, req.query[Int.self, at: "sida"] ?? 1)
        let hashes = filter.search.map {
            CaseListQueries.identityHashes(of: $0, cipher: req.personalData, today: CalendarDay.today(req.clock))
        } ?? []
        let (rows, total) = try await CaseListQueries.cases(.installerCompany(user.organizationID), filter: filter, page: page,
                                                            identityHashes: hashes, now: req.clock.now(), on: req.db)
        if let search = filter.search, !search.trimmingCharacters(in: .whitespaces).isEmpty {
            // A search may match on personal data (an address, a personnummer): every case it shows is logged.
            try await req.accessLog.record(.searchHit, cases: rows.map(\.id), by: user)
        }
        let gridCompanies = try await RegistrationQueries.approvedGridCompanies(for: user.organizationID, on: req.db)
        let notice = req.query[String.self, at: "meddelande"] == "borttaget" ? "Utkastet är borttaget." : nil
        return try await req.render(CaseListPage(filter: filter, rows: rows, total: total, page: page,
                                                 gridCompanies: gridCompanies, notice: notice))
    }

    @Sendable func filter(req: Request) async throws -> Response {
        let user = try req.currentUser
        try req.authorize(.fileCases, ownerOrganizationID: user.organizationID)
        let form = try req.content.decode(FilterForm.self)
        let filter: CaseListFilter? = form.clear != nil ? nil : CaseListFilter(
            status: form.status.flatMap(CaseStatus.init),
            gridCompanyID: form.gridCompany.flatMap(UUID.init(uuidString:)),
            search: form.search.map { String($0.trimmingCharacters(in: .whitespaces).prefix(100)) }.flatMap { $0.isEmpty ? nil : $0 },
            oldestFirst: form.sort == "oldest"
        )
        try await req.listFilters.save(filter, for: Self.listName)
        return req.redirect(to: .cases)
    }
}

struct CaseListPage: Page {
    static let template = "cases/list"

    struct Option: Encodable, Sendable {
        let value: String
        let label: String
        let isSelected: Bool
    }

    struct PageLink: Encodable, Sendable {
        let label: String
        let href: String
        let isCurrent: Bool

        /// One link a page of `CaseListQueries.pageSize` rows; none when everything fits on one page.
        static func links(total: Int, page: Int, path: SitePath) -> [PageLink] {
            let pageCount = max(1, (total + CaseListQueries.pageSize - 1) / CaseListQueries.pageSize)
            guard pageCount > 1 else { return [] }
            return (1...pageCount).map { PageLink(label: String($0), href: path.relative + "?sida=\($0)", isCurrent: $0 == page) }
        }
    }

    let title = "Mina ärenden"
    let newCaseHref = SitePath.newCase.relative
    let filterAction = SitePath.caseFilter.relative
    let rows: [CaseListRow]
    let total: Int
    let statuses: [Option]
    let gridCompanies: [Option]
    let search: String
    let oldestFirst: Bool
    let isFiltered: Bool
    let pages: [PageLink]
    let summary: String
    let notice: String?

    /// "26–50": the rows a page shows.
    static func range(total: Int, page: Int) -> String {
        "\((page - 1) * CaseListQueries.pageSize + 1)–\(min(total, page * CaseListQueries.pageSize))"
    }

    init(filter: CaseListFilter, rows: [CaseListRow], total: Int, page: Int, gridCompanies: [Organization], notice: String?) {
        self.rows = rows
        self.total = total
        self.notice = notice
        statuses = CaseStatus.allCases.map { Option(value: $0.rawValue, label: $0.swedishName, isSelected: $0 == filter.status) }
        self.gridCompanies = gridCompanies.compactMap { company in
            company.id.map { Option(value: $0.uuidString, label: company.name, isSelected: $0 == filter.gridCompanyID) }
        }
        search = filter.search ?? ""
        oldestFirst = filter.oldestFirst
        isFiltered = filter != CaseListFilter()
        pages = PageLink.links(total: total, page: page, path: .cases)
        summary = total == 0 ? "Inga ärenden." : "Visar \(Self.range(total: total, page: page)) av \(total) ärenden."
    }
}

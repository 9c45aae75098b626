import GridcaseDomain
import Vapor

struct InboxPage: Page {
    static let template = "home/inbox"
    typealias Option = CaseListPage.Option

    struct StatusCount: Encodable, Sendable {
        let status: String
        let label: String
        let count: Int
        let isSelected: Bool
    }

    let title = "Inkorg"
    let organizationName: String
    let filterAction = SitePath.inboxFilter.relative
    let rows: [CaseListRow]
    let counts: [StatusCount]
    let statuses: [Option]
    let areas: [Option]
    let installationTypes: [Option]
    let jobTypes: [Option]
    let handlers: [Option]
    let search: String
    let overdueOnly: Bool
    let oldestFirst: Bool
    let isFiltered: Bool
    let summary: String
    let pages: [CaseListPage.PageLink]

    init(user: CurrentUser, filter: CaseListFilter, rows: [CaseListRow], total: Int, page: Int, counts: [CaseStatus: Int],
         areas: [GridArea], jobTypes: [JobType], handlers: [User]) {
        organizationName = user.organizationName
        self.rows = rows
        let sent = CaseStatus.allCases.filter(\.visibleToGridCompany)
        self.counts = sent.map { StatusCount(status: $0.rawValue, label: $0.swedishName, count: counts[$0] ?? 0, isSelected: $0 == filter.status) }
        statuses = sent.map { Option(value: $0.rawValue, label: $0.swedishName, isSelected: $0 == filter.status) }
        self.areas = areas.compactMap { area in area.id.map { Option(value: $0.uuidString, label: area.name, isSelected: $0 == filter.gridAreaID) } }
        installationTypes = InstallationType.allCases.map {
            Option(value: $0.rawValue, label: $0.swedishName, isSelected: $0 == filter.installationType)
        }
        self.jobTypes = jobTypes.compactMap { jobType in
            jobType.id.map {
                Option(value: $0.uuidString, label: "\(jobType.installationType.swedishName): \(jobType.name)", isSelected: $0 == filter.jobTypeID)
            }
        }
        var handlerOptions = [Option(value: "mine", label: "Mina ärenden", isSelected: filter.handlerID == user.id),
                              Option(value: "none", label: "Ingen handläggare", isSelected: filter.unassigned)]
        handlerOptions += handlers.compactMap { handler in
            handler.id.flatMap { $0 == user.id ? nil : Option(value: $0.uuidString, label: handler.name, isSelected: $0 == filter.handlerID) }
        }
        self.handlers = handlerOptions
        search = filter.search ?? ""
        overdueOnly = filter.overdue
        oldestFirst = filter.oldestFirst
        isFiltered = filter != CaseListFilter(oldestFirst: true)
        pages = CaseListPage.PageLink.links(total: total, page: page, path: .inbox)
        summary = total == 0 ? (isFiltered ? "Inga ärenden matchar filtret." : "Inga inkomna ärenden.")
            : "Visar \(CaseListPage.range(total: total, page: page)) av \(total) inkomna ärenden."
    }
}

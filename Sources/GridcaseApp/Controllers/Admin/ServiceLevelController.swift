import Fluent
import GridcaseDomain
import Vapor

/// "Servicenivåer": the grid admin sets how many working days each step may take.
struct ServiceLevelController {
    @Sendable func form(req: Request) async throws -> Response {
        let user = try req.currentUser
        try req.authorize(.configureCaseHandling, ownerOrganizationID: user.organizationID)
        let targets = try await req.serviceLevels.targets(for: user.organizationID)
        let values = Dictionary(uniqueKeysWithValues: ServiceLevelStep.allCases.map { ($0.rawValue, String(targets[$0])) })
        let saved = req.query[String.self, at: "meddelande"] == "sparat"
        return try await req.render(ServiceLevelPage(values: values, errors: [:], notice: saved ? "Servicenivåerna är sparade." : nil))
    }

    @Sendable func save(req: Request) async throws -> Response {
        let user = try req.currentUser
        try req.authorize(.configureCaseHandling, ownerOrganizationID: user.organizationID)
        let form = try req.content.decode([String: String].self)
        var days: [ServiceLevelStep: Int] = [:]
        var errors: [String: String] = [:]
        for step in ServiceLevelStep.allCases {
            switch ServiceLevelTargets.parse(form[step.rawValue] ?? "") {
            case .success(let value): days[step] = value
            case .failure(let error): errors[step.rawValue] = error.message
            }
        }
        guard errors.isEmpty else {
            let values = Dictionary(uniqueKeysWithValues: ServiceLevelStep.allCases.map { ($0.rawValue, form[$0.rawValue] ?? "") })
            return try await req.render(ServiceLevelPage(values: values, errors: errors, notice: nil), status: .unprocessableEntity)
        }
        try await req.serviceLevels.set(ServiceLevelTargets(days), for: user.organizationID)
        return req.redirect(to: SitePath.adminServiceLevels.relative + "?meddelande=sparat", redirectType: .normal)
    }
}

struct ServiceLevelPage: Page {
    static let template = "admin/service-levels"

    struct StepView: Encodable, Sendable {
        let key: String
        let label: String
        let value: String
        let error: String?
        let defaultDays: Int
    }

    let title = "Servicenivåer"
    let formAction = SitePath.adminServiceLevels.relative
    let backHref = SitePath.admin.relative
    let steps: [StepView]
    let errorCount: Int
    let notice: String?

    init(values: [String: String], errors: [String: String], notice: String?) {
        steps = ServiceLevelStep.allCases.map { step in
            StepView(key: step.rawValue, label: step.swedishName, value: values[step.rawValue] ?? "", error: errors[step.rawValue],
                     defaultDays: step.defaultWorkingDays)
        }
        errorCount = errors.count
        self.notice = notice
    }
}

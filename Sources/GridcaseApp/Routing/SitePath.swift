import Vapor

/// A path parameter: `.key` when registering a route, `.value` when building a link.
enum Parameter<Value: LosslessStringConvertible> {
    case key
    case value(Value)
}

/// Every location in Gridcase. Routes are registered from it and every link and redirect is built from it,
/// so no path is spelled twice.
enum SitePath {
    case home
    case health
    case login
    case logout
    case invitation
    case account
    case accountPassword
    case cases
    case caseFilter
    case newCase
    case caseDetail(Parameter<UUID>)
    case caseEdit(Parameter<UUID>)
    case caseSend(Parameter<UUID>)
    case caseDelete(Parameter<UUID>)
    case caseNotes(Parameter<UUID>)
    case caseAttachments(Parameter<UUID>)
    case caseAttachment(Parameter<UUID>, Parameter<UUID>)
    case casePrint(Parameter<UUID>)
    case caseIdentityNumbers(Parameter<UUID>)
    case caseAccessLog(Parameter<UUID>)
    case caseFacilityData(Parameter<UUID>)
    case caseFacilityDataApply(Parameter<UUID>)
    case caseDecision(Parameter<UUID>, Parameter<String>)
    case caseAssignment(Parameter<UUID>)
    case inbox
    case inboxFilter
    case admin
    case adminUsers
    case adminNewUser
    case adminUser(Parameter<UUID>)
    case adminUserAccessLog(Parameter<UUID>)
    case adminPersonalData
    case adminServiceLevels
    case adminNotifications
    case adminRegistrations
    case adminCaseTypes
    case adminGridAreas
    case adminGridArea(Parameter<UUID>)
    case adminJobTypes
    case adminJobType(Parameter<UUID>)
    case adminGridAreaActivation(Parameter<UUID>)
    case adminMandatoryFields(Parameter<String>)
    case adminRegistration(Parameter<UUID>)
    case adminPersonalDataExport
    case adminPersonalDataErase
    case adminUserActivation(Parameter<UUID>)
    case systemOrganizations
    case systemOutbox
    case apiInstallations(Parameter<UUID>)
    case systemOrganization(Parameter<UUID>)

    static let caseIDKey = "caseID"
    static let attachmentIDKey = "attachmentID"
    static let userIDKey = "userID"
    static let organizationIDKey = "organizationID"
    static let transitionKey = "transition"
    static let registrationIDKey = "registrationID"
    static let jobTypeIDKey = "jobTypeID"
    static let gridAreaIDKey = "gridAreaID"
    static let installationTypeKey = "installationType"

    var pathComponents: [PathComponent] {
        switch self {
        case .home: []
        case .health: ["health"]
        case .login: ["login"]
        case .logout: ["logout"]
        case .invitation: ["invitation"]
        case .account: ["account"]
        case .accountPassword: ["account", "password"]
        case .cases: ["cases"]
        case .caseFilter: ["cases", "filter"]
        case .newCase: ["cases", "new"]
        case .caseDetail(let id): ["cases", Self.component(id, Self.caseIDKey)]
        case .caseEdit(let id): ["cases", Self.component(id, Self.caseIDKey), "edit"]
        case .caseSend(let id): ["cases", Self.component(id, Self.caseIDKey), "send"]
        case .caseDelete(let id): ["cases", Self.component(id, Self.caseIDKey), "delete"]
        case .caseNotes(let id): ["cases", Self.component(id, Self.caseIDKey), "notes"]
        case .caseAttachments(let id): ["cases", Self.component(id, Self.caseIDKey), "attachments"]
        case .caseAttachment(let id, let file):
            ["cases", Self.component(id, Self.caseIDKey), "attachments", Self.component(file, Self.attachmentIDKey)]
        case .casePrint(let id): ["cases", Self.component(id, Self.caseIDKey), "print"]
        case .caseIdentityNumbers(let id): ["cases", Self.component(id, Self.caseIDKey), "identity-numbers"]
        case .caseAccessLog(let id): ["cases", Self.component(id, Self.caseIDKey), "access-log"]
        case .caseFacilityData(let id): ["cases", Self.component(id, Self.caseIDKey), "facility-data"]
        case .caseFacilityDataApply(let id): ["cases", Self.component(id, Self.caseIDKey), "facility-data", "apply"]
        case .caseDecision(let id, let transition):
            ["cases", Self.component(id, Self.caseIDKey), "decisions", Self.component(transition, Self.transitionKey)]
        case .caseAssignment(let id): ["cases", Self.component(id, Self.caseIDKey), "assignment"]
        case .inbox: ["inbox"]
        case .inboxFilter: ["inbox", "filter"]
        case .admin: ["admin"]
        case .adminUsers: ["admin", "users"]
        case .adminNewUser: ["admin", "users", "new"]
        case .adminUser(let id): ["admin", "users", Self.component(id, Self.userIDKey)]
        case .adminUserAccessLog(let id): ["admin", "users", Self.component(id, Self.userIDKey), "access-log"]
        case .adminPersonalData: ["admin", "personal-data"]
        case .adminServiceLevels: ["admin", "service-levels"]
        case .adminNotifications: ["admin", "notifications"]
        case .adminRegistrations: ["admin", "registrations"]
        case .adminCaseTypes: ["admin", "case-types"]
        case .adminGridAreas: ["admin", "grid-areas"]
        case .adminGridArea(let id): ["admin", "grid-areas", Self.component(id, Self.gridAreaIDKey)]
        case .adminGridAreaActivation(let id): ["admin", "grid-areas", Self.component(id, Self.gridAreaIDKey), "activation"]
        case .adminJobTypes: ["admin", "job-types"]
        case .adminJobType(let id): ["admin", "job-types", Self.component(id, Self.jobTypeIDKey)]
        case .adminMandatoryFields(let type): ["admin", "case-types", Self.component(type, Self.installationTypeKey), "mandatory-fields"]
        case .adminRegistration(let id): ["admin", "registrations", Self.component(id, Self.registrationIDKey)]
        case .adminPersonalDataExport: ["admin", "personal-data", "export"]
        case .adminPersonalDataErase: ["admin", "personal-data", "erase"]
        case .adminUserActivation(let id): ["admin", "users", Self.component(id, Self.userIDKey), "activation"]
        case .systemOrganizations: ["system", "organizations"]
        case .systemOutbox: ["system", "outbox"]
        case .apiInstallations(let id):
            ["api", "v1", "grid-companies", Self.component(id, Self.organizationIDKey), "installations"]
        case .systemOrganization(let id): ["system", "organizations", Self.component(id, Self.organizationIDKey)]
        }
    }

    /// The path to put in a link or a redirect, for example "/admin/users/…".
    var relative: String {
        "/" + pathComponents.map(\.description).joined(separator: "/")
    }

    private static func component<Value>(_ parameter: Parameter<Value>, _ key: String) -> PathComponent {
        switch parameter {
        case .key: .parameter(key)
        case .value(let value): .constant(value.description)
        }
    }
}

extension RoutesBuilder {
    @discardableResult
    func get<Response: AsyncResponseEncodable>(
        _ path: SitePath, use closure: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        on(.GET, path.pathComponents, use: closure)
    }

    @discardableResult
    func post<Response: AsyncResponseEncodable>(
        _ path: SitePath, use closure: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        on(.POST, path.pathComponents, use: closure)
    }
}

extension Request {
    func redirect(to path: SitePath) -> Response {
        redirect(to: path.relative, redirectType: .normal)
    }

    /// A UUID path parameter; a malformed one answers like a missing record (404).
    func uuidParameter(_ key: String) throws -> UUID {
        guard let raw = parameters.get(key), let id = UUID(uuidString: raw) else { throw Abort(.notFound) }
        return id
    }
}

import Fluent
import GridcaseDomain
import Vapor

/// "Registreringar": the installer company's admin asks to file with a grid company; the grid company's
/// admin sees the request with the company's Elsäkerhetsverket registration number and approves or denies.
struct RegistrationController {
    struct RequestForm: Content {
        var gridCompany: String?
    }

    struct DecisionForm: Content {
        var decision: String?
    }

    @Sendable func list(req: Request) async throws -> Response {
        let user = try req.currentUser
        try req.authorize(.manageRegistrations, ownerOrganizationID: user.organizationID)
        let notice = req.query[String.self, at: "meddelande"].flatMap(RegistrationsPage.Notice.init)
        return try await req.render(try await RegistrationsPage.build(for: user, notice: notice?.text, error: nil, on: req.db))
    }

    /// The installer company's admin asks to be registered with a grid company.
    @Sendable func request(req: Request) async throws -> Response {
        let user = try req.currentUser
        try req.authorize(.manageRegistrations, ownerOrganizationID: user.organizationID)
        guard user.organizationKind == .installerCompany else { throw Abort(.forbidden) }
        let form = try req.content.decode(RequestForm.self)
        guard let gridID = form.gridCompany.flatMap(UUID.init(uuidString:)) else {
            let page = try await RegistrationsPage.build(for: user, notice: nil, error: "Välj ett nätbolag.", on: req.db)
            return try await req.render(page, status: .unprocessableEntity)
        }
        switch try await req.registrations.request(installerCompanyID: user.organizationID, gridCompanyID: gridID) {
        case .requested, .alreadyRequestedOrApproved:
            return req.redirect(to: SitePath.adminRegistrations.relative + "?meddelande=ansokt", redirectType: .normal)
        case .notAGridCompany:
            throw Abort(.notFound)
        }
    }

    /// The grid company's admin approves or denies a pending request.
    @Sendable func decide(req: Request) async throws -> Response {
        let user = try req.currentUser
        let id = try req.uuidParameter(SitePath.registrationIDKey)
        // The grid company decides; to anyone else the request does not exist.
        guard let registration = try await Registration.find(id, on: req.db) else { throw Abort(.notFound) }
        try req.authorize(.manageRegistrations, ownerOrganizationID: registration.$gridCompany.id)
        let decision = try req.content.decode(DecisionForm.self).decision
        guard decision == "approve" || decision == "deny" else { throw Abort(.badRequest) }
        let changed = try await req.registrations.decide(id, approve: decision == "approve", gridCompanyID: user.organizationID)
        let notice: RegistrationsPage.Notice = changed ? (decision == "approve" ? .approved : .denied) : .alreadyDecided
        return req.redirect(to: SitePath.adminRegistrations.relative + "?meddelande=" + notice.rawValue, redirectType: .normal)
    }
}

struct RegistrationsPage: Page {
    static let template = "admin/registrations"

    enum Notice: String {
        case requested = "ansokt", approved = "godkand", denied = "avslagen", alreadyDecided = "redan-beslutad"

        var text: String {
            switch self {
            case .requested: "Ansökan är skickad till nätbolaget."
            case .approved: "Registreringen är godkänd. Företaget kan nu skicka anmälningar."
            case .denied: "Ansökan är avslagen."
            case .alreadyDecided: "Ansökan var redan besvarad. Inget ändrades."
            }
        }
    }

    struct Row: Encodable, Sendable {
        let companyName: String
        let organizationNumber: String
        let electricalSafetyRegistration: String
        let statusName: String
        let requestedAt: String
        let decisionAction: String?
    }

    struct Option: Encodable, Sendable {
        let value: String
        let label: String
    }

    let title = "Registreringar"
    let isGridCompany: Bool
    let pending: [Row]
    let others: [Row]
    let requestAction = SitePath.adminRegistrations.relative
    let requestable: [Option]
    let notice: String?
    let error: String?

    static func build(for user: CurrentUser, notice: String?, error: String?, on db: any Database) async throws -> RegistrationsPage {
        let isGrid = user.organizationKind == .gridCompany
        let registrations = try await Registration.query(on: db)
            .filter(isGrid ? \.$gridCompany.$id : \.$installerCompany.$id, .equal, user.organizationID)
            .with(\.$installerCompany).with(\.$gridCompany)
            .sort(\.$requestedAt, .descending).all()
        let rows = try registrations.map { registration in
            let other = isGrid ? registration.installerCompany : registration.gridCompany
            let pending = registration.status == .requested
            return (pending, Row(
                companyName: other.name, organizationNumber: other.organizationNumber,
                electricalSafetyRegistration: other.electricalSafetyRegistration ?? "–", statusName: registration.status.swedishName,
                requestedAt: DisplayFormat.dateTime(registration.requestedAt),
                decisionAction: isGrid && pending ? SitePath.adminRegistration(.value(try registration.requireID())).relative : nil))
        }
        var requestable: [Option] = []
        if !isGrid {
            // Grid companies not yet asked, or that denied (a new request may follow a fix).
            let blocked = Set(registrations.filter { $0.status != .denied }.map(\.$gridCompany.id))
            requestable = try await Organization.query(on: db).filter(\.$kind == .gridCompany).sort(\.$name).all()
                .compactMap { grid in grid.id.flatMap { blocked.contains($0) ? nil : Option(value: $0.uuidString, label: grid.name) } }
        }
        return RegistrationsPage(isGridCompany: isGrid, pending: rows.filter(\.0).map(\.1), others: rows.filter { !$0.0 }.map(\.1),
                                 requestable: requestable, notice: notice, error: error)
    }
}

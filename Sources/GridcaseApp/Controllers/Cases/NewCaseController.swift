import Fluent
import GridcaseDomain
import Vapor

/// "Ny anmälan": choose nätbolag, installationstyp, jobbtyp and nätområde, then "Skapa anmälan".
/// The choices depend on each other; without JavaScript the form reloads itself ("Visa val"), with it a
/// small script does the same in place.
struct NewCaseController {
    /// The form's choices as sent; an unchosen select sends "", so ids are read leniently.
    struct Choice: Content {
        var gridCompany: String?
        var installationType: String?
        var jobType: String?
        var gridArea: String?
        var creationKey: String?

        var gridCompanyID: UUID? { gridCompany.flatMap(UUID.init(uuidString:)) }
        var jobTypeID: UUID? { jobType.flatMap(UUID.init(uuidString:)) }
        var gridAreaID: UUID? { gridArea.flatMap(UUID.init(uuidString:)) }
        var type: InstallationType? { installationType.flatMap(InstallationType.init(rawValue:)) }
    }

    @Sendable func form(req: Request) async throws -> Response {
        let user = try req.currentUser
        try req.authorize(.fileCases, ownerOrganizationID: user.organizationID)
        return try await req.render(try await NewCasePage.build(Choice(), errors: [:], user: user, on: req.db))
    }

    /// "Visa val": the same form with the options that fit the choices made so far. Posted, like every form
    /// here, so the form token never travels in a URL.
    @Sendable func reload(req: Request) async throws -> Response {
        let user = try req.currentUser
        try req.authorize(.fileCases, ownerOrganizationID: user.organizationID)
        let choice = try req.content.decode(Choice.self)
        return try await req.render(try await NewCasePage.build(choice, errors: [:], user: user, on: req.db))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let user = try req.currentUser
        try req.authorize(.fileCases, ownerOrganizationID: user.organizationID)
        let choice = try req.content.decode(Choice.self)
        let creationKey = choice.creationKey.flatMap { $0.count <= 64 && !$0.isEmpty ? $0 : nil } ?? SecureToken.generate()
        do {
            let record = try await req.caseCreation.create(.init(
                gridCompanyID: choice.gridCompanyID, installationType: choice.type,
                jobTypeID: choice.jobTypeID, gridAreaID: choice.gridAreaID, creationKey: creationKey
            ), by: user)
            return req.redirect(to: .caseDetail(.value(try record.requireID())))
        } catch let errors as FieldErrors {
            let page = try await NewCasePage.build(choice, errors: errors.messages, user: user, on: req.db)
            return try await req.render(page, status: .unprocessableEntity)
        }
    }
}

struct NewCasePage: Page {
    static let template = "cases/new"

    struct Option: Encodable, Sendable {
        let value: String
        let label: String
        let isSelected: Bool
        let inputID: String
    }

    let title = "Ny anmälan"
    let formAction = SitePath.cases.relative
    let reloadAction = SitePath.newCase.relative
    let gridCompanies: [Option]
    let installationTypes: [Option]
    let jobTypes: [Option]
    let gridAreas: [Option]
    let hasGridCompany: Bool
    let hasInstallationType: Bool
    let creationKey: String
    let errors: [String: String]
    let errorCount: Int

    static func build(_ choice: NewCaseController.Choice, errors: [String: String], user: CurrentUser, on db: any Database) async throws -> NewCasePage {
        let companies = try await RegistrationQueries.approvedGridCompanies(for: user.organizationID, on: db)
        // With one grid company there is nothing to choose.
        let companyID = choice.gridCompanyID ?? (companies.count == 1 ? companies[0].id : nil)
        let company = companies.first { $0.id == companyID }
        let type = choice.type

        var jobTypes: [JobType] = []
        var areas: [GridArea] = []
        // Once a grid company is chosen, only the installation types it offers (those with an active job type).
        var offered: Set<InstallationType>?
        if let company, let id = company.id {
            offered = Set(try await JobType.query(on: db).filter(\.$gridCompany.$id == id).filter(\.$isActive == true).all()
                .map(\.installationType))
            areas = try await GridArea.query(on: db).filter(\.$gridCompany.$id == id).filter(\.$isActive == true).sort(\.$name).all()
            if let type {
                jobTypes = try await JobType.query(on: db)
                    .filter(\.$gridCompany.$id == id).filter(\.$installationType == type).filter(\.$isActive == true)
                    .sort(\.$sortOrder).all()
            }
        }
        let selectedJobType = choice.jobTypeID ?? (jobTypes.count == 1 ? jobTypes[0].id : nil)
        return NewCasePage(
            gridCompanies: companies.compactMap { company in
                company.id.map { Option(value: $0.uuidString, label: company.name, isSelected: $0 == companyID, inputID: "") }
            },
            installationTypes: InstallationType.allCases.filter { offered?.contains($0) ?? true }.map {
                Option(value: $0.rawValue, label: $0.swedishName, isSelected: $0 == type, inputID: "installationType-" + $0.rawValue)
            },
            jobTypes: jobTypes.compactMap { jobType in
                jobType.id.map { Option(value: $0.uuidString, label: jobType.name, isSelected: $0 == selectedJobType,
                                        inputID: "jobType-" + $0.uuidString) }
            },
            gridAreas: areas.compactMap { area in
                area.id.map { Option(value: $0.uuidString, label: area.name, isSelected: $0 == choice.gridAreaID, inputID: "") }
            },
            hasGridCompany: company != nil,
            hasInstallationType: type != nil,
            creationKey: choice.creationKey ?? SecureToken.generate(),
            errors: errors,
            errorCount: errors.count
        )
    }
}

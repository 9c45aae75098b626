import Fluent
import GridcaseDomain
import Vapor

/// "Anmälningstyper": which job types (jobbtyper) the grid company offers under each installation type (an
/// installation type with none active is not offered at all), new job types, and the fields each
/// installation type requires before it can be sent.
struct CaseTypeController {
    struct NewJobTypeForm: Content {
        var installationType: String?
        var name: String?
        var includesMicroproduction: String?
    }

    struct ActivationForm: Content {
        var active: String?
    }

    @Sendable func list(req: Request) async throws -> Response {
        let user = try req.currentUser
        try req.authorize(.configureCaseHandling, ownerOrganizationID: user.organizationID)
        let notice = req.query[String.self, at: "meddelande"] == "sparat" ? "Ändringen är sparad." : nil
        return try await req.render(try await CaseTypesPage.build(gridCompanyID: user.organizationID, notice: notice, on: req.db))
    }

    @Sendable func addJobType(req: Request) async throws -> Response {
        let user = try req.currentUser
        try req.authorize(.configureCaseHandling, ownerOrganizationID: user.organizationID)
        let form = try req.content.decode(NewJobTypeForm.self)
        let name = (form.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let type = form.installationType.flatMap(InstallationType.init)
        var errors: [String: String] = [:]
        if type == nil { errors["installationType"] = "Välj installationstyp." }
        if name.isEmpty { errors["name"] = "Skriv jobbtypens namn." } else if name.count > 100 { errors["name"] = "Namnet får ha högst 100 tecken." }
        if let type, errors.isEmpty, try await JobType.query(on: req.db).filter(\.$gridCompany.$id == user.organizationID)
            .filter(\.$installationType == type).filter(\.$name == name).count() > 0 {
            errors["name"] = "Det finns redan en jobbtyp med det namnet under \(type.swedishName)."
        }
        guard let type, errors.isEmpty else {
            let page = try await CaseTypesPage.build(gridCompanyID: user.organizationID, notice: nil, on: req.db,
                                                     newJobType: .init(installationType: form.installationType ?? "", name: name,
                                                                       includesMicroproduction: form.includesMicroproduction != nil,
                                                                       errors: errors))
            return try await req.render(page, status: .unprocessableEntity)
        }
        let order = try await JobType.query(on: req.db).filter(\.$gridCompany.$id == user.organizationID)
            .filter(\.$installationType == type).count()
        try await JobType(gridCompanyID: user.organizationID, installationType: type, name: name,
                          includesMicroproduction: form.includesMicroproduction != nil, sortOrder: order).create(on: req.db)
        return req.redirect(to: SitePath.adminCaseTypes.relative + "?meddelande=sparat", redirectType: .normal)
    }

    /// Offers a job type again or stops offering it; cases already filed keep it.
    @Sendable func setJobTypeActivation(req: Request) async throws -> Response {
        _ = try req.currentUser // signed in before anything is looked up
        let id = try req.uuidParameter(SitePath.jobTypeIDKey)
        guard let jobType = try await JobType.find(id, on: req.db) else { throw Abort(.notFound) }
        try req.authorize(.configureCaseHandling, ownerOrganizationID: jobType.$gridCompany.id)
        jobType.isActive = try req.content.decode(ActivationForm.self).active == "true"
        try await jobType.update(on: req.db)
        return req.redirect(to: SitePath.adminCaseTypes.relative + "?meddelande=sparat", redirectType: .normal)
    }

    @Sendable func mandatoryFieldsForm(req: Request) async throws -> Response {
        let user = try req.currentUser
        try req.authorize(.configureCaseHandling, ownerOrganizationID: user.organizationID)
        let type = try Self.installationType(req)
        let rules = try await MandatoryFieldRule.query(on: req.db).filter(\.$gridCompany.$id == user.organizationID)
            .filter(\.$installationType == type).filter(\.$jobType.$id == nil).all()
        return try await req.render(MandatoryFieldsPage(type: type, required: Set(rules.map(\.fieldKey))))
    }

    @Sendable func saveMandatoryFields(req: Request) async throws -> Response {
        let user = try req.currentUser
        try req.authorize(.configureCaseHandling, ownerOrganizationID: user.organizationID)
        let type = try Self.installationType(req)
        struct Form: Content { var fields: [String]? }
        let keys = Set((try req.content.decode(Form.self).fields ?? []).filter { key in
            CaseFields.field(key).map { $0.section != .microproduction } ?? false
        })
        try await req.db.transaction { db in
            try await MandatoryFieldRule.query(on: db).filter(\.$gridCompany.$id == user.organizationID)
                .filter(\.$installationType == type).filter(\.$jobType.$id == nil).delete()
            try await keys.sorted().map { MandatoryFieldRule(gridCompanyID: user.organizationID, installationType: type, jobTypeID: nil, fieldKey: $0) }
                .create(on: db)
        }
        return req.redirect(to: SitePath.adminCaseTypes.relative + "?meddelande=sparat", redirectType: .normal)
    }

    private static func installationType(_ req: Request) throws -> InstallationType {
        guard let raw = req.parameters.get(SitePath.installationTypeKey), let type = InstallationType(rawValue: raw) else {
            throw Abort(.notFound)
        }
        return type
    }
}

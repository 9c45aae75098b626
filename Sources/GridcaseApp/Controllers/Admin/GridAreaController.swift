import Fluent
import GridcaseDomain
import Vapor

/// "Nätområden": the grid admin adds areas, renames them, and takes them out of use (and back). Areas are
/// never deleted: cases refer to them.
struct GridAreaController {
    struct AreaForm: Content {
        var code: String?
        var name: String?
    }

    struct ActivationForm: Content {
        var active: String?
    }

    @Sendable func list(req: Request) async throws -> Response {
        let user = try req.currentUser
        try req.authorize(.manageGridAreas, ownerOrganizationID: user.organizationID)
        let notice = req.query[String.self, at: "meddelande"] == "sparat" ? "Nätområdet är sparat." : nil
        return try await req.render(try await GridAreasPage.build(gridCompanyID: user.organizationID, notice: notice, on: req.db))
    }

    @Sendable func add(req: Request) async throws -> Response {
        let user = try req.currentUser
        try req.authorize(.manageGridAreas, ownerOrganizationID: user.organizationID)
        let form = try req.content.decode(AreaForm.self)
        let (code, name, errors) = try await Self.check(form, gridCompanyID: user.organizationID, except: nil, on: req.db)
        guard errors.isEmpty else {
            let page = try await GridAreasPage.build(gridCompanyID: user.organizationID, notice: nil, on: req.db,
                                                     newArea: .init(code: form.code ?? "", name: form.name ?? "", errors: errors))
            return try await req.render(page, status: .unprocessableEntity)
        }
        try await GridArea(gridCompanyID: user.organizationID, code: code, name: name).create(on: req.db)
        return req.redirect(to: SitePath.adminGridAreas.relative + "?meddelande=sparat", redirectType: .normal)
    }

    @Sendable func rename(req: Request) async throws -> Response {
        let user = try req.currentUser
        let id = try req.uuidParameter(SitePath.gridAreaIDKey)
        guard let area = try await GridArea.find(id, on: req.db) else { throw Abort(.notFound) }
        try req.authorize(.manageGridAreas, ownerOrganizationID: area.$gridCompany.id)
        let form = try req.content.decode(AreaForm.self)
        let (code, name, errors) = try await Self.check(form, gridCompanyID: area.$gridCompany.id, except: id, on: req.db)
        guard errors.isEmpty else {
            let page = try await GridAreasPage.build(gridCompanyID: user.organizationID, notice: nil, on: req.db,
                                                     editing: .init(id: id, code: form.code ?? "", name: form.name ?? "", errors: errors))
            return try await req.render(page, status: .unprocessableEntity)
        }
        area.code = code
        area.name = name
        try await area.update(on: req.db)
        return req.redirect(to: SitePath.adminGridAreas.relative + "?meddelande=sparat", redirectType: .normal)
    }

    /// Takes an area out of use (no longer offered under Ny anmälan) or back into use; cases filed keep it.
    @Sendable func setActivation(req: Request) async throws -> Response {
        let id = try req.uuidParameter(SitePath.gridAreaIDKey)
        guard let area = try await GridArea.find(id, on: req.db) else { throw Abort(.notFound) }
        try req.authorize(.manageGridAreas, ownerOrganizationID: area.$gridCompany.id)
        guard let active = try req.content.decode(ActivationForm.self).active, active == "true" || active == "false" else {
            throw Abort(.badRequest)
        }
        area.isActive = active == "true"
        try await area.update(on: req.db)
        return req.redirect(to: SitePath.adminGridAreas.relative + "?meddelande=sparat", redirectType: .normal)
    }

    /// The code (upper case, letters and digits) and name, or the messages for the fields.
    private static func check(_ form: AreaForm, gridCompanyID: UUID, except: UUID?, on db: any Database) async throws
        -> (code: String, name: String, errors: [String: String]) {
        let code = (form.code ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        let name = (form.name ?? "").trimmingCharacters(in: .whitespaces)
        var errors: [String: String] = [:]
        if code.isEmpty || code.count > 10 || !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            errors["code"] = "Koden ska vara 1–10 bokstäver A–Z eller siffror."
        } else {
            var query = GridArea.query(on: db).filter(\.$gridCompany.$id == gridCompanyID).filter(\.$code == code)
            if let except { query = query.filter(\.$id != except) }
            if try await query.count() > 0 { errors["code"] = "Koden \(code) används redan för ett annat nätområde." }
        }
        if name.isEmpty { errors["name"] = "Skriv nätområdets namn." } else if name.count > 100 { errors["name"] = "Namnet får ha högst 100 tecken." }
        return (code, name, errors)
    }
}

struct GridAreasPage: Page {
    static let template = "admin/grid-areas"

    struct AreaInput: Encodable, Sendable {
        var id: UUID? = nil
        var code = ""
        var name = ""
        var errors: [String: String] = [:]
    }

    struct Row: Encodable, Sendable {
        let code: String
        let name: String
        let action: String
        let inputPrefix: String
        let errors: [String: String]
        let isActive: Bool
        let activationAction: String
    }

    let title = "Nätområden"
    let rows: [Row]
    let newArea: AreaInput
    let addAction = SitePath.adminGridAreas.relative
    let notice: String?

    static func build(gridCompanyID: UUID, notice: String?, on db: any Database, newArea: AreaInput = AreaInput(),
                      editing: AreaInput? = nil) async throws -> GridAreasPage {
        let areas = try await GridArea.query(on: db).filter(\.$gridCompany.$id == gridCompanyID).sort(\.$name).all()
        return GridAreasPage(rows: try areas.map { area in
            let id = try area.requireID()
            let edited = editing?.id == id ? editing : nil
            return Row(code: edited?.code ?? area.code, name: edited?.name ?? area.name,
                       action: SitePath.adminGridArea(.value(id)).relative, inputPrefix: "area-\(id.uuidString)",
                       errors: edited?.errors ?? [:], isActive: area.isActive,
                       activationAction: SitePath.adminGridAreaActivation(.value(id)).relative)
        }, newArea: newArea, notice: notice)
    }
}

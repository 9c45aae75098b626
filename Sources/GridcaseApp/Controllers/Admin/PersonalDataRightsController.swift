import Fluent
import GridcaseDomain
import Vapor

/// "Registrerades rättigheter": an admin answers a person's request for an extract (JSON) or for erasure of
/// their data, in the admin's own organisation's cases (the operator: all). The person is named in a posted
/// form, never in a URL.
struct PersonalDataRightsController {
    struct Form: Content {
        var personnummer: String?
        var email: String?
        var name: String?

        func person() -> (person: PersonalDataRights.Person?, problem: String?) {
            PersonalDataRights.Person.named(identityNumber: personnummer, email: email, name: name)
        }
    }

    @Sendable func form(req: Request) async throws -> Response {
        let user = try req.currentUser
        try req.authorize(.answerDataSubjectRequests, ownerOrganizationID: user.organizationID)
        return try await req.render(PersonalDataRightsPage(form: Form(), error: nil, result: nil))
    }

    @Sendable func export(req: Request) async throws -> Response {
        let (admin, form, person) = try await checked(req)
        guard let person else { return try await req.render(PersonalDataRightsPage(form: form, error: form.person().problem, result: nil), status: .unprocessableEntity) }
        let json = try await rights(req).export(person, requestedBy: admin)
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"registerutdrag.json\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: json))
    }

    @Sendable func erase(req: Request) async throws -> Response {
        let (admin, form, person) = try await checked(req)
        guard let person else { return try await req.render(PersonalDataRightsPage(form: form, error: form.person().problem, result: nil), status: .unprocessableEntity) }
        let erasure = try await rights(req).erase(person, organizationID: PersonalDataRights.scope(of: admin))
        let result = "Personuppgifterna är borttagna ur \(erasure.erased) avslutade eller makulerade ärenden."
            + (erasure.inProgress.isEmpty ? "" : " Pågående ärenden ändrades inte: " + erasure.inProgress.joined(separator: ", ") + ".")
            + (erasure.failed.isEmpty ? "" : " Kunde inte rensas: " + erasure.failed.joined(separator: ", ")
                + ". De har kvar sina uppgifter; försök igen, och kontakta driften om det inte går.")
        return try await req.render(PersonalDataRightsPage(form: Form(), error: nil, result: result))
    }

    private func rights(_ req: Request) -> PersonalDataRights {
        PersonalDataRights(database: req.db, cipher: req.personalData, clock: req.clock)
    }

    private func checked(_ req: Request) async throws -> (User, Form, PersonalDataRights.Person?) {
        let current = try req.currentUser
        try req.authorize(.answerDataSubjectRequests, ownerOrganizationID: current.organizationID)
        guard let admin = try await User.find(current.id, on: req.db) else { throw Abort(.unauthorized) }
        let form = try req.content.decode(Form.self)
        return (admin, form, form.person().person)
    }
}

struct PersonalDataRightsPage: Page {
    static let template = "admin/personal-data"
    let title = "Registrerades rättigheter"
    let form: PersonalDataRightsController.Form
    let error: String?
    let result: String?
    let exportAction = SitePath.adminPersonalDataExport.relative
    let eraseAction = SitePath.adminPersonalDataErase.relative
}

import Fluent
import GridcaseDomain
import Vapor

/// One case: its read view, its edit form, and the printable version.
struct CaseController {
    /// Short messages shown after a redirect, named in the query string (never personal data).
    enum Notice: String {
        case saved = "sparat"
        case unchanged = "oforandrat"
        case sent = "skickat"
        case alreadySent = "redan-skickat"
        case noteAdded = "notering"
        case attachmentAdded = "bilaga"
        case locked = "last"
        case facilityDataApplied = "anlaggningsdata"

        var text: String {
            switch self {
            case .saved: "Ändringarna är sparade."
            case .unchanged: "Inget hade ändrats."
            case .sent: "Anmälan är skickad till nätbolaget för godkännande."
            case .alreadySent: "Anmälan var redan skickad. Inget skickades en gång till."
            case .noteAdded: "Noteringen är sparad."
            case .attachmentAdded: "Bilagan är sparad."
            case .locked: "Anmälan är skickad och kan inte ändras förrän nätbolaget skickar tillbaka den."
            case .facilityDataApplied: "Anläggningsdata är hämtad. Kontrollera att det är rätt kund och fortsätt under Redigera."
            }
        }
    }

    @Sendable func show(req: Request) async throws -> Response {
        let record = try await req.authorizedCase(.view)
        let notice = req.query[String.self, at: "meddelande"].flatMap(Notice.init)
        return try await req.render(try await CaseShowPage.build(record, notice: notice, askToSend: false, req: req))
    }

    @Sendable func edit(req: Request) async throws -> Response {
        let record = try await req.authorizedCase(.edit)
        guard record.status.installerMayEdit else {
            return req.redirect(to: SitePath.caseDetail(.value(try record.requireID())).relative + "?meddelande=" + Notice.locked.rawValue,
                                redirectType: .normal)
        }
        return try await req.render(try await CaseEditPage.build(record, input: try record.fieldValues(req.personalData), req: req))
    }

    /// "Visa fullständiga personnummer": the read view with whole identity numbers, logged as such.
    @Sendable func revealIdentityNumbers(req: Request) async throws -> Response {
        let record = try await req.authorizedCase(.view)
        let page = try await CaseShowPage.build(record, notice: nil, askToSend: false, revealIdentityNumbers: true, req: req)
        return try await req.render(page)
    }

    @Sendable func print(req: Request) async throws -> Response {
        let record = try await req.authorizedCase(.view)
        return try await req.render(try await CasePrintPage.build(record, req: req))
    }
}

extension Request {
    func redirect(to path: SitePath, notice: CaseController.Notice) -> Response {
        redirect(to: path.relative + "?meddelande=" + notice.rawValue, redirectType: .normal)
    }
}

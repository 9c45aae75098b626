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
        case returned = "ater"
        case approved = "godkand"
        case rejected = "avslagen"
        case completionReported = "fardiganmald"
        case closed = "avslutad"
        case cancelled = "makulerad"
        case alreadyDecided = "redan-beslutat"
        case assigned = "tilldelat"

        static func decided(_ transition: CaseTransition) -> Notice {
            switch transition {
            case .send: .sent
            case .returnForCompletion: .returned
            case .approve: .approved
            case .reject: .rejected
            case .reportCompletion: .completionReported
            case .close: .closed
            case .cancel: .cancelled
            }
        }

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
            case .returned: "Ärendet är skickat åter till elinstallatören för komplettering."
            case .approved: "Ärendet är godkänt. Installationsmedgivandet syns för elinstallatören."
            case .rejected: "Anmälan är avslagen."
            case .completionReported: "Färdiganmälan är skickad till nätbolaget."
            case .closed: "Inkopplingen är registrerad och ärendet är avslutat."
            case .cancelled: "Ärendet är makulerat."
            case .alreadyDecided: "Det var redan gjort. Inget ändrades en gång till."
            case .assigned: "Handläggaren är ändrad."
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
        // After Åter för komplettering: the grid company's reason on top and its marked fields flagged.
        let returnRequest = try await DecisionView.pendingReturn(of: record, on: req.db)
        let flagged = Dictionary((returnRequest?.fieldsToFix ?? []).map { ($0, "Nätbolaget ber dig rätta detta fält.") }) { first, _ in first }
        return try await req.render(try await CaseEditPage.build(
            record, input: try record.fieldValues(req.personalData), warnings: flagged,
            banner: returnRequest.map { .info("Nätbolaget ber om komplettering: " + ($0.reason ?? "")) }, req: req))
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

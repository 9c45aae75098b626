/// Something that happened to a case that the other side must hear about by e-mail.
public enum CaseNotificationEvent: String, CaseIterable, Codable, Sendable {
    case sent, returned, approved, rejected, completionReported, closed, cancelled, noteAdded

    /// The event a status change causes.
    public init(_ transition: CaseTransition) {
        switch transition {
        case .send: self = .sent
        case .returnForCompletion: self = .returned
        case .approve: self = .approved
        case .reject: self = .rejected
        case .reportCompletion: self = .completionReported
        case .close: self = .closed
        case .cancel: self = .cancelled
        }
    }
}

/// What an e-mail may say about a case: its number, type, area and the two companies. Never a customer's
/// name, address or identity number: the message leaves Gridcase and its access control, the link does not.
public struct CaseNotificationFacts: Sendable, Equatable {
    public let caseNumber: String
    public let heading: String
    public let gridAreaName: String
    public let gridCompanyName: String
    public let installerCompanyName: String
    /// The side whose action caused the e-mail.
    public let actingSide: CaseSide
    public let link: String

    public init(caseNumber: String, heading: String, gridAreaName: String, gridCompanyName: String, installerCompanyName: String,
                actingSide: CaseSide, link: String) {
        self.caseNumber = caseNumber
        self.heading = heading
        self.gridAreaName = gridAreaName
        self.gridCompanyName = gridCompanyName
        self.installerCompanyName = installerCompanyName
        self.actingSide = actingSide
        self.link = link
    }
}

/// The Swedish subject and body of each notification.
public enum CaseNotificationText {
    public static func subject(_ event: CaseNotificationEvent, _ facts: CaseNotificationFacts) -> String {
        "[\(facts.caseNumber)] " + headline(event, facts)
    }

    public static func headline(_ event: CaseNotificationEvent, _ facts: CaseNotificationFacts) -> String {
        switch event {
        case .sent: "Föranmälan att handlägga: \(facts.heading)"
        case .returned: "Åter för komplettering"
        case .approved: "Godkänd – installationsmedgivande lämnat"
        case .rejected: "Anmälan avslagen"
        case .completionReported: "Färdiganmäld – klar för inkoppling"
        case .closed: "Inkopplad och avslutad"
        case .cancelled: "Ärendet är makulerat"
        case .noteAdded: "Ny notering från \(facts.actingSide == .gridCompany ? facts.gridCompanyName : facts.installerCompanyName)"
        }
    }

    public static func body(_ event: CaseNotificationEvent, _ facts: CaseNotificationFacts) -> String {
        let actor = facts.actingSide == .gridCompany ? facts.gridCompanyName : facts.installerCompanyName
        let what: String = switch event {
        case .sent: "\(facts.installerCompanyName) har skickat en föranmälan till \(facts.gridCompanyName) för godkännande."
        case .returned: "\(actor) har skickat tillbaka anmälan för komplettering. Läs vad som ska kompletteras i ärendet, rätta och skicka igen."
        case .approved: "\(actor) har godkänt anmälan. Installationsmedgivandet med villkor och tidigaste datum för inkoppling finns i ärendet."
        case .rejected: "\(actor) har avslagit anmälan. Motiveringen finns i ärendet."
        case .completionReported: "\(actor) har färdiganmält installationen. Den är klar för inkoppling."
        case .closed: "\(actor) har registrerat inkopplingen. Ärendet är avslutat."
        case .cancelled: "\(actor) har makulerat ärendet. Motiveringen finns i ärendet."
        case .noteAdded: "\(actor) har skrivit en notering i ärendet."
        }
        return """
            \(what)

            Ärende: \(facts.caseNumber)
            Typ: \(facts.heading)
            Nätområde: \(facts.gridAreaName)

            Öppna ärendet: \(facts.link)

            Detta meddelande skickades automatiskt av Gridcase. Svara inte på det: skriv en notering i ärendet.
            """
    }
}

/// A step of an installer company's registration with a grid company that the other side must hear about.
public enum RegistrationNotificationEvent: String, CaseIterable, Codable, Sendable {
    /// The installer company asked; the grid company's admins decide.
    case requested
    /// The grid company approved; the installer company's admins hear that its installers may file.
    case approved
    /// The grid company denied; the installer company's admins hear that they may ask again.
    case denied

    /// How the outbox names the event (beside the case events).
    public var outboxEvent: String { "registration." + rawValue }
}

/// What a registration e-mail says: the two companies, the installer company's Elsäkerhetsverket
/// registration number (what the grid company checks before approving) and the link to Registreringar.
public struct RegistrationNotificationFacts: Sendable, Equatable {
    public let installerCompanyName: String
    public let electricalSafetyRegistration: String?
    public let gridCompanyName: String
    public let link: String

    public init(installerCompanyName: String, electricalSafetyRegistration: String?, gridCompanyName: String, link: String) {
        self.installerCompanyName = installerCompanyName
        self.electricalSafetyRegistration = electricalSafetyRegistration
        self.gridCompanyName = gridCompanyName
        self.link = link
    }
}

/// The Swedish subject and body of each registration e-mail.
public enum RegistrationNotificationText {
    public static func subject(_ event: RegistrationNotificationEvent, _ facts: RegistrationNotificationFacts) -> String {
        switch event {
        case .requested: "Ansökan om registrering från \(facts.installerCompanyName)"
        case .approved: "Registreringen hos \(facts.gridCompanyName) är godkänd"
        case .denied: "Ansökan om registrering hos \(facts.gridCompanyName) är avslagen"
        }
    }

    public static func body(_ event: RegistrationNotificationEvent, _ facts: RegistrationNotificationFacts) -> String {
        let what: String = switch event {
        case .requested:
            """
            \(facts.installerCompanyName) ansöker om att få skicka anmälningar till \(facts.gridCompanyName).
            Elsäkerhetsverkets registreringsnummer: \(facts.electricalSafetyRegistration ?? "saknas")

            Kontrollera företaget och godkänn eller avslå ansökan under Registreringar.
            """
        case .approved:
            """
            \(facts.gridCompanyName) har godkänt registreringen av \(facts.installerCompanyName).
            Företagets elinstallatörer kan nu skicka anmälningar till \(facts.gridCompanyName).
            """
        case .denied:
            """
            \(facts.gridCompanyName) har avslagit ansökan från \(facts.installerCompanyName).
            Kontakta nätbolaget om ni vill veta varför. Ni kan ansöka igen under Registreringar.
            """
        }
        return """
            \(what)

            Registreringar: \(facts.link)

            Detta meddelande skickades automatiskt av Gridcase. Svara inte på det.
            """
    }
}

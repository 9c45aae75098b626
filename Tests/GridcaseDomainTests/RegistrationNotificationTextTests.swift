import Testing
@testable import GridcaseDomain

@Suite struct RegistrationNotificationTextTests {
    let facts = RegistrationNotificationFacts(
        installerCompanyName: "Öresunds Elinstallation AB", electricalSafetyRegistration: "1004521",
        gridCompanyName: "Vätterbygdens Nät AB", link: "https://gridcase.example/admin/registrations")

    @Test func theRequestTellsTheGridCompanyWhoAsksWithTheirRegistrationNumber() {
        #expect(RegistrationNotificationText.subject(.requested, facts) == "Ansökan om registrering från Öresunds Elinstallation AB")
        let body = RegistrationNotificationText.body(.requested, facts)
        #expect(body.contains("Öresunds Elinstallation AB ansöker om att få skicka anmälningar till Vätterbygdens Nät AB."))
        #expect(body.contains("Elsäkerhetsverkets registreringsnummer: 1004521"))
        let unregistered = RegistrationNotificationFacts(installerCompanyName: "Ny El AB", electricalSafetyRegistration: nil,
                                                         gridCompanyName: "Vätterbygdens Nät AB", link: facts.link)
        #expect(RegistrationNotificationText.body(.requested, unregistered).contains("Elsäkerhetsverkets registreringsnummer: saknas"))
    }

    @Test func theDecisionTellsTheInstallerCompanyWhatItMeans() {
        #expect(RegistrationNotificationText.subject(.approved, facts) == "Registreringen hos Vätterbygdens Nät AB är godkänd")
        #expect(RegistrationNotificationText.body(.approved, facts)
            .contains("Företagets elinstallatörer kan nu skicka anmälningar till Vätterbygdens Nät AB."))
        #expect(RegistrationNotificationText.subject(.denied, facts) == "Ansökan om registrering hos Vätterbygdens Nät AB är avslagen")
        #expect(RegistrationNotificationText.body(.denied, facts).contains("Ni kan ansöka igen under Registreringar."))
    }

    @Test(arguments: RegistrationNotificationEvent.allCases)
    func everyEventLinksToRegistreringarAndIsNamedApartFromTheCaseEvents(event: RegistrationNotificationEvent) {
        #expect(RegistrationNotificationText.body(event, facts).contains("Registreringar: https://gridcase.example/admin/registrations"))
        #expect(event.outboxEvent == "registration." + event.rawValue)
        #expect(CaseNotificationEvent(rawValue: event.outboxEvent) == nil)
    }
}

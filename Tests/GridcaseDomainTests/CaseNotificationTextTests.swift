import Testing
@testable import GridcaseDomain

@Suite struct CaseNotificationTextTests {
    let facts = CaseNotificationFacts(
        caseNumber: "KBE-2026-00001", heading: "Servisändring - Anläggning med en mätare", gridAreaName: "Helsingborg",
        gridCompanyName: "Kullabygdens Elnät AB", installerCompanyName: "Öresunds Elinstallation AB", actingSide: .gridCompany,
        link: "https://gridcase.example/cases/1")

    @Test(arguments: CaseNotificationEvent.allCases)
    func everyEventHasASwedishSubjectAndABodyWithTheLink(event: CaseNotificationEvent) {
        let subject = CaseNotificationText.subject(event, facts)
        let body = CaseNotificationText.body(event, facts)
        #expect(subject.hasPrefix("[KBE-2026-00001] "))
        #expect(body.contains("Öppna ärendet: https://gridcase.example/cases/1"))
        #expect(body.contains("Nätområde: Helsingborg"))
    }

    @Test func eachTransitionHasItsEvent() {
        #expect(CaseTransition.allCases.map(CaseNotificationEvent.init)
            == [.sent, .returned, .approved, .rejected, .completionReported, .closed, .cancelled])
        #expect(CaseNotificationText.subject(.approved, facts) == "[KBE-2026-00001] Godkänd – installationsmedgivande lämnat")
        #expect(CaseNotificationText.headline(.noteAdded, facts) == "Ny notering från Kullabygdens Elnät AB")
    }
}

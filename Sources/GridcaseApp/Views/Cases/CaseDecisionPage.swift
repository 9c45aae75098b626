import GridcaseDomain
import Vapor

/// The form of one decision: a reason (Åter för komplettering, Avslå, Makulera), the installationsmedgivande
/// (Godkänn), the färdiganmälan, or the connection that closes the case. What was typed stays on a refusal.
struct CaseDecisionPage: Page {
    static let template = "cases/decision"

    struct ErrorLink: Encodable, Sendable {
        let message: String
        let href: String
    }

    struct FieldGroup: Encodable, Sendable {
        let title: String
        let choices: [FieldView.ChoiceView]
    }

    /// What the user typed, as the inputs show it.
    struct Values: Encodable, Sendable {
        let reason: String
        let earliestConnectionDate: String
        let conditions: String
        let confirmedFacilityID: String
        let readyForConnectionDate: String
        let hasExistingMeter: Bool
        let existingMeterReading: String
        let existingMeterReadingDate: String
        let installationChecked: Bool
        let note: String
        let connectedDate: String
        let fittedMeterNumber: String
    }

    let title: String
    let header: CaseHeader
    let heading: String
    let intro: String
    let submitLabel: String
    let formAction: String
    let cancelHref: String
    let asksReason: Bool
    let reasonLabel: String
    let asksFieldsToFix: Bool
    let asksConsent: Bool
    let asksCompletion: Bool
    let asksConnection: Bool
    let isDestructive: Bool
    let values: Values
    let fieldGroups: [FieldGroup]
    /// Messages by form field name, shown next to the field and listed at the top.
    let errors: [String: String]
    let errorLinks: [ErrorLink]

    init(_ record: Case, transition: CaseTransition, input: CaseDecisionInput, errors: FieldErrors, req: Request) throws {
        let caseID = try record.requireID()
        header = CaseHeader(record)
        heading = transition.swedishName
        title = "\(transition.swedishName) \(record.caseNumber)"
        intro = Self.intro(transition)
        submitLabel = transition.swedishName
        formAction = SitePath.caseDecision(.value(caseID), .value(transition.rawValue)).relative
        cancelHref = SitePath.caseDetail(.value(caseID)).relative
        asksReason = [.returnForCompletion, .reject, .cancel].contains(transition)
        reasonLabel = transition == .returnForCompletion ? "Vad behöver kompletteras?" : "Motivering"
        asksFieldsToFix = transition == .returnForCompletion
        asksConsent = transition == .approve
        asksCompletion = transition == .reportCompletion
        asksConnection = transition == .close
        isDestructive = transition == .reject || transition == .cancel
        values = Values(
            reason: input.reason, earliestConnectionDate: input.earliestConnectionDate, conditions: input.conditions,
            confirmedFacilityID: input.confirmedFacilityID, readyForConnectionDate: input.readyForConnectionDate,
            hasExistingMeter: input.hasExistingMeter, existingMeterReading: input.existingMeterReading,
            existingMeterReadingDate: input.existingMeterReadingDate, installationChecked: input.installationChecked,
            note: input.note, connectedDate: input.connectedDate, fittedMeterNumber: input.fittedMeterNumber)
        let marked = Set(input.fieldsToFix)
        let microproduction = record.jobType.includesMicroproduction
        fieldGroups = transition == .returnForCompletion ? CaseSection.allCases.compactMap { section in
            if section == .microproduction, !microproduction { return nil }
            let choices = CaseFields.all.filter { $0.section == section }.map { field in
                FieldView.ChoiceView(value: field.key, label: field.label, isSelected: marked.contains(field.key),
                                     inputID: "fix-" + field.key.replacingOccurrences(of: ".", with: "-"))
            }
            return FieldGroup(title: section.swedishName, choices: choices)
        } : []
        self.errors = errors.messages
        errorLinks = Self.order.compactMap { name in errors[name].map { ErrorLink(message: $0, href: "#" + name) } }
    }

    /// The form's fields in page order, for the list of errors at the top.
    private static let order = [
        CaseDecisionRules.Field.reason, CaseDecisionRules.Field.fieldsToFix, CaseDecisionRules.Field.earliestConnectionDate,
        CaseDecisionRules.Field.confirmedFacilityID, CaseDecisionRules.Field.conditions, CaseDecisionRules.Field.readyForConnectionDate,
        CaseDecisionRules.Field.existingMeterReading, CaseDecisionRules.Field.existingMeterReadingDate,
        CaseDecisionRules.Field.installationChecked, CaseDecisionRules.Field.note, CaseDecisionRules.Field.connectedDate,
        CaseDecisionRules.Field.fittedMeterNumber,
    ]

    private static func intro(_ transition: CaseTransition) -> String {
        switch transition {
        case .send: ""
        case .returnForCompletion: "Elinstallatören får tillbaka anmälan, ser din motivering och de fält du markerar, rättar och skickar igen."
        case .approve: "Installationsmedgivandet visas för elinstallatören: arbetet får påbörjas enligt villkoren nedan."
        case .reject: "Anmälan avslås och kan inte skickas igen. Elinstallatören ser motiveringen."
        case .reportCompletion: "Meddela nätbolaget att installationen är klar för inkoppling."
        case .close: "Registrera att anläggningen är inkopplad eller mätaren monterad. Ärendet avslutas."
        case .cancel: "Ärendet makuleras och inget mer görs i det. Båda parter ser motiveringen."
        }
    }
}

/// What a user types to make a transition: a reason, the installationsmedgivande, the färdiganmälan or the
/// connection. Each transition reads only its own fields.
public struct CaseDecisionInput: Sendable, Equatable {
    public var reason = ""
    /// Field keys (`CaseFields`) the installer is asked to fix, on a return.
    public var fieldsToFix: [String] = []
    public var earliestConnectionDate = ""
    public var conditions = ""
    public var confirmedFacilityID = ""
    public var readyForConnectionDate = ""
    public var hasExistingMeter = false
    public var existingMeterReading = ""
    public var existingMeterReadingDate = ""
    public var installationChecked = false
    public var note = ""
    public var connectedDate = ""
    public var fittedMeterNumber = ""

    public init() {}
}

/// The record of a decision, as stored and shown: only what the transition asked for, normalised.
public struct CaseDecisionDetails: Codable, Sendable, Equatable {
    public var reason: String?
    public var fieldsToFix: [String]?
    public var earliestConnectionDate: String?
    public var conditions: String?
    public var confirmedFacilityID: String?
    public var readyForConnectionDate: String?
    public var existingMeterReading: String?
    public var existingMeterReadingDate: String?
    public var installationChecked: Bool?
    public var note: String?
    public var connectedDate: String?
    public var fittedMeterNumber: String?

    public init() {}
}

/// What each transition requires, checked before anything is stored. Messages are Swedish, keyed by the
/// form field they belong next to.
public enum CaseDecisionRules {
    public static let maximumTextLength = 4000

    /// The input's form field names, as the decision forms name their inputs.
    public enum Field {
        public static let reason = "reason"
        public static let fieldsToFix = "fieldsToFix"
        public static let earliestConnectionDate = "earliestConnectionDate"
        public static let conditions = "conditions"
        public static let confirmedFacilityID = "confirmedFacilityID"
        public static let readyForConnectionDate = "readyForConnectionDate"
        public static let existingMeterReading = "existingMeterReading"
        public static let existingMeterReadingDate = "existingMeterReadingDate"
        public static let installationChecked = "installationChecked"
        public static let note = "note"
        public static let connectedDate = "connectedDate"
        public static let fittedMeterNumber = "fittedMeterNumber"
    }

    /// The details to record, or the fields to correct.
    public static func validate(_ transition: CaseTransition, _ input: CaseDecisionInput, today: CalendarDate) -> Result<CaseDecisionDetails, FieldErrors> {
        var errors = FieldErrors()
        var details = CaseDecisionDetails()
        switch transition {
        case .send:
            break
        case .returnForCompletion, .reject, .cancel:
            details.reason = requiredText(input.reason, Field.reason, into: &errors, missing: reasonMissing(transition))
            if transition == .returnForCompletion {
                let unknown = input.fieldsToFix.filter { CaseFields.field($0) == nil }
                if !unknown.isEmpty { errors[Field.fieldsToFix] = "Välj bland fälten i anmälan." }
                let marked = input.fieldsToFix.filter { CaseFields.field($0) != nil }
                details.fieldsToFix = marked.isEmpty ? nil : Array(Set(marked)).sorted()
            }
        case .approve:
            details.earliestConnectionDate = date(input.earliestConnectionDate, Field.earliestConnectionDate, into: &errors,
                                                  missing: "Ange tidigaste datum för inkoppling.", notBefore: today)
            details.conditions = optionalText(input.conditions, Field.conditions, into: &errors)
            let facilityID = input.confirmedFacilityID.trimmed
            if facilityID.isEmpty {
                errors[Field.confirmedFacilityID] = "Ange anläggnings-ID (EAN) som medgivandet gäller."
            } else {
                details.confirmedFacilityID = errors.check(Field.confirmedFacilityID) { () throws(FieldError) in try GSRN(parsing: facilityID).normalized }
            }
        case .reportCompletion:
            details.readyForConnectionDate = date(input.readyForConnectionDate, Field.readyForConnectionDate, into: &errors,
                                                  missing: "Ange från vilket datum anläggningen är klar för inkoppling.")
            if input.hasExistingMeter {
                let reading = input.existingMeterReading.trimmed.replacingOccurrences(of: ",", with: ".")
                if reading.isEmpty {
                    errors[Field.existingMeterReading] = "Ange mätarställningen på den befintliga mätaren."
                } else if !isMeterReading(reading) {
                    errors[Field.existingMeterReading] = "Ange mätarställningen med siffror, till exempel 012345."
                } else {
                    details.existingMeterReading = reading
                }
                details.existingMeterReadingDate = date(input.existingMeterReadingDate, Field.existingMeterReadingDate, into: &errors,
                                                        missing: "Ange när mätarställningen lästes av.", notAfter: today)
            }
            if input.installationChecked {
                details.installationChecked = true
            } else {
                errors[Field.installationChecked] = "Intyga att installationen är kontrollerad och klar för inkoppling."
            }
            details.note = optionalText(input.note, Field.note, into: &errors)
        case .close:
            details.connectedDate = date(input.connectedDate, Field.connectedDate, into: &errors,
                                         missing: "Ange datum för inkoppling eller mätarmontage.", notAfter: today)
            let meter = input.fittedMeterNumber.trimmed
            if meter.count > 40 { errors[Field.fittedMeterNumber] = "Mätarnumret får ha högst 40 tecken." }
            details.fittedMeterNumber = meter.isEmpty || meter.count > 40 ? nil : meter
        }
        return errors.isEmpty ? .success(details) : .failure(errors)
    }

    private static func reasonMissing(_ transition: CaseTransition) -> String {
        switch transition {
        case .returnForCompletion: "Skriv vad installatören behöver komplettera."
        case .reject: "Skriv varför anmälan avslås."
        default: "Skriv varför ärendet makuleras."
        }
    }

    private static func requiredText(_ text: String, _ field: String, into errors: inout FieldErrors, missing: String) -> String? {
        let value = text.trimmed
        if value.isEmpty { errors[field] = missing; return nil }
        return optionalText(value, field, into: &errors)
    }

    private static func optionalText(_ text: String, _ field: String, into errors: inout FieldErrors) -> String? {
        let value = text.trimmed
        if value.count > maximumTextLength {
            errors[field] = "Texten får ha högst \(maximumTextLength) tecken."
            return nil
        }
        return value.isEmpty ? nil : value
    }

    private static func date(_ text: String, _ field: String, into errors: inout FieldErrors, missing: String,
                             notBefore earliest: CalendarDate? = nil, notAfter latest: CalendarDate? = nil) -> String? {
        let value = text.trimmed
        guard !value.isEmpty else { errors[field] = missing; return nil }
        guard let date = CalendarDate(isoString: value) else {
            errors[field] = "Ange ett datum som ÅÅÅÅ-MM-DD."
            return nil
        }
        if let earliest, date < earliest { errors[field] = "Datumet kan inte vara tidigare än i dag."; return nil }
        if let latest, date > latest { errors[field] = "Datumet kan inte vara senare än i dag."; return nil }
        return date.description
    }

    private static func isMeterReading(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
            return false
        }
        return parts[0].count <= 9 && (parts.count == 1 || parts[1].count <= 3)
    }
}

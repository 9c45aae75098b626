/// What the installer asks the register for: a meter number, an anläggnings-ID, or both.
public struct FacilityLookupKey: Equatable, Sendable {
    public let meterNumber: String?
    public let gsrn: GSRN?

    /// Checks the dialog's input before any register is asked (manual step 9: "Uppge antingen").
    public static func parse(meterNumber rawMeter: String, gsrn rawGSRN: String) -> Result<FacilityLookupKey, FacilityLookupOutcome> {
        let meter = rawMeter.trimmed
        let id = rawGSRN.trimmed
        if meter.isEmpty && id.isEmpty {
            return .failure(.invalidInput("Ange mätarnummer eller anläggnings-ID (EAN)."))
        }
        if meter.count > 40 { return .failure(.invalidInput("Mätarnumret är för långt.")) }
        var gsrn: GSRN?
        if !id.isEmpty {
            do throws(FieldError) {
                gsrn = try GSRN(parsing: id)
            } catch {
                return .failure(.invalidInput(error.message))
            }
        }
        return .success(FacilityLookupKey(meterNumber: meter.isEmpty ? nil : meter, gsrn: gsrn))
    }

    /// Whether a found record is the facility both given numbers point at.
    public func matches(_ record: FacilityRecord) -> Bool {
        if let gsrn, gsrn.normalized != record.gsrn { return false }
        if let meterNumber, meterNumber != record.meterNumber?.trimmed { return false }
        return true
    }
}

/// The answer of "Hämta data", with the status codes shown in the dialog ("Status kod", "Status text").
public enum FacilityLookupOutcome: Error, Equatable, Sendable {
    case found(FacilityRecord)
    /// The register answered that it has no such facility; the text says why.
    case notFound(String)
    /// The register could not be reached, or did not answer in time.
    case unavailable(String)
    /// The register answered with something that is not a facility.
    case invalidResponse(String)
    /// The input was refused before any register was asked.
    case invalidInput(String)
    /// The two numbers given belong to different facilities.
    case mismatch

    public var statusCode: Int {
        switch self {
        case .found: 100
        case .notFound: 201
        case .unavailable: 202
        case .invalidResponse: 203
        case .invalidInput: 210
        case .mismatch: 211
        }
    }

    public var statusText: String {
        switch self {
        case .found:
            "\"Hämta anläggningsdata\" slutfördes utan problem."
        case .notFound(let reason):
            "\"Hämta anläggningsdata\" misslyckades med följande felmeddelande: \(reason)"
        case .unavailable(let reason):
            "Nätbolagets register svarar inte just nu (\(reason)). Försök igen om en stund eller fyll i uppgifterna själv."
        case .invalidResponse(let reason):
            "Nätbolagets register svarade med något som inte kunde läsas (\(reason)). Kontakta nätbolaget om felet kvarstår."
        case .invalidInput(let message):
            message
        case .mismatch:
            "Mätarnumret och anläggnings-ID:t hör till olika anläggningar. Kontrollera numren eller ange bara det ena."
        }
    }
}

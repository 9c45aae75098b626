/// The first-level type of a notification (installationstyp).
public enum InstallationType: String, CaseIterable, Codable, Sendable {
    case newFacility
    case capacityIncrease
    case temporaryFacility
    case serviceConnectionChange
    case fuseChange
    case workInExistingFacility

    public var swedishName: String {
        switch self {
        case .newFacility: "Ny anläggning"
        case .capacityIncrease: "Utökning"
        case .temporaryFacility: "Tillfällig anläggning"
        case .serviceConnectionChange: "Servisändring"
        case .fuseChange: "Säkringsändring"
        case .workInExistingFacility: "Arbete i befintlig anläggning"
        }
    }
}

/// Where a case is in its life. The labels are the ones installers and grid companies know.
public enum CaseStatus: String, CaseIterable, Codable, Sendable {
    case draft
    case submitted
    case returned
    case rejected
    case approved
    case completionReported
    case closed
    case cancelled

    public var swedishName: String {
        switch self {
        case .draft: "Ej skickat"
        case .submitted: "För godkännande"
        case .returned: "Åter för komplettering"
        case .rejected: "Avslagen"
        case .approved: "Godkänd"
        case .completionReported: "Färdiganmäld"
        case .closed: "Avslutad"
        case .cancelled: "Makulerad"
        }
    }

    /// The installer may change the notification's fields: before it is sent, and when it is returned.
    public var installerMayEdit: Bool { self == .draft || self == .returned }

    /// Only a draft that never reached the grid company may be deleted.
    public var installerMayDelete: Bool { self == .draft }

    /// The grid company never sees a case that has not been sent.
    public var visibleToGridCompany: Bool { self != .draft }
}

/// What a user does in Gridcase. Every user has exactly one role within one organisation.
public enum Role: String, CaseIterable, Codable, Sendable {
    case installer
    case installerAdmin
    case caseHandler
    case gridAdmin
    case systemAdmin

    /// The kind of organisation a user of this role belongs to.
    public var organizationKind: OrganizationKind {
        switch self {
        case .installer, .installerAdmin: .installerCompany
        case .caseHandler, .gridAdmin: .gridCompany
        case .systemAdmin: .operator
        }
    }

    public var swedishName: String {
        switch self {
        case .installer: "Elinstallatör"
        case .installerAdmin: "Administratör, elinstallationsföretag"
        case .caseHandler: "Handläggare"
        case .gridAdmin: "Administratör, nätbolag"
        case .systemAdmin: "Systemadministratör"
        }
    }
}

/// The three kinds of organisation: grid companies receive cases, installer companies send them, and the
/// operator runs the Gridcase installation itself.
public enum OrganizationKind: String, CaseIterable, Codable, Sendable {
    case gridCompany
    case installerCompany
    case `operator`

    public var swedishName: String {
        switch self {
        case .gridCompany: "Nätbolag"
        case .installerCompany: "Elinstallationsföretag"
        case .operator: "Driftorganisation"
        }
    }
}

import Foundation

/// Who is acting: the signed-in user's role and organisation.
public struct Actor: Hashable, Sendable {
    public let userID: UUID
    public let organizationID: UUID
    public let role: Role

    public init(userID: UUID, organizationID: UUID, role: Role) {
        self.userID = userID
        self.organizationID = organizationID
        self.role = role
    }
}

/// Something a user may try to do to data owned by an organisation.
public enum Action: String, CaseIterable, Sendable {
    /// See an organisation's profile, its grid areas and its registrations.
    case viewOrganization
    /// Create, change and deactivate an organisation's users.
    case manageUsers
    /// Add and change a grid company's grid areas.
    case manageGridAreas
    /// Create organisations and see every organisation (the operator's work).
    case manageOrganizations
    /// File notifications (cases) as an installer company.
    case fileCases
    /// Receive and handle the cases sent to a grid company.
    case handleCases
    /// Follow up who has seen the personal data in the organisation's cases (the access log).
    case followUpAccessLog
    /// Answer a person's request: export or erase their data in the organisation's cases (the operator: all).
    case answerDataSubjectRequests
    /// Set how the grid company handles cases: service-level targets, offered types, mandatory fields.
    case configureCaseHandling
    /// Registrations between installer companies and grid companies: the installer company's admin asks,
    /// the grid company's admin approves or denies.
    case manageRegistrations
}

/// Whose data the action touches, seen from the actor.
public enum Ownership: String, CaseIterable, Sendable {
    case ownOrganization
    case otherOrganization
}

/// The one place that decides who may do what (role x action x ownership). Handlers ask it; they never
/// compare roles themselves.
public enum AccessPolicy {
    public enum Decision: Equatable, Sendable {
        case allowed
        /// The actor may know the data exists but may not do this (answered 403).
        case forbidden
        /// The data belongs to someone the actor has no business with (answered like a missing id: 404).
        case notFound
    }

    private static let own: Set<Ownership> = [.ownOrganization]
    private static let any: Set<Ownership> = Set(Ownership.allCases)

    /// For each role, each action it may take and on whose data.
    static let grants: [Role: [Action: Set<Ownership>]] = [
        .installer: [.viewOrganization: own, .fileCases: own],
        .installerAdmin: [.viewOrganization: own, .fileCases: own, .manageUsers: own, .followUpAccessLog: own,
                          .answerDataSubjectRequests: own, .manageRegistrations: own],
        .caseHandler: [.viewOrganization: own, .handleCases: own],
        .gridAdmin: [.viewOrganization: own, .handleCases: own, .manageUsers: own, .manageGridAreas: own, .followUpAccessLog: own,
                     .answerDataSubjectRequests: own, .configureCaseHandling: own, .manageRegistrations: own],
        .systemAdmin: [
            .viewOrganization: any, .manageUsers: any, .manageGridAreas: any, .manageOrganizations: any,
            .answerDataSubjectRequests: any,
        ],
    ]

    public static func isAllowed(_ role: Role, _ action: Action, _ ownership: Ownership) -> Bool {
        grants[role]?[action]?.contains(ownership) ?? false
    }

    /// The decision for `actor` doing `action` on data owned by `ownerOrganizationID`.
    public static func decide(_ actor: Actor, _ action: Action, ownerOrganizationID: UUID) -> Decision {
        let ownership: Ownership = actor.organizationID == ownerOrganizationID ? .ownOrganization : .otherOrganization
        if isAllowed(actor.role, action, ownership) { return .allowed }
        // Another organisation's data the actor may not touch must look exactly like data that does not exist.
        return ownership == .otherOrganization ? .notFound : .forbidden
    }
}

/// Something a user may try to do with a case.
public enum CaseAction: String, CaseIterable, Sendable {
    /// See the case with its fields, notes, attachments and history; print it.
    case view
    /// Change the notification's fields, send it, delete a draft, fetch facility data into it.
    case edit
    /// Write a note or add an attachment.
    case contribute
    /// See the case's access log: who has seen its personal data.
    case followUpAccess
}

/// Who a case belongs to: the installer company that files it and the grid company it is filed with.
public struct CaseOwnership: Sendable {
    public let installerCompanyID: UUID
    public let gridCompanyID: UUID
    public let status: CaseStatus

    public init(installerCompanyID: UUID, gridCompanyID: UUID, status: CaseStatus) {
        self.installerCompanyID = installerCompanyID
        self.gridCompanyID = gridCompanyID
        self.status = status
    }
}

extension AccessPolicy {
    /// Everyone in the installer company sees and works on its cases; the grid company's handlers and
    /// admins see the cases sent to it; nobody else knows the case exists. Whether the case's status
    /// allows a change is the case's own rule (`CaseStatus`), asked after this.
    public static func decide(_ actor: Actor, _ action: CaseAction, on ownership: CaseOwnership) -> Decision {
        let isInstallerSide = actor.organizationID == ownership.installerCompanyID
            && isAllowed(actor.role, .fileCases, .ownOrganization)
        let isGridSide = actor.organizationID == ownership.gridCompanyID
            && isAllowed(actor.role, .handleCases, .ownOrganization)
            && ownership.status.visibleToGridCompany
        guard isInstallerSide || isGridSide else { return .notFound }
        if action == .followUpAccess {
            return isAllowed(actor.role, .followUpAccessLog, .ownOrganization) ? .allowed : .forbidden
        }
        if isInstallerSide { return .allowed }
        return action == .edit ? .forbidden : .allowed
    }
}

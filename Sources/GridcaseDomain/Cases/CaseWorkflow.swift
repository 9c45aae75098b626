/// The case's way through the Swedish industry process: föranmälan -> installationsmedgivande ->
/// färdiganmälan -> connection -> closed, with returns, rejections and cancellations. Every status change in
/// Gridcase is one of these transitions, allowed only from the listed statuses and only to the listed side.
public enum CaseTransition: String, CaseIterable, Codable, Sendable {
    /// Skicka föranmälan (again, after a return).
    case send
    /// Åter för komplettering: the handler sends the case back with a reason.
    case returnForCompletion = "return"
    /// Godkänn: the installationsmedgivande.
    case approve
    /// Avslå, with a reason.
    case reject
    /// Färdiganmälan: the installer reports the work done and ready for connection.
    case reportCompletion = "complete"
    /// The grid company has connected the facility / fitted the meter.
    case close
    /// Makulera, by either side, with a reason.
    case cancel

    public var to: CaseStatus {
        switch self {
        case .send: .submitted
        case .returnForCompletion: .returned
        case .approve: .approved
        case .reject: .rejected
        case .reportCompletion: .completionReported
        case .close: .closed
        case .cancel: .cancelled
        }
    }

    /// The statuses the transition starts from.
    public var from: Set<CaseStatus> {
        switch self {
        case .send: [.draft, .returned]
        case .returnForCompletion, .approve, .reject: [.submitted]
        case .reportCompletion: [.approved]
        case .close: [.completionReported]
        case .cancel: [.submitted, .returned, .approved, .completionReported]
        }
    }

    /// Which side of the case may make it.
    public var sides: Set<CaseSide> {
        switch self {
        case .send, .reportCompletion: [.installerCompany]
        case .returnForCompletion, .approve, .reject, .close: [.gridCompany]
        case .cancel: [.installerCompany, .gridCompany]
        }
    }

    /// The button and page title.
    public var swedishName: String {
        switch self {
        case .send: "Skicka föranmälan"
        case .returnForCompletion: "Åter för komplettering"
        case .approve: "Godkänn"
        case .reject: "Avslå"
        case .reportCompletion: "Färdiganmälan"
        case .close: "Registrera inkoppling och avsluta"
        case .cancel: "Makulera"
        }
    }

    /// What the record of the decision says happened, in the case's history.
    public var pastTense: String {
        switch self {
        case .send: "Skickad för godkännande"
        case .returnForCompletion: "Skickad åter för komplettering"
        case .approve: "Godkänd, installationsmedgivande lämnat"
        case .reject: "Avslagen"
        case .reportCompletion: "Färdiganmäld"
        case .close: "Inkopplad och avslutad"
        case .cancel: "Makulerad"
        }
    }
}

/// The two parties of a case. The operator's staff is neither: they never act on cases.
public enum CaseSide: String, CaseIterable, Sendable {
    case installerCompany
    case gridCompany

    /// The side a role works on, if any.
    public init?(role: Role) {
        switch role {
        case .installer, .installerAdmin: self = .installerCompany
        case .caseHandler, .gridAdmin: self = .gridCompany
        case .systemAdmin: return nil
        }
    }
}

/// Why a transition was refused, in Swedish for the user.
public enum CaseTransitionRefusal: Error, Equatable, Sendable {
    /// The user's side may not make this transition at all.
    case notYourSide(CaseTransition)
    /// The case is not in a status the transition starts from.
    case wrongStatus(CaseTransition, CaseStatus)

    public var message: String {
        switch self {
        case .notYourSide(let transition):
            switch transition {
            case .send, .reportCompletion: "Bara elinstallationsföretaget kan göra \(transition.swedishName.lowercased())."
            case .returnForCompletion, .approve, .reject, .close: "Bara nätbolagets handläggare kan göra detta: \(transition.swedishName.lowercased())."
            case .cancel: "Du kan inte makulera ärendet."
            }
        case .wrongStatus(let transition, let status):
            "Ärendet har status \(status.swedishName) och kan inte längre \(transition.infinitive)."
        }
    }
}

extension CaseTransition {
    var infinitive: String {
        switch self {
        case .send: "skickas för godkännande"
        case .returnForCompletion: "skickas åter för komplettering"
        case .approve: "godkännas"
        case .reject: "avslås"
        case .reportCompletion: "färdiganmälas"
        case .close: "avslutas"
        case .cancel: "makuleras"
        }
    }
}

/// The state machine: who may move a case from which status, and what may be done in each status.
public enum CaseWorkflow {
    /// The status after `transition`, or why it is refused, for a user of `role` on a case in `status`.
    /// Ownership (is it this user's company's case at all) is `AccessPolicy`'s question, asked first.
    public static func decide(_ transition: CaseTransition, from status: CaseStatus, by role: Role) -> Result<CaseStatus, CaseTransitionRefusal> {
        guard let side = CaseSide(role: role), transition.sides.contains(side) else { return .failure(.notYourSide(transition)) }
        guard transition.from.contains(status) else { return .failure(.wrongStatus(transition, status)) }
        return .success(transition.to)
    }

    /// The transitions a user of `role` may make now, in the order the page offers them.
    public static func available(from status: CaseStatus, to role: Role) -> [CaseTransition] {
        CaseTransition.allCases.filter { (try? decide($0, from: status, by: role).get()) != nil }
    }

    /// Taking or assigning a case: the grid company's side, while the case is still being worked on.
    public static func mayAssign(_ status: CaseStatus, by role: Role) -> Bool {
        CaseSide(role: role) == .gridCompany && !status.isFinished && status.visibleToGridCompany
    }
}

extension CaseStatus {
    /// Avslagen, Avslutad and Makulerad: nothing more happens to the case.
    public var isFinished: Bool { self == .rejected || self == .closed || self == .cancelled }
}

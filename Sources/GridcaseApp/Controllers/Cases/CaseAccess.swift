import Fluent
import GridcaseDomain
import Vapor

extension Request {
    /// The case named in the path with its company, area and job type, when the user may do `action` with
    /// it. Another organisation's case answers 404, exactly like a case that does not exist.
    func authorizedCase(_ action: CaseAction) async throws -> Case {
        let id = try uuidParameter(SitePath.caseIDKey)
        guard let record = try await Case.query(on: db)
            .filter(\.$id == id)
            .with(\.$gridCompany).with(\.$installerCompany).with(\.$gridArea).with(\.$jobType).with(\.$assignedHandler)
            .first()
        else { throw Abort(.notFound) }
        switch AccessPolicy.decide(try currentUser.actor, action, on: record.ownership) {
        case .allowed: return record
        case .forbidden: throw Abort(.forbidden)
        case .notFound: throw Abort(.notFound)
        }
    }

    var caseCreation: CaseCreation { CaseCreation(database: db, clock: clock, cipher: personalData) }
    var caseEditing: CaseEditing { CaseEditing(database: db, clock: clock, cipher: personalData, notifier: caseNotifier) }
}

extension CurrentUser {
    /// A handler or admin of the grid company the case was sent to.
    func isGridSide(of record: Case) -> Bool {
        organizationID == record.$gridCompany.id && CaseSide(role: role) == .gridCompany
    }
}

/// The line that names a case everywhere: "Servisändring - Anläggning med en mätare, Ej skickat".
struct CaseHeader: Encodable, Sendable {
    let caseNumber: String
    let heading: String
    let statusName: String
    let status: String
    let gridCompanyName: String
    let gridAreaName: String
    let installerCompanyName: String
    let createdAt: String
    let submittedAt: String?

    /// Needs the case loaded with its grid company, installer company, area and job type.
    init(_ record: Case) {
        caseNumber = record.caseNumber
        heading = "\(record.installationType.swedishName) - \(record.jobType.name)"
        statusName = record.status.swedishName
        status = record.status.rawValue
        gridCompanyName = record.gridCompany.name
        gridAreaName = record.gridArea.name
        installerCompanyName = record.installerCompany.name
        createdAt = DisplayFormat.dateTime(record.createdAt)
        submittedAt = record.submittedAt.map(DisplayFormat.dateTime)
    }
}

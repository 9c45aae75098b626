import Fluent
import Foundation

/// One access to a case's personal data (see M009: the table only grows).
// Fluent models are reference types whose properties Fluent mutates; Sendable is asserted, not checked.
final class AccessLogEntry: Model, @unchecked Sendable {
    static let schema = "access_log"

    /// What was done with the personal data.
    enum Action: String, Codable, CaseIterable, Sendable {
        case viewed
        case editForm
        case printed
        case revealedIdentityNumber
        case searchHit
        case registerData
        case exported

        var swedishName: String {
            switch self {
            case .viewed: "Visade ärendet"
            case .editForm: "Öppnade ärendet för redigering"
            case .printed: "Skrev ut ärendet"
            case .revealedIdentityNumber: "Visade fullständigt personnummer"
            case .searchHit: "Ärendet i en sökträff"
            case .registerData: "Hämtade kunddata ur anläggningsregistret"
            case .exported: "Exporterade personens uppgifter"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "at") var at: Date
    @Field(key: "user_id") var userID: UUID
    @Field(key: "organization_id") var organizationID: UUID
    @OptionalField(key: "case_id") var caseID: UUID?
    @Field(key: "action") var action: Action
    @Field(key: "purpose") var purpose: String

    init() {}

    init(at: Date, userID: UUID, organizationID: UUID, caseID: UUID?, action: Action, purpose: String) {
        self.at = at
        self.userID = userID
        self.organizationID = organizationID
        self.caseID = caseID
        self.action = action
        self.purpose = purpose
    }
}

import Fluent
import Vapor

/// A signed-in browser. Stored in the database so that every app instance shares it; the id is the SHA-256
/// of the cookie's token, so the table alone cannot be used to sign in.
// Fluent models are reference types whose properties Fluent mutates; Sendable is asserted, not checked.
final class UserSession: Model, @unchecked Sendable {
    static let schema = "sessions"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Parent(key: "user_id") var user: User
    /// The token every state-changing form of this session must carry.
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    /// Each list's filter and search words, as JSON by list name: kept here so they stay out of URLs.
    @OptionalField(key: "list_filters") var listFilters: String?

    init() {}

    init(tokenHash: String, userID: UUID, csrfToken: String, createdAt: Date) {
        self.id = tokenHash
        self.$user.id = userID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.lastSeenAt = createdAt
    }
}

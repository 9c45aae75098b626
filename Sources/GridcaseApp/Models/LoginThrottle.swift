import Fluent
import Vapor

/// Failed sign-ins counted per key ("account:<e-mail>" or "address:<client>"), shared by all instances.
// Fluent models are reference types whose properties Fluent mutates; Sendable is asserted, not checked.
final class LoginThrottle: Model, @unchecked Sendable {
    static let schema = "login_throttles"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "failures") var failures: Int
    @Field(key: "window_started_at") var windowStartedAt: Date

    init() {}

    init(key: String, failures: Int, windowStartedAt: Date) {
        self.id = key
        self.failures = failures
        self.windowStartedAt = windowStartedAt
    }
}

import GridcaseDomain
import Vapor

/// Refuses every state-changing request that does not carry the form token of its session (or, before
/// sign-in, of its browser). Forms carry the token in the hidden field `_csrf`; scripts send the header
/// `X-CSRF-Token`. Future-based: reading requests pass on without a task; only a check starts one.
struct CSRFMiddleware: Middleware {
    static let fieldName = "_csrf"
    static let headerName = "X-CSRF-Token"
    /// Before sign-in the token lives in its own cookie (double submit); after, in the session row.
    static let anonymousCookieName = "gridcase_csrf"
    /// Room for the largest attachment and the form around it.
    static let signedInBodyLimit = AttachmentRules.maximumBytes + 1024 * 1024
    static let anonymousBodyLimit = 64 * 1024

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let checked = [.GET, .HEAD, .OPTIONS].contains(request.method)
            ? request.eventLoop.makeSucceededVoidFuture()
            : request.eventLoop.makeFutureWithTask { try await Self.check(request) }
        return checked.flatMap { next.respond(to: request) }.map { response in
            if let issued = request.storage[IssuedAnonymousToken.self] {
                response.cookies[Self.anonymousCookieName] = request.application.cookieFactory.session(issued)
            }
            return response
        }
    }

    /// Refuses a state-changing request whose token is missing or wrong.
    private static func check(_ request: Request) async throws {
        // The token may be in a streamed body (uploads): collect it first, within the route's limits.
        if request.body.data == nil {
            let limit = request.auth.has(CurrentUser.self) ? signedInBodyLimit : anonymousBodyLimit
            _ = try await request.body.collect(max: limit).get()
        }
        let sent = request.headers.first(name: headerName)
            ?? (try? request.content.get(String.self, at: fieldName))
        guard let sent, let expected = request.expectedCSRFToken,
              SecureToken.constantTimeEquals(sent, expected)
        else {
            request.logger.notice("Refused a request without a valid CSRF token", metadata: ["path": .string(request.url.path)])
            throw Abort(.forbidden, reason: ErrorPage.csrfReason)
        }
    }
}

private struct IssuedAnonymousToken: StorageKey {
    typealias Value = String
}

extension Request {
    /// The token that forms rendered for this request must carry.
    var csrfToken: String {
        if let expected = expectedCSRFToken { return expected }
        let issued = SecureToken.generate()
        storage[IssuedAnonymousToken.self] = issued
        return issued
    }

    fileprivate var expectedCSRFToken: String? {
        if let user = auth.get(CurrentUser.self) { return user.csrfToken }
        return storage[IssuedAnonymousToken.self] ?? cookies[CSRFMiddleware.anonymousCookieName]?.string
    }
}

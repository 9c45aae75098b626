import GridcaseDomain
import Vapor

/// Refuses every state-changing request that does not carry the form token of its session (or, before
/// sign-in, of its browser). Forms carry the token in the hidden field `_csrf`; scripts send the header
/// `X-CSRF-Token`.
struct CSRFMiddleware: AsyncMiddleware {
    static let fieldName = "_csrf"
    static let headerName = "X-CSRF-Token"
    /// Before sign-in the token lives in its own cookie (double submit); after, in the session row.
    static let anonymousCookieName = "gridcase_csrf"
    /// Room for the largest attachment and the form around it.
    static let signedInBodyLimit = AttachmentRules.maximumBytes + 1024 * 1024
    static let anonymousBodyLimit = 64 * 1024

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if ![.GET, .HEAD, .OPTIONS].contains(request.method) {
            // The token may be in a streamed body (uploads): collect it first, within the route's limits.
            if request.body.data == nil {
                let limit = request.auth.has(CurrentUser.self) ? Self.signedInBodyLimit : Self.anonymousBodyLimit
                _ = try await request.body.collect(max: limit).get()
            }
            let sent = request.headers.first(name: Self.headerName)
                ?? (try? request.content.get(String.self, at: Self.fieldName))
            guard let sent, let expected = request.expectedCSRFToken,
                  SecureToken.constantTimeEquals(sent, expected)
            else {
                request.logger.notice("Refused a request without a valid CSRF token", metadata: ["path": .string(request.url.path)])
                throw Abort(.forbidden, reason: ErrorPage.csrfReason)
            }
        }
        let response = try await next.respond(to: request)
        if let issued = request.storage[IssuedAnonymousToken.self] {
            response.cookies[Self.anonymousCookieName] = request.application.cookieFactory.session(issued)
        }
        return response
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

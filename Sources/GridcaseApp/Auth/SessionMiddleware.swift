import Vapor

/// Reads the session cookie, signs the user in for this request, and clears a cookie whose session is gone.
/// Future-based: a request without the cookie (the API, /health, the login page) passes on without a task.
struct SessionMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard let token = request.cookies[SessionStore.cookieName]?.string else {
            return next.respond(to: request)
        }
        return request.eventLoop.makeFutureWithTask { try await Self.signIn(request, token: token) }
            .flatMap { signedIn in
                next.respond(to: request).map { response in
                    if !signedIn, response.cookies[SessionStore.cookieName] == nil {
                        response.cookies[SessionStore.cookieName] = request.application.cookieFactory.expired()
                    }
                    return response
                }
            }
    }

    /// Signs in the session's user for this request; false when the session is gone (the cookie is stale).
    private static func signIn(_ request: Request, token: String) async throws -> Bool {
        guard let (session, user, organization) = try await request.sessions.find(token: token),
              let userID = user.id, let organizationID = organization.id, let sessionID = session.id
        else { return false }
        request.auth.login(CurrentUser(
            id: userID, name: user.name, email: user.email, role: user.role,
            organizationID: organizationID, organizationName: organization.name,
            organizationKind: organization.kind, sessionID: sessionID, csrfToken: session.csrfToken
        ))
        return true
    }
}

/// Sends a visitor who is not signed in to the login page (pages) or answers 401 (other requests).
struct RequireSignIn: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard request.auth.has(CurrentUser.self) else {
            if request.method == .GET {
                return request.eventLoop.makeSucceededFuture(request.redirect(to: SitePath.login.relative))
            }
            return request.eventLoop.makeFailedFuture(Abort(.unauthorized))
        }
        return next.respond(to: request)
    }
}

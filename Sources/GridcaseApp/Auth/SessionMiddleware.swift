import Vapor

/// Reads the session cookie, signs the user in for this request, and clears a cookie whose session is gone.
struct SessionMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        var staleCookie = false
        if let token = request.cookies[SessionStore.cookieName]?.string {
            if let (session, user, organization) = try await request.sessions.find(token: token),
               let userID = user.id, let organizationID = organization.id, let sessionID = session.id
            {
                request.auth.login(CurrentUser(
                    id: userID, name: user.name, email: user.email, role: user.role,
                    organizationID: organizationID, organizationName: organization.name,
                    organizationKind: organization.kind, sessionID: sessionID, csrfToken: session.csrfToken
                ))
            } else {
                staleCookie = true
            }
        }
        let response = try await next.respond(to: request)
        if staleCookie, response.cookies[SessionStore.cookieName] == nil {
            response.cookies[SessionStore.cookieName] = request.application.cookieFactory.expired()
        }
        return response
    }
}

/// Sends a visitor who is not signed in to the login page (pages) or answers 401 (other requests).
struct RequireSignIn: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.auth.has(CurrentUser.self) else {
            if request.method == .GET {
                return request.redirect(to: SitePath.login.relative)
            }
            throw Abort(.unauthorized)
        }
        return try await next.respond(to: request)
    }
}

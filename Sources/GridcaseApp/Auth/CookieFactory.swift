import Vapor

/// Builds the cookies Gridcase sets, with the same flags everywhere.
struct CookieFactory: Sendable {
    let secure: Bool

    /// HttpOnly, SameSite=Lax, Secure when configured; lives as long as the browser session.
    func session(_ value: String) -> HTTPCookies.Value {
        HTTPCookies.Value(string: value, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }

    func expired() -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/",
            isSecure: secure, isHTTPOnly: true, sameSite: .lax
        )
    }
}

extension Application {
    var cookieFactory: CookieFactory { CookieFactory(secure: appConfig.secureCookies) }
}

import Foundation
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting
@testable import GridcaseApp

/// Drives the application like a browser: keeps cookies and reads the form token from the last page.
final class Browser: @unchecked Sendable {
    let app: Application
    private(set) var cookies: [String: String] = [:]
    private(set) var lastCSRFToken: String?

    init(app: Application) {
        self.app = app
    }

    @discardableResult
    func get(_ path: String) async throws -> TestingHTTPResponse {
        let response = try await send(.GET, path)
        if let token = Self.csrfToken(in: response.body.string) { lastCSRFToken = token }
        return response
    }

    /// Posts a form with the token of the last page (fetching `tokenFrom` first when given).
    @discardableResult
    func post(_ path: String, form: [String: String], csrf: String? = nil) async throws -> TestingHTTPResponse {
        var fields = form
        if fields["_csrf"] == nil, let token = csrf ?? lastCSRFToken { fields["_csrf"] = token }
        let body = fields.map { key, value in "\(Self.encode(key))=\(Self.encode(value))" }.joined(separator: "&")
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        let response = try await send(.POST, path, headers: headers, body: ByteBuffer(string: body))
        if let token = Self.csrfToken(in: response.body.string) { lastCSRFToken = token }
        return response
    }

    func login(email: String, password: String) async throws -> TestingHTTPResponse {
        try await get(SitePath.login.relative)
        return try await post(SitePath.login.relative, form: ["email": email, "password": password])
    }

    func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders = [:], body: ByteBuffer? = nil) async throws -> TestingHTTPResponse {
        var headers = headers
        if !cookies.isEmpty {
            headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: body)
        for header in response.headers[.setCookie] {
            guard let pair = header.split(separator: ";").first, let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals]).trimmingCharacters(in: .whitespaces)
            let value = String(pair[pair.index(after: equals)...])
            let expired = header.lowercased().contains("max-age=0")
            if expired || value.isEmpty { cookies[name] = nil } else { cookies[name] = value }
        }
        return response
    }

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: #"name="_csrf" value="([^"]+)""#, options: .regularExpression) else { return nil }
        let match = html[range]
        return match.split(separator: "\"").dropFirst(3).first.map(String.init)
    }

    private static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}

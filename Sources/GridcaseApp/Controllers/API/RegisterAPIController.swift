import Fluent
import GridcaseDomain
import Vapor

/// GET /api/v1/grid-companies/{id}/installations?meterNumber=…|gsrn=…: the embedded register over the
/// same JSON contract the HTTP connector expects (docs/facility-register.md), so any system, or another
/// Gridcase, can use it. Bearer token per grid company; a wrong token and an unknown company look alike.
struct RegisterAPIController {
    struct ErrorBody: Content {
        let error: String
    }

    /// The query's items, percent-decoded (`+` is a space); the first of a repeated name counts. Read by hand:
    /// the general form decoder costs more than the rest of a lookup's own work.
    static func queryItems(_ query: String?) -> [String: String] {
        var items: [String: String] = [:]
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ text: Substring) -> String? {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            }
            guard let name = decoded(parts[0]), items[name] == nil else { continue }
            items[name] = parts.count > 1 ? decoded(parts[1]) ?? "" : ""
        }
        return items
    }

    @Sendable func lookUp(req: Request) async throws -> Response {
        let id = try req.uuidParameter(SitePath.organizationIDKey)
        guard let token = req.headers.bearerAuthorization?.token else { return try await Self.unauthorized(req) }
        let key: FacilityLookupKey
        let query = Self.queryItems(req.url.query)
        switch FacilityLookupKey.parse(meterNumber: query["meterNumber"] ?? "", gsrn: query["gsrn"] ?? "") {
        case .success(let parsed): key = parsed
        case .failure(let refused): return try await Self.json(ErrorBody(error: refused.statusText), status: .badRequest, for: req)
        }
        let register = EmbeddedFacilityRegister(database: req.db, gridCompanyID: id, logger: req.logger)
        guard let answer = await register.document(for: key, authorizedByTokenHash: SecureToken.hash(token)) else {
            return try await Self.unauthorized(req)
        }
        switch answer {
        case .success(let document):
            // The stored document is the contract's answer as it is: no decoding and encoding again.
            var headers = HTTPHeaders()
            headers.contentType = .json
            headers.replaceOrAdd(name: .cacheControl, value: "no-store")
            return Response(status: .ok, headers: headers, body: .init(string: document))
        case .failure(.found(let record)):
            return try await Self.json(record, status: .ok, for: req)
        case .failure(.notFound), .failure(.mismatch):
            return try await Self.json(ErrorBody(error: "Installation not found"), status: .notFound, for: req)
        case .failure(.unavailable), .failure(.invalidResponse), .failure(.invalidInput):
            return try await Self.json(ErrorBody(error: "Register unavailable"), status: .serviceUnavailable, for: req)
        }
    }

    private static func unauthorized(_ req: Request) async throws -> Response {
        try await json(ErrorBody(error: "Invalid token"), status: .unauthorized, for: req)
    }

    /// The answer holds a customer's name and address: no cache may keep it.
    private static func json(_ body: some Content, status: HTTPStatus, for req: Request) async throws -> Response {
        let response = try await body.encodeResponse(status: status, for: req)
        // The answer holds a customer's name and address: no cache may keep it.
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}

extension FacilityRecord: Content {}

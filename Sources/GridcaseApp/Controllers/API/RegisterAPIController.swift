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

    @Sendable func lookUp(req: Request) async throws -> Response {
        let id = try req.uuidParameter(SitePath.organizationIDKey)
        guard let token = req.headers.bearerAuthorization?.token,
              let company = try await Organization.query(on: req.db)
                .filter(\.$id == id).filter(\.$kind == .gridCompany).first(),
              let expected = company.registerAPITokenHash,
              SecureToken.constantTimeEquals(SecureToken.hash(token), expected)
        else {
            return try await Self.json(ErrorBody(error: "Invalid token"), status: .unauthorized, for: req)
        }
        let key: FacilityLookupKey
        switch FacilityLookupKey.parse(meterNumber: req.query[String.self, at: "meterNumber"] ?? "",
                                       gsrn: req.query[String.self, at: "gsrn"] ?? "") {
        case .success(let parsed): key = parsed
        case .failure(let refused): return try await Self.json(ErrorBody(error: refused.statusText), status: .badRequest, for: req)
        }
        let register = EmbeddedFacilityRegister(database: req.db, gridCompanyID: id, logger: req.logger)
        switch await register.lookUp(key) {
        case .found(let record):
            return try await Self.json(record, status: .ok, for: req)
        case .notFound, .mismatch:
            return try await Self.json(ErrorBody(error: "Installation not found"), status: .notFound, for: req)
        case .unavailable, .invalidResponse, .invalidInput:
            return try await Self.json(ErrorBody(error: "Register unavailable"), status: .serviceUnavailable, for: req)
        }
    }

    private static func json(_ body: some Content, status: HTTPStatus, for req: Request) async throws -> Response {
        let response = try await body.encodeResponse(status: status, for: req)
        // The answer holds a customer's name and address: no cache may keep it.
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}

extension FacilityRecord: Content {}

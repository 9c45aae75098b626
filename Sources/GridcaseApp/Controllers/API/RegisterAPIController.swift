import Fluent
import GridcaseDomain
import Vapor

/// GET /api/v1/grid-companies/{id}/installations?meterNumber=…|gsrn=…: the embedded register over the
/// same JSON contract the HTTP connector expects (docs/facility-register.md), so any system, or another
/// Gridcase, can use it. Bearer token per grid company; a wrong token and an unknown company look alike.
///
/// This is the register's hot path, so it is written with event-loop futures rather than async/await: the
/// request stays on its event loop, goes once to the database's thread and comes back, with no task to start
/// and no hops between the event loop and the concurrency pool (measured: scripts/bench/facility-lookup).
struct RegisterAPIController {
    struct ErrorBody: Content {
        let error: String
    }

    @Sendable func lookUp(req: Request) throws -> EventLoopFuture<Response> {
        // A malformed company id answers like an unknown one (or a missing token): 401 in the contract's JSON.
        guard let id = req.parameters.get(SitePath.organizationIDKey).flatMap(UUID.init(uuidString:)),
              let token = req.headers.bearerAuthorization?.token
        else { return req.eventLoop.makeSucceededFuture(try Self.unauthorized()) }
        let key: FacilityLookupKey
        let query = Self.queryItems(req.url.query)
        switch FacilityLookupKey.parse(meterNumber: query["meterNumber"] ?? "", gsrn: query["gsrn"] ?? "") {
        case .success(let parsed): key = parsed
        case .failure(let refused): return req.eventLoop.makeSucceededFuture(try Self.error(refused.statusText, status: .badRequest))
        }
        let tokenHash = SecureToken.hash(token)
        if let limit = req.application.registerAPIRateLimit {
            switch limit.admit(.init(gridCompanyID: id, tokenHash: tokenHash)) {
            case .admitted(refusedBefore: 0):
                break
            case .admitted(let refused):
                req.logger.notice("Register API rate limit no longer reached", metadata: Self.logMetadata(id, tokenHash, refused: refused))
            case .refused(let wait, let isFirst):
                // One line when a run of refusals starts and one when it ends: a flood does not flood the log.
                if isFirst {
                    req.logger.warning("Register API rate limit reached", metadata: Self.logMetadata(id, tokenHash, refused: nil))
                }
                return req.eventLoop.makeSucceededFuture(try Self.tooManyRequests(retryAfter: wait))
            }
        }
        let answer = if let reader = req.application.registerReader {
            reader.document(gridCompanyID: id, for: key, authorizedByTokenHash: tokenHash, on: req.eventLoop, logger: req.logger)
        } else {
            EmbeddedFacilityRegister(database: req.db, gridCompanyID: id, logger: req.logger)
                .document(for: key, authorizedByTokenHash: tokenHash)
        }
        return answer.flatMapThrowing { answer in
            switch answer {
            case nil:
                return try Self.unauthorized()
            case .success(let document):
                // The stored document is the contract's answer as it is: no decoding and encoding again.
                return Self.json(document, status: .ok)
            case .failure(.found(let record)):
                return Self.json(String(decoding: try JSONEncoder().encode(record), as: UTF8.self), status: .ok)
            case .failure(.notFound), .failure(.mismatch):
                return try Self.error("Installation not found", status: .notFound)
            case .failure(.unavailable), .failure(.invalidResponse), .failure(.invalidInput):
                return try Self.error("Register unavailable", status: .serviceUnavailable)
            }
        }
    }

    /// The query's items, percent-decoded (`+` is a space); the first of a repeated name counts, and a part
    /// with a bad escape or bad UTF-8 counts as empty. Read by hand: the general form decoder, and even
    /// Foundation's percent decoding, cost more than the rest of a lookup's own work.
    static func queryItems(_ query: String?) -> [String: String] {
        var items: [String: String] = [:]
        for pair in (query ?? "").utf8.split(separator: UInt8(ascii: "&")) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = percentDecoded(parts[0]), items[name] == nil else { continue }
            items[name] = parts.count > 1 ? percentDecoded(parts[1]) ?? "" : ""
        }
        return items
    }

    /// `+` becomes a space and `%XX` its byte; nil for a malformed escape or bytes that are not UTF-8.
    static func percentDecoded(_ text: Substring.UTF8View.SubSequence) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count)
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                let high = text.index(after: index)
                guard high < text.endIndex, text.index(after: high) < text.endIndex,
                      let upper = hexValue(text[high]), let lower = hexValue(text[text.index(after: high)]) else { return nil }
                bytes.append(upper << 4 | lower)
                index = text.index(after: high)
            default:
                bytes.append(byte)
            }
            index = text.index(after: index)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Which grid company and which token (a prefix of its hash; the token itself is never logged).
    private static func logMetadata(_ gridCompanyID: UUID, _ tokenHash: String, refused: Int?) -> Logger.Metadata {
        var metadata: Logger.Metadata = ["grid-company": .string(gridCompanyID.uuidString), "token-hash": .string(String(tokenHash.prefix(12)))]
        if let refused { metadata["refused"] = .stringConvertible(refused) }
        return metadata
    }

    private static func unauthorized() throws -> Response { try error("Invalid token", status: .unauthorized) }

    /// Over REGISTER_API_RATE_LIMIT for this grid company and token: try again after the whole seconds given.
    private static func tooManyRequests(retryAfter seconds: Double) throws -> Response {
        let response = try error("Too many requests", status: .tooManyRequests)
        response.headers.replaceOrAdd(name: .retryAfter, value: String(max(1, Int(seconds.rounded(.up)))))
        return response
    }

    private static func error(_ text: String, status: HTTPStatus) throws -> Response {
        json(String(decoding: try JSONEncoder().encode(ErrorBody(error: text)), as: UTF8.self), status: status)
    }

    /// The answer holds a customer's name and address: no cache may keep it.
    private static func json(_ body: String, status: HTTPStatus) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: status, headers: headers, body: .init(string: body))
    }
}

extension FacilityRecord: Content {}

import Vapor

/// Turns every error into a Swedish page (or a short text for non-page requests) that shows no internals.
/// Unexpected errors are logged with the request id, which the page shows so support can find the entry.
/// Future-based: a request that succeeds passes without a task; only rendering an error page starts one.
struct ErrorPageMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: request).flatMapError { error in
            request.eventLoop.makeFutureWithTask { await errorResponse(for: error, request: request) }
        }
    }

    private func errorResponse(for error: any Error, request: Request) async -> Response {
        let status: HTTPStatus
        var headers = HTTPHeaders()
        if let abort = error as? any AbortError {
            status = abort.status
            headers = abort.headers
            if status.code >= 500 {
                request.logger.error("Request failed", metadata: ["status": "\(status.code)", "error": "\(String(reflecting: error))"])
            }
        } else {
            status = .internalServerError
            request.logger.error("Unexpected error", metadata: ["error": "\(String(reflecting: error))"])
        }
        let page = ErrorPage(status: status, reason: (error as? any AbortError)?.reason, requestID: request.id)
        do {
            let response = try await request.render(page, status: status)
            for (name, value) in headers where name.lowercased() != "content-type" && name.lowercased() != "content-length" {
                response.headers.replaceOrAdd(name: name, value: value)
            }
            return response
        } catch {
            request.logger.error("Could not render the error page", metadata: ["error": "\(String(reflecting: error))"])
            let response = Response(status: status, body: .init(string: "\(page.heading)\n\(page.message)\n"))
            response.headers.contentType = .plainText
            return response
        }
    }
}

/// The Swedish error page. Only our own reasons (listed here) are shown; anything else gets the general text.
struct ErrorPage: Page {
    static let template = "errors/error"
    static let csrfReason = "csrf"

    let title: String
    let heading: String
    let message: String
    let statusCode: UInt
    let requestID: String?

    init(status: HTTPStatus, reason: String?, requestID: String) {
        statusCode = status.code
        switch status {
        case .notFound:
            heading = "Sidan finns inte"
            message = "Sidan eller uppgiften du söker finns inte, eller så saknar du behörighet till den."
        case .forbidden where reason == Self.csrfReason:
            heading = "Formuläret har gått ut"
            message = "Av säkerhetsskäl kunde formuläret inte skickas. Gå tillbaka, ladda om sidan och försök igen."
        case .forbidden:
            heading = "Ingen behörighet"
            message = "Din roll har inte behörighet att göra detta."
        case .unauthorized:
            heading = "Du är inte inloggad"
            message = "Logga in och försök igen."
        case .tooManyRequests:
            heading = "För många försök"
            message = "Vänta en stund och försök igen."
        case .payloadTooLarge:
            heading = "För stor fil eller för mycket data"
            message = "Det du skickade var för stort."
        case .badRequest, .unprocessableEntity:
            heading = "Felaktig begäran"
            message = "Begäran kunde inte tolkas. Gå tillbaka och försök igen."
        default:
            heading = "Något gick fel"
            message = "Ett oväntat fel inträffade. Försök igen om en stund. Kontakta supporten om felet kvarstår och uppge felkoden."
        }
        title = heading
        self.requestID = status.code >= 500 ? requestID : nil
    }
}

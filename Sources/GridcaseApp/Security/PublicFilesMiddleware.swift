import Vapor

/// Serves the stylesheet and the script from Public/. Only paths under the public folders reach the file
/// system: every other request skips the file lookup that Vapor's FileMiddleware would make.
struct PublicFilesMiddleware: AsyncMiddleware {
    static let folders = ["/css/", "/js/"]
    let files: FileMiddleware

    init(publicDirectory: String) {
        files = FileMiddleware(publicDirectory: publicDirectory)
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard Self.folders.contains(where: { request.url.path.hasPrefix($0) }) else {
            return try await next.respond(to: request)
        }
        return try await files.respond(to: request, chainingTo: next)
    }
}

import Vapor

/// Serves the stylesheet and the script from Public/. Only paths under the public folders reach the file
/// system: every other request skips the file lookup that Vapor's FileMiddleware would make, and goes on
/// without a task (a future-based middleware).
struct PublicFilesMiddleware: Middleware {
    static let folders = ["/css/", "/js/"]
    let files: FileMiddleware

    init(publicDirectory: String) {
        files = FileMiddleware(publicDirectory: publicDirectory)
    }

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        // Vapor builds `url.path` anew on each call (through Foundation), so it is read once.
        let path = request.url.path
        guard Self.folders.contains(where: { path.hasPrefix($0) }) else {
            return next.respond(to: request)
        }
        return files.respond(to: request, chainingTo: next)
    }
}

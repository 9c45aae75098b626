import Fluent
import Vapor

/// Keeps a list's filter in the user's session (search words may be addresses or facility IDs, which
/// must not appear in URLs or logs).
struct ListFilterStore {
    let database: any Database
    let sessionID: String

    func load<Filter: Codable>(_ list: String, as type: Filter.Type) async throws -> Filter? {
        guard let session = try await UserSession.find(sessionID, on: database), let json = session.listFilters,
              let all = try? JSONDecoder().decode([String: Data].self, from: Data(json.utf8)),
              let data = all[list]
        else { return nil }
        return try? JSONDecoder().decode(Filter.self, from: data)
    }

    func save<Filter: Codable>(_ filter: Filter?, for list: String) async throws {
        guard let session = try await UserSession.find(sessionID, on: database) else { return }
        var all = session.listFilters.flatMap { try? JSONDecoder().decode([String: Data].self, from: Data($0.utf8)) } ?? [:]
        all[list] = try filter.map { try JSONEncoder().encode($0) }
        session.listFilters = String(decoding: try JSONEncoder().encode(all), as: UTF8.self)
        try await session.update(on: database)
    }
}

extension Request {
    var listFilters: ListFilterStore {
        get throws { ListFilterStore(database: db, sessionID: try currentUser.sessionID) }
    }
}

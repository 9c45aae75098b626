import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Vapor

/// Reads the personal-data key set from its source, creates the key file on a first start, and writes a
/// rotated set back (atomically, readable by the owner only).
enum PersonalDataKeyStore {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func load(_ source: AppConfig.PersonalDataKeySource, now: Date, logger: Logger) throws -> PersonalDataKeySet {
        switch source {
        case .inline(let json):
            return try decode(Data(json.utf8), from: "ENCRYPTION_KEYS")
        case .file(let path):
            if let data = FileManager.default.contents(atPath: path) {
                return try decode(data, from: path)
            }
            let created = PersonalDataKeySet.generated(now: now)
            try save(created, to: path)
            logger.notice("Created a new key file for personal identity numbers; back it up apart from the database",
                          metadata: ["path": .string(path)])
            return created
        }
    }

    static func save(_ keySet: PersonalDataKeySet, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let temporary = path + ".new"
        guard FileManager.default.createFile(atPath: temporary, contents: try encoder.encode(keySet),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw Failure(description: "could not write the key file \(temporary)")
        }
        // rename(2) replaces the old file in one step: a crash leaves either the old keys or the new ones.
        // (Foundation's replaceItemAt on Linux removed the old file and failed to move the new one in.)
        guard rename(temporary, path) == 0 else {
            throw Failure(description: "could not replace the key file \(path): \(String(cString: strerror(errno)))")
        }
    }

    private static func decode(_ data: Data, from origin: String) throws -> PersonalDataKeySet {
        do {
            return try JSONDecoder().decode(PersonalDataKeySet.self, from: data)
        } catch {
            throw Failure(description: "\(origin) is not a key set: \(error)")
        }
    }
}

extension Application {
    private struct CipherKey: StorageKey {
        typealias Value = PersonalDataCipher
    }

    /// Seals and opens personal identity numbers (set up by `configure`).
    var personalData: PersonalDataCipher {
        get {
            guard let cipher = storage[CipherKey.self] else { fatalError("configure(_:config:) has not run") }
            return cipher
        }
        set { storage[CipherKey.self] = newValue }
    }
}

extension Request {
    var personalData: PersonalDataCipher { application.personalData }
}

import Foundation
import Vapor

/// Encrypts personal identity numbers before they reach the database (AES-GCM, 256-bit keys) and makes the
/// keyed hashes (HMAC-SHA256) that let an exact personnummer be searched without decrypting anything.
///
/// A sealed value reads `gc1:<key id>:<base64 of nonce, ciphertext and tag>`; the field's key is the
/// authenticated data, so a value cannot be moved to another field unnoticed. Older keys stay in the key set
/// to open what they sealed until `gridcase keys rotate` has sealed everything again with the current key.
struct PersonalDataCipher: Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static let prefix = "gc1:"

    let currentKeyID: String
    private let keys: [String: SymmetricKey]
    private let searchKey: SymmetricKey

    init(_ keySet: PersonalDataKeySet) throws {
        guard keySet.keys[keySet.current] != nil else {
            throw Failure(description: "the current key '\(keySet.current)' is not in the key set")
        }
        var keys: [String: SymmetricKey] = [:]
        for (id, encoded) in keySet.keys {
            guard let data = Data(base64Encoded: encoded), data.count == 32, !id.contains(":") else {
                throw Failure(description: "key '\(id)' must be 32 bytes in base64 and its id without ':'")
            }
            keys[id] = SymmetricKey(data: data)
        }
        guard let search = Data(base64Encoded: keySet.searchKey), search.count == 32 else {
            throw Failure(description: "the search key must be 32 bytes in base64")
        }
        self.currentKeyID = keySet.current
        self.keys = keys
        self.searchKey = SymmetricKey(data: search)
    }

    func seal(_ plaintext: String, field: String) throws -> String {
        let box = try AES.GCM.seal(Data(plaintext.utf8), using: keys[currentKeyID]!, authenticating: Data(field.utf8))
        guard let combined = box.combined else { throw Failure(description: "AES-GCM gave no combined form") }
        return Self.prefix + currentKeyID + ":" + combined.base64EncodedString()
    }

    /// The plaintext of a sealed value; a value without the prefix is returned as it is (stored before
    /// encryption existed, sealed at its next save or rotation).
    func open(_ stored: String, field: String) throws -> String {
        guard stored.hasPrefix(Self.prefix) else { return stored }
        let parts = stored.dropFirst(Self.prefix.count).split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let key = keys[String(parts[0])], let combined = Data(base64Encoded: String(parts[1])) else {
            throw Failure(description: "a sealed value names a key that is not configured")
        }
        let plain = try AES.GCM.open(try AES.GCM.SealedBox(combined: combined), using: key, authenticating: Data(field.utf8))
        return String(decoding: plain, as: UTF8.self)
    }

    /// Whether a stored value is sealed with the current key.
    func isSealedWithCurrentKey(_ stored: String) -> Bool {
        stored.hasPrefix(Self.prefix + currentKeyID + ":")
    }

    /// The keyed hash of a normalized identity number, for exact search.
    func searchHash(_ normalized: String) -> String {
        SecureToken.hex(HMAC<SHA256>.authenticationCode(for: Data(normalized.utf8), using: searchKey))
    }
}

/// The keys, as the key file or ENCRYPTION_KEYS holds them (JSON):
/// `{"current": "k2", "keys": {"k1": "<base64>", "k2": "<base64>"}, "searchKey": "<base64>"}`.
struct PersonalDataKeySet: Codable, Equatable, Sendable {
    var current: String
    var keys: [String: String]
    var searchKey: String

    static func randomKey() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }

    /// A new set with one key, for a first start.
    static func generated(now: Date) -> PersonalDataKeySet {
        let id = keyID(now: now)
        return PersonalDataKeySet(current: id, keys: [id: randomKey()], searchKey: randomKey())
    }

    /// The set with a new current key; the old ones stay to open what they sealed.
    func rotated(now: Date) -> PersonalDataKeySet {
        var id = Self.keyID(now: now)
        var suffix = 2
        while keys[id] != nil { id = Self.keyID(now: now) + "-\(suffix)"; suffix += 1 }
        var next = self
        next.keys[id] = Self.randomKey()
        next.current = id
        return next
    }

    private static func keyID(now: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss"
        return "k" + formatter.string(from: now)
    }
}

/// An e-mail address, trimmed and lower-cased (used as login, so one spelling per person).
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    public let normalized: String

    public init(parsing raw: String) throws(FieldError) {
        let input = raw.trimmed.lowercased()
        guard !input.isEmpty else { throw FieldError("Ange en e-postadress.") }
        guard input.count <= 254 else { throw FieldError("E-postadressen är för lång.") }
        let parts = input.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last,
              !local.isEmpty, local.count <= 64,
              !input.contains(where: { $0.isWhitespace || $0 == "," || $0 == ";" || $0 == "<" || $0 == ">" }),
              Self.isValidDomain(domain)
        else {
            throw FieldError("Ange en giltig e-postadress, t.ex. namn@foretag.se.")
        }
        self.normalized = input
    }

    private static func isValidDomain(_ domain: Substring) -> Bool {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let top = labels.last, top.count >= 2 else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
        }
    }

    public var description: String { normalized }
}

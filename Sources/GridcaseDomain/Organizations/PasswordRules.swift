/// The rule for a new password (OWASP ASVS 2.1: length over composition rules).
public enum PasswordRules {
    public static let minimumLength = 12
    public static let maximumLength = 128

    public static func check(_ password: String) throws(FieldError) {
        guard password.count >= minimumLength else {
            throw FieldError("Lösenordet ska ha minst \(minimumLength) tecken.")
        }
        guard password.count <= maximumLength else {
            throw FieldError("Lösenordet får ha högst \(maximumLength) tecken.")
        }
    }
}

/// A new user as typed into a form or given on the command line, before it is checked.
public struct NewUserInput: Sendable {
    public var name: String
    public var email: String
    public var phone: String
    public var role: String
    public var authorizationNumber: String
    public var password: String
    /// The person chooses their own password through a one-time link: no start password is set.
    public var invite: Bool

    public init(name: String, email: String, phone: String, role: String, authorizationNumber: String, password: String,
                invite: Bool = false) {
        self.invite = invite
        self.name = name
        self.email = email
        self.phone = phone
        self.role = role
        self.authorizationNumber = authorizationNumber
        self.password = password
    }

    /// Checks every field, collecting a Swedish message for each bad one.
    public func validate(organizationKind: OrganizationKind) -> Result<NewUser, FieldErrors> {
        var errors = FieldErrors()
        let name = self.name.trimmed
        if name.isEmpty { errors["name"] = "Ange namnet." } else if name.count > 200 { errors["name"] = "Namnet är för långt." }
        let email = errors.check("email") { () throws(FieldError) in try EmailAddress(parsing: self.email) }
        let phone: PhoneNumber?? = phone.trimmed.isEmpty
            ? .some(nil)
            : errors.check("phone") { () throws(FieldError) in try PhoneNumber(parsing: self.phone) }.map { .some($0) }
        let role = Role(rawValue: self.role)
        if role == nil || role?.organizationKind != organizationKind {
            errors["role"] = "Välj en roll som finns för organisationen."
        }
        let authorization = authorizationNumber.trimmed.uppercased()
        if authorization.count > 20 { errors["authorizationNumber"] = "Auktorisationsnumret är för långt." }
        if !invite { errors.check("password") { () throws(FieldError) in try PasswordRules.check(password) } }

        guard errors.isEmpty, let email, let phone, let role else { return .failure(errors) }
        return .success(NewUser(
            name: name, email: email, phone: phone, role: role,
            authorizationNumber: authorization.isEmpty ? nil : authorization, password: invite ? nil : password
        ))
    }
}

/// A new user whose every field has been checked.
public struct NewUser: Sendable {
    public let name: String
    public let email: EmailAddress
    public let phone: PhoneNumber?
    public let role: Role
    public let authorizationNumber: String?
    /// Nil for an invited user, who sets it through the one-time link.
    public let password: String?
}

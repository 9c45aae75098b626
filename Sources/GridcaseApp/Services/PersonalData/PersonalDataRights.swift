import Fluent
import Foundation
import GridcaseDomain
import SQLKit

/// The rights of the person whose data Gridcase holds: finding every case they appear in, exporting what is
/// stored about them, and pseudonymising their data in finished cases (also what retention does).
struct PersonalDataRights {
    /// How a person is looked up.
    enum Person: Sendable {
        case identityNumber(String)
        case email(String)
        /// A last name, or a company's name, exactly as stored.
        case name(String)

        /// The one of the three that was given (blank counts as not given), or the Swedish message why not.
        static func named(identityNumber: String?, email: String?, name: String?) -> (person: Person?, problem: String?) {
            func given(_ value: String?) -> String? {
                guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
                return value
            }
            let filled = [given(identityNumber).map(Person.identityNumber), given(email).map(Person.email), given(name).map(Person.name)]
                .compactMap { $0 }
            guard filled.count == 1, let person = filled.first else {
                return (nil, filled.isEmpty ? "Ange personnummer, e-postadress eller namn."
                                            : "Ange bara ett av personnummer, e-postadress och namn.")
            }
            return (person, nil)
        }
    }

    /// The organisation whose cases `admin` answers for, or nil for all (the operator's grant covers every one).
    static func scope(of admin: User) -> UUID? {
        AccessPolicy.isAllowed(admin.role, .answerDataSubjectRequests, .otherOrganization) ? nil : admin.$organization.id
    }

    /// What erasing a person did: the finished cases pseudonymised, the case numbers still in progress (left
    /// alone), and the finished ones that could not be pseudonymised (they keep their data; try again).
    struct Erasure: Sendable {
        let erased: Int
        let inProgress: [String]
        let failed: [String]
    }

    /// Pseudonymises `person`'s data in their finished cases (within `organizationID`'s cases when given).
    func erase(_ person: Person, organizationID: UUID?) async throws -> Erasure {
        let caseIDs = try await cases(of: person, organizationID: organizationID)
        let changed: [UUID], failed: Set<UUID>
        do {
            (changed, failed) = (try await pseudonymise(caseIDs), [])
        } catch let failure as PseudonymisationFailed {
            (changed, failed) = (failure.pseudonymised, Set(failure.caseIDs.keys))
        }
        let left = try await Case.query(on: database).filter(\.$id ~~ caseIDs.filter { !changed.contains($0) })
            .filter(\.$personalDataRemovedAt == nil).sort(\.$caseNumber).all()
        let didFail = { (record: Case) in record.id.map(failed.contains) ?? false }
        return Erasure(erased: changed.count, inProgress: left.filter { !didFail($0) }.map(\.caseNumber),
                       failed: left.filter(didFail).map(\.caseNumber))
    }

    let database: any Database
    let cipher: PersonalDataCipher
    let clock: any AppClock

    /// The ids of the cases in which `person` is the owner or the billing party; with `organizationID`, only
    /// the cases filed by or with that organisation.
    func cases(of person: Person, organizationID: UUID? = nil) async throws -> [UUID] {
        let sql = database as! any SQLDatabase
        let condition: SQLQueryString
        switch person {
        case .identityNumber(let raw):
            let hashes = CaseListQueries.identityHashes(of: raw, cipher: cipher, today: CalendarDay.today(clock))
            guard !hashes.isEmpty else { return [] }
            condition = hashes.map { hash -> SQLQueryString in
                "owner_identity_hash = \(bind: hash) OR billing_identity_hash = \(bind: hash)"
            }.joined(separator: " OR ")
        case .email(let address):
            condition = Self.storedValue(address.lowercased(), in: ["owner.email", "billing.email"], lowercased: true)
        case .name(let name):
            condition = Self.storedValue(name, in: ["owner.lastName", "owner.name", "billing.lastName", "billing.name"], lowercased: false)
        }
        let scope: SQLQueryString = organizationID.map {
            " AND (grid_company_id = \(bind: $0) OR installer_company_id = \(bind: $0))"
        } ?? ""
        return try await sql.raw("SELECT id FROM cases WHERE (" + condition + ")" + scope + " ORDER BY created_at").all()
            .map { try $0.decode(column: "id", as: UUID.self) }
    }

    /// Matches a value stored under one of `keys` in the fields JSON (sorted keys, no spaces).
    private static func storedValue(_ value: String, in keys: [String], lowercased: Bool) -> SQLQueryString {
        let encoded = String(decoding: (try? JSONEncoder().encode(value)) ?? Data(), as: UTF8.self)
        return keys.map { key -> SQLQueryString in
            let pattern = "%" + CaseListQueries.escapeLike("\"\(key)\":" + encoded) + "%"
            return lowercased ? "lower(fields) LIKE \(bind: pattern) ESCAPE '\\'" : "fields LIKE \(bind: pattern) ESCAPE '\\'"
        }.joined(separator: " OR ")
    }

    /// Pseudonymises the personal data of these cases where they are finished (closed or cancelled): the case,
    /// its history, its search copies, its notes, the texts of its decisions and its attachments' names keep no
    /// name, address, phone, e-mail or identity number. Returns the ids changed; an unfinished case is left alone.
    /// Each case in its own transaction: a case that cannot be pseudonymised keeps all its data and does not
    /// stop the others; `PseudonymisationFailed` names such cases after the rest are done.
    func pseudonymise(_ caseIDs: [UUID]) async throws -> [UUID] {
        var changed: [UUID] = []
        var failed: [UUID: String] = [:]
        for id in caseIDs {
            do {
                if try await pseudonymise(id) { changed.append(id) }
            } catch {
                // The error's type only: a database error could quote the data it choked on.
                failed[id] = String(describing: type(of: error))
            }
        }
        guard failed.isEmpty else { throw PseudonymisationFailed(caseIDs: failed, pseudonymised: changed) }
        return changed
    }

    /// Whether the case was finished and still held personal data, which it no longer does.
    private func pseudonymise(_ id: UUID) async throws -> Bool {
        try await database.transaction { db -> Bool in
            guard let record = try await Case.find(id, on: db), record.personalDataRemovedAt == nil,
                  PersonalDataRemoval.mayRemove(from: record.status) else { return false }
            let values = try record.fieldValues(cipher)
            let removal = PersonalDataRemoval(caseValues: values, today: CalendarDay.today(clock))
            try record.setFieldValues(removal.pseudonymised(values), cipher)
            record.personalDataRemovedAt = clock.now()
            record.version += 1
            try await record.save(on: db)
            try await CasePseudonymisation(caseID: id, removal: removal).apply(on: db)
            return true
        }
    }

    /// Finished cases not changed for `months` that still hold personal data.
    func casesPastRetention(months: Int) async throws -> [UUID] {
        let cutoff = Calendar(identifier: .gregorian).date(byAdding: .month, value: -months, to: clock.now()) ?? clock.now()
        return try await Case.query(on: database)
            .filter(\.$status ~~ [.closed, .cancelled])
            .filter(\.$personalDataRemovedAt == nil)
            .filter(\.$updatedAt < cutoff)
            .all().map { try $0.requireID() }
    }

    /// Everything stored about `person`, as JSON: each case they appear in with their data in it, and who saw
    /// that case's personal data when and why (from the access log). The export itself is logged on every
    /// case, in the name of the admin who asked.
    func export(_ person: Person, requestedBy admin: User) async throws -> String {
        let caseIDs = try await cases(of: person, organizationID: Self.scope(of: admin))
        var exported: [ExportedCase] = []
        for id in caseIDs {
            guard let record = try await Case.query(on: database).filter(\.$id == id)
                .with(\.$gridCompany).with(\.$installerCompany).first() else { continue }
            let values = try record.fieldValues(cipher)
            let personal = values.filter { PersonalDataRemoval.personalFieldKeys.contains($0.key) }
            let entries = try await AccessLogEntry.query(on: database).filter(\.$caseID == id).sort(\.$at).all()
            let organizationIDs: [UUID] = Array(Set(entries.map { $0.organizationID }))
            let organizations = try await Organization.query(on: database).filter(\.$id ~~ organizationIDs).all()
            let names = Dictionary(uniqueKeysWithValues: organizations.compactMap { org in org.id.map { ($0, org.name) } })
            exported.append(ExportedCase(
                caseNumber: record.caseNumber, status: record.status.swedishName, gridCompany: record.gridCompany.name,
                installerCompany: record.installerCompany.name, createdAt: record.createdAt,
                personalData: personal, personalDataRemovedAt: record.personalDataRemovedAt,
                accesses: entries.map { .init(at: $0.at, organization: names[$0.organizationID] ?? "", action: $0.action.swedishName, purpose: $0.purpose) }
            ))
        }
        let now = clock.now(), adminID = try admin.requireID()
        if !caseIDs.isEmpty {
            try await caseIDs.map {
                AccessLogEntry(at: now, userID: adminID, organizationID: admin.$organization.id, caseID: $0,
                               action: .exported, purpose: "Den registrerades begäran om registerutdrag")
            }.create(on: database)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(Export(exportedAt: clock.now(), cases: exported)), as: UTF8.self)
    }

    struct Export: Encodable {
        let exportedAt: Date
        let cases: [ExportedCase]
    }

    struct ExportedCase: Encodable {
        struct Access: Encodable {
            let at: Date
            let organization: String
            let action: String
            let purpose: String
        }

        let caseNumber: String
        let status: String
        let gridCompany: String
        let installerCompany: String
        let createdAt: Date
        let personalData: [String: String]
        let personalDataRemovedAt: Date?
        let accesses: [Access]
    }
}

/// Some cases could not be pseudonymised (each with its error's type); the others were.
struct PseudonymisationFailed: Error, CustomStringConvertible {
    let caseIDs: [UUID: String]
    let pseudonymised: [UUID]

    var description: String {
        "\(caseIDs.count) case(s) could not be pseudonymised and keep their data: "
            + caseIDs.sorted { $0.key.uuidString < $1.key.uuidString }.map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
    }
}

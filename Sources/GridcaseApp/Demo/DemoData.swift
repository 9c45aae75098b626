import Fluent
import GridcaseDomain
import Vapor

/// Fictional companies and people for trying Gridcase out. Town names are real; every identifier passes
/// its check digits. Loaded only into an empty database.
enum DemoData {
    static let password = "gridcase-demo"

    struct Login {
        let role: Role
        let email: String
        let organization: String
    }

    struct Company {
        let kind: OrganizationKind
        let name: String
        let organizationNumber: String
        var electricalSafetyRegistration: String? = nil
        var gs1Prefixes: [String] = []
        var caseNumberPrefix: String? = nil
        var areas: [(code: String, name: String)] = []
        let users: [(role: Role, name: String, email: String, phone: String, authorization: String?)]
    }

    static let companies: [Company] = [
        Company(
            kind: .gridCompany, name: "Kullabygdens Elnät AB", organizationNumber: "556712-3459",
            gs1Prefixes: ["735999"], caseNumberPrefix: "KBE", areas: [("HBG", "Helsingborg"), ("HOG", "Höganäs"), ("ANG", "Ängelholm")],
            users: [
                (.caseHandler, "Karin Lindqvist", "karin.handlaggare@kullabygden-elnat.example", "042-400 10 20", nil),
                (.gridAdmin, "Per Håkansson", "per.admin@kullabygden-elnat.example", "042-400 10 01", nil),
            ]
        ),
        Company(
            kind: .gridCompany, name: "Vätterbygdens Nät AB", organizationNumber: "559034-8719",
            gs1Prefixes: ["735999"], caseNumberPrefix: "VBN", areas: [("JKG", "Jönköping"), ("HUS", "Huskvarna"), ("GRA", "Gränna")],
            users: [
                (.caseHandler, "Sofia Berg", "sofia.handlaggare@vatterbygden-nat.example", "036-10 20 30", nil),
                (.gridAdmin, "Erik Nyström", "erik.admin@vatterbygden-nat.example", "036-10 20 01", nil),
            ]
        ),
        Company(
            kind: .installerCompany, name: "Öresunds Elinstallation AB", organizationNumber: "556987-6542",
            electricalSafetyRegistration: "1004521",
            users: [
                (.installer, "Anna Svensson", "anna.installator@oresunds-el.example", "070-123 45 67", "AL-23817"),
                (.installerAdmin, "Mats Olsson", "mats.admin@oresunds-el.example", "070-765 43 21", "A-11402"),
            ]
        ),
        Company(
            kind: .installerCompany, name: "Solkraft Småland AB", organizationNumber: "559112-2337",
            electricalSafetyRegistration: "1007733",
            users: [
                (.installer, "Johan Ek", "johan.installator@solkraft-smaland.example", "073-555 12 34", "B-30991"),
                (.installerAdmin, "Lena Holm", "lena.admin@solkraft-smaland.example", "073-555 98 76", "AL-18820"),
            ]
        ),
        Company(
            kind: .operator, name: "Gridcase drift", organizationNumber: "802400-1235",
            users: [(.systemAdmin, "Sara Drift", "sara.system@gridcase.example", "08-123 456 78", nil)]
        ),
    ]

    /// Which installer company may file with which grid company (both with Kullabygden, one with Vätterbygden).
    static let registrations: [(installer: String, grid: String)] = [
        ("Öresunds Elinstallation AB", "Kullabygdens Elnät AB"),
        ("Solkraft Småland AB", "Kullabygdens Elnät AB"),
        ("Solkraft Småland AB", "Vätterbygdens Nät AB"),
    ]

    static var logins: [Login] {
        companies.flatMap { company in
            company.users.map { Login(role: $0.role, email: $0.email, organization: company.name) }
        }
    }

    /// Loads the demo data unless the database already has organisations; true when it loaded.
    @discardableResult
    static func loadIfEmpty(on database: any Database, hasher: AsyncPasswordHasher, clock: any AppClock) async throws -> Bool {
        guard try await Organization.query(on: database).count() == 0 else { return false }
        let passwordHash = try await hasher.hash(password)
        let now = clock.now()
        try await database.transaction { db in
            var organizationIDs: [String: UUID] = [:]
            for company in companies {
                let organization = Organization(
                    kind: company.kind, name: company.name,
                    organizationNumber: try OrganizationNumber(parsing: company.organizationNumber).normalized,
                    electricalSafetyRegistration: company.electricalSafetyRegistration,
                    gs1Prefixes: company.gs1Prefixes, caseNumberPrefix: company.caseNumberPrefix, createdAt: now
                )
                if company.kind == .gridCompany, let domain = company.users.first?.email.split(separator: "@").last {
                    organization.caseNotificationEmail = "arenden@\(domain)" // the shared case inbox
                }
                try await organization.create(on: db)
                let id = try organization.requireID()
                if company.kind == .gridCompany {
                    try await GridCompanyDefaults.install(forGridCompany: id, on: db)
                }
                organizationIDs[company.name] = id
                for area in company.areas {
                    try await GridArea(gridCompanyID: id, code: area.code, name: area.name).create(on: db)
                }
                let facilities = DemoFacilities.records(for: company.name)
                if !facilities.isEmpty {
                    _ = try await FacilityImporter(database: db, gridCompanyID: id, areaCodes: Set(company.areas.map(\.code)))
                        .importRecords(facilities)
                }
                for person in company.users {
                    try await User(
                        organizationID: id, name: person.name, email: try EmailAddress(parsing: person.email).normalized,
                        phone: try PhoneNumber(parsing: person.phone).e164, role: person.role,
                        authorizationNumber: person.authorization, passwordHash: passwordHash, createdAt: now
                    ).create(on: db)
                }
            }
            for registration in registrations {
                guard let installer = organizationIDs[registration.installer], let grid = organizationIDs[registration.grid] else {
                    preconditionFailure("A demo registration names a company that is not in the demo data")
                }
                try await Registration(
                    installerCompanyID: installer, gridCompanyID: grid, status: .approved, requestedAt: now, decidedAt: now
                ).create(on: db)
            }
        }
        return true
    }

    /// The text printed at start: where to go and how to sign in.
    static func loginSummary(publicURL: String) -> String {
        var lines = ["", "Gridcase körs på \(publicURL)", "", "Demoinloggningar (lösenord för alla: \(password)):"]
        let width = logins.map(\.email.count).max() ?? 0
        for login in logins {
            let padded = login.email.padding(toLength: width, withPad: " ", startingAt: 0)
            lines.append("  \(padded)  \(login.role.swedishName), \(login.organization)")
        }
        lines.append("")
        lines.append("Demo-anläggningar för Hämta anl-data (mätarnummer / anläggnings-ID):")
        for entry in DemoFacilities.entries {
            lines.append("  \(entry.meterNumber) / \(DemoFacilities.gsrn(entry.serial))  \(entry.street), \(entry.city) (\(entry.grid))")
        }
        lines.append("")
        return lines.joined(separator: "\n")
    }
}

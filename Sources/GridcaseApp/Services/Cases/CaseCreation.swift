import Fluent
import GridcaseDomain
import SQLKit
import Vapor

/// "Skapa anmälan": checks the four choices and creates a draft with a new case number.
struct CaseCreation {
    struct Choice {
        var gridCompanyID: UUID?
        var installationType: InstallationType?
        var jobTypeID: UUID?
        var gridAreaID: UUID?
        /// The key of the form that asked for this: submitting it twice creates one case.
        var creationKey: String
    }

    let database: any Database
    let clock: any AppClock
    let cipher: PersonalDataCipher

    /// The created case, the case an earlier submit of the same form created, or `FieldErrors`.
    func create(_ choice: Choice, by user: CurrentUser) async throws -> Case {
        if let existing = try await existingCase(creationKey: choice.creationKey, installerCompanyID: user.organizationID) {
            return existing
        }
        let (gridCompany, type, jobType, area) = try await check(choice, installerCompanyID: user.organizationID)
        let author = try await User.find(user.id, on: database)
        let now = clock.now()
        let serial = try await nextSerial(gridCompanyID: try gridCompany.requireID(), year: Self.year(of: now))

        let record = Case()
        record.caseNumber = CaseNumber.format(prefix: gridCompany.caseNumberPrefix ?? "G", year: Self.year(of: now), serial: serial)
        record.$gridCompany.id = try gridCompany.requireID()
        record.$installerCompany.id = user.organizationID
        record.$createdBy.id = user.id
        record.installationType = type
        record.$jobType.id = try jobType.requireID()
        record.$gridArea.id = try area.requireID()
        record.status = .draft
        record.version = 1
        try record.setFieldValues(Self.installerDefaults(author), cipher)
        record.creationKey = choice.creationKey
        record.createdAt = now
        record.updatedAt = now
        do {
            try await database.transaction { db in
                try await record.create(on: db)
                try await CaseEvent(caseID: try record.requireID(), actorID: user.id, at: now, kind: .created, statusTo: .draft)
                    .create(on: db)
            }
        } catch {
            // The same form, submitted twice at once: the other request created the case.
            if (error as? any DatabaseError)?.isConstraintFailure == true,
               let existing = try await existingCase(creationKey: choice.creationKey, installerCompanyID: user.organizationID) {
                return existing
            }
            throw error
        }
        return record
    }

    /// The installer section starts filled in from the signed-in installer's account.
    static func installerDefaults(_ author: User?) -> [String: String] {
        guard let author else { return [:] }
        var values = ["installer.responsibleInstaller": author.name, "installer.contactPerson": author.name]
        values["installer.authorizationNumber"] = author.authorizationNumber
        values["installer.contactPhone"] = author.phone
        return values
    }

    private func existingCase(creationKey: String, installerCompanyID: UUID) async throws -> Case? {
        try await Case.query(on: database)
            .filter(\.$creationKey == creationKey)
            .filter(\.$installerCompany.$id == installerCompanyID)
            .first()
    }

    private func check(_ choice: Choice, installerCompanyID: UUID) async throws -> (Organization, InstallationType, JobType, GridArea) {
        var errors = FieldErrors()
        let gridCompanies = try await RegistrationQueries.approvedGridCompanies(for: installerCompanyID, on: database)
        let gridCompany = gridCompanies.first { $0.id == choice.gridCompanyID }
        if gridCompany == nil { errors["gridCompany"] = "Välj ett nätbolag." }
        if choice.installationType == nil { errors["installationType"] = "Välj en installationstyp." }

        var jobType: JobType?
        var area: GridArea?
        if let gridCompanyID = gridCompany?.id {
            if let type = choice.installationType, let jobTypeID = choice.jobTypeID {
                jobType = try await JobType.query(on: database)
                    .filter(\.$id == jobTypeID).filter(\.$gridCompany.$id == gridCompanyID)
                    .filter(\.$installationType == type).filter(\.$isActive == true)
                    .first()
            }
            if let areaID = choice.gridAreaID {
                area = try await GridArea.query(on: database)
                    .filter(\.$id == areaID).filter(\.$gridCompany.$id == gridCompanyID).filter(\.$isActive == true).first()
            }
        }
        if jobType == nil, choice.installationType != nil { errors["jobType"] = "Välj en jobbtyp." }
        if area == nil { errors["gridArea"] = "Välj ett nätområde." }
        guard errors.isEmpty, let gridCompany, let type = choice.installationType, let jobType, let area else { throw errors }
        return (gridCompany, type, jobType, area)
    }

    /// The next serial for the grid company and year, from one atomic statement.
    private func nextSerial(gridCompanyID: UUID, year: Int) async throws -> Int {
        let key = "\(gridCompanyID.uuidString):\(year)"
        let sql = database as! any SQLDatabase
        let row = try await sql.raw("""
            INSERT INTO case_number_counters (id, last_serial) VALUES (\(bind: key), 1)
            ON CONFLICT (id) DO UPDATE SET last_serial = case_number_counters.last_serial + 1
            RETURNING last_serial
            """).first()
        guard let serial = try row?.decode(column: "last_serial", as: Int.self) else {
            throw Abort(.internalServerError, reason: "No case number was returned")
        }
        return serial
    }

    static func year(of date: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Stockholm") ?? .gmt
        return calendar.component(.year, from: date)
    }
}

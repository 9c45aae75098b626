import Fluent

/// Every migration, in order. Append only: a migration that has landed is never edited.
enum AppMigrations {
    static let all: [any Migration] = [
        M001_CreateOrganizations(),
        M002_CreateUsersAndSessions(),
        M003_CreateCases(),
        M004_AddSessionListFilters(),
        M005_CreateFacilityRegister(),
        M006_AddRegisterAPIToken(),
        M007_StoreFacilitiesAsDocuments(),
        M008_SealPersonalIdentityNumbers(),
        M009_CreateAccessLog(),
        M010_AddPersonalDataRemovedAt(),
        M011_CreateCaseDecisions(),
        M012_CreateServiceLevelTargets(),
        M013_CreateOutbox(),
        M014_AddUserInvitations(),
        M015_AddGridAreaActivity(),
    ]
}

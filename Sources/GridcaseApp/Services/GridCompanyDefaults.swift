import Fluent
import GridcaseDomain
import Vapor

/// Gives a grid company the default job types and mandatory fields, as data it can change.
enum GridCompanyDefaults {
    static func install(forGridCompany companyID: UUID, on db: any Database) async throws {
        var rules: [MandatoryFieldRule] = []
        for type in InstallationType.allCases {
            rules += MandatoryFields.defaults(for: type).sorted().map {
                MandatoryFieldRule(gridCompanyID: companyID, installationType: type, jobTypeID: nil, fieldKey: $0)
            }
            for (index, template) in DefaultJobTypes.templates(for: type).enumerated() {
                let jobType = JobType(
                    gridCompanyID: companyID, installationType: type, name: template.name,
                    includesMicroproduction: template.includesMicroproduction, sortOrder: index
                )
                try await jobType.create(on: db)
                guard template.includesMicroproduction else { continue }
                let jobTypeID = try jobType.requireID()
                rules += MandatoryFields.microproductionDefaults.sorted().map {
                    MandatoryFieldRule(gridCompanyID: companyID, installationType: type, jobTypeID: jobTypeID, fieldKey: $0)
                }
            }
        }
        try await rules.create(on: db)
    }
}

import Fluent
import GridcaseDomain
import Vapor

struct CaseTypesPage: Page {
    static let template = "admin/case-types"

    struct JobTypeRow: Encodable, Sendable {
        let name: String
        let isActive: Bool
        let includesMicroproduction: Bool
        let activationAction: String
    }

    struct TypeSection: Encodable, Sendable {
        let value: String
        let name: String
        let isOffered: Bool
        let jobTypes: [JobTypeRow]
        let mandatoryFieldsHref: String
        let mandatoryCount: Int
    }

    /// The "Ny jobbtyp" form's input, kept on an error.
    struct NewJobType: Encodable, Sendable {
        var installationType = ""
        var name = ""
        var includesMicroproduction = false
        var errors: [String: String] = [:]
    }

    struct Option: Encodable, Sendable {
        let value: String
        let label: String
        let isSelected: Bool
    }

    let title = "Anmälningstyper"
    let types: [TypeSection]
    let newJobType: NewJobType
    let typeOptions: [Option]
    let addAction = SitePath.adminJobTypes.relative
    let notice: String?

    static func build(gridCompanyID: UUID, notice: String?, on db: any Database, newJobType: NewJobType = NewJobType()) async throws -> CaseTypesPage {
        let jobTypes = try await JobType.query(on: db).filter(\.$gridCompany.$id == gridCompanyID).sort(\.$sortOrder).all()
        let rules = try await MandatoryFieldRule.query(on: db).filter(\.$gridCompany.$id == gridCompanyID).filter(\.$jobType.$id == nil).all()
        return CaseTypesPage(
            types: try InstallationType.allCases.map { type in
                let own = jobTypes.filter { $0.installationType == type }
                return TypeSection(
                    value: type.rawValue, name: type.swedishName, isOffered: own.contains(where: \.isActive),
                    jobTypes: try own.map { jobType in
                        JobTypeRow(name: jobType.name, isActive: jobType.isActive, includesMicroproduction: jobType.includesMicroproduction,
                                   activationAction: SitePath.adminJobType(.value(try jobType.requireID())).relative)
                    },
                    mandatoryFieldsHref: SitePath.adminMandatoryFields(.value(type.rawValue)).relative,
                    mandatoryCount: rules.filter { $0.installationType == type }.count)
            },
            newJobType: newJobType,
            typeOptions: InstallationType.allCases.map {
                Option(value: $0.rawValue, label: $0.swedishName, isSelected: $0.rawValue == newJobType.installationType)
            },
            notice: notice)
    }
}

struct MandatoryFieldsPage: Page {
    static let template = "admin/mandatory-fields"

    struct Group: Encodable, Sendable {
        let title: String
        let fields: [FieldView.ChoiceView]
    }

    let title: String
    let typeName: String
    let formAction: String
    let backHref = SitePath.adminCaseTypes.relative
    let groups: [Group]

    init(type: InstallationType, required: Set<String>) {
        title = "Obligatoriska fält: \(type.swedishName)"
        typeName = type.swedishName
        formAction = SitePath.adminMandatoryFields(.value(type.rawValue)).relative
        groups = CaseSection.allCases.filter { $0 != .microproduction }.map { section in
            Group(title: section.swedishName, fields: CaseFields.all.filter { $0.section == section }.map { field in
                .init(value: field.key, label: field.label, isSelected: required.contains(field.key),
                      inputID: "required-" + field.key.replacingOccurrences(of: ".", with: "-"))
            })
        }
    }
}

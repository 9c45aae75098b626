import Fluent
import GridcaseDomain
import Vapor

/// A notification and everything that happens to it (ärende).
// Fluent models are reference types whose properties Fluent mutates; Sendable is asserted, not checked.
final class Case: Model, @unchecked Sendable {
    static let schema = "cases"

    @ID(key: .id) var id: UUID?
    /// Readable and unique within the grid company, e.g. KBE-2026-00042.
    @Field(key: "case_number") var caseNumber: String
    @Parent(key: "grid_company_id") var gridCompany: Organization
    @Parent(key: "installer_company_id") var installerCompany: Organization
    @Parent(key: "created_by_id") var createdBy: User
    @Field(key: "installation_type") var installationType: InstallationType
    @Parent(key: "job_type_id") var jobType: JobType
    @Parent(key: "grid_area_id") var gridArea: GridArea
    @Field(key: "status") var status: CaseStatus
    /// Raised by every change; a save that started from an older version is refused, never merged blindly.
    @Field(key: "version") var version: Int
    /// The form's values by field key (see `CaseFields`), as JSON.
    @Field(key: "fields") var fieldsJSON: String
    // Copies of searchable fields, so lists can filter without reading every case's JSON.
    @OptionalField(key: "facility_id") var facilityID: String?
    @OptionalField(key: "meter_number") var meterNumber: String?
    @OptionalField(key: "street_address") var streetAddress: String?
    @OptionalField(key: "city") var city: String?
    /// The key that sealed the personal identity numbers in `fieldsJSON` (nil: stored before sealing).
    @OptionalField(key: "personal_data_key") var personalDataKey: String?
    /// Keyed hashes of the owner's and billing party's identity numbers, for exact search.
    @OptionalField(key: "owner_identity_hash") var ownerIdentityHash: String?
    @OptionalField(key: "billing_identity_hash") var billingIdentityHash: String?
    /// When the case's personal data was pseudonymised (retention or the person's request).
    @OptionalField(key: "personal_data_removed_at") var personalDataRemovedAt: Date?
    /// The key of the form that created the case: a second submit of the same form finds this case.
    @Field(key: "creation_key") var creationKey: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    /// Since when the case has had its status: the service levels count from here.
    @OptionalField(key: "status_changed_at") var statusChangedAt: Date?
    /// The grid company's handler working on the case; the installer sees who it is.
    @OptionalParent(key: "assigned_handler_id") var assignedHandler: User?

    init() {}

    var ownership: CaseOwnership {
        CaseOwnership(installerCompanyID: $installerCompany.id, gridCompanyID: $gridCompany.id, status: status)
    }

    /// The fields whose values are stored sealed: personal identity numbers.
    static let sealedFieldKeys = CaseFields.all.filter { $0.format == .partyIdentityNumber }.map(\.key)

    /// The form's values, identity numbers opened.
    func fieldValues(_ cipher: PersonalDataCipher) throws -> [String: String] {
        var values = storedFieldValues
        for key in Self.sealedFieldKeys {
            if let stored = values[key] { values[key] = try cipher.open(stored, field: key) }
        }
        return values
    }

    /// Sets the form's values, identity numbers sealed, with the copies lists search by.
    func setFieldValues(_ values: [String: String], _ cipher: PersonalDataCipher) throws {
        var stored = values
        for key in Self.sealedFieldKeys {
            if let plain = values[key], !plain.isEmpty { stored[key] = try cipher.seal(plain, field: key) }
        }
        storedFieldValues = stored
        ownerIdentityHash = values["owner.identityNumber"].flatMap { $0.isEmpty ? nil : cipher.searchHash($0) }
        billingIdentityHash = values["billing.identityNumber"].flatMap { $0.isEmpty ? nil : cipher.searchHash($0) }
        personalDataKey = cipher.currentKeyID
    }

    /// The values as stored (identity numbers sealed).
    var storedFieldValues: [String: String] {
        get { (try? JSONDecoder().decode([String: String].self, from: Data(fieldsJSON.utf8))) ?? [:] }
        set {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            fieldsJSON = String(decoding: (try? encoder.encode(newValue)) ?? Data("{}".utf8), as: UTF8.self)
            facilityID = newValue["facility.facilityID"]
            meterNumber = newValue["facility.meterNumber"]
            streetAddress = newValue["facility.streetAddress"]
            city = newValue["facility.city"]
        }
    }
}

import Fluent
import GridcaseDomain
import SQLKit
import Vapor

/// "Hämta anl-data" for one case: asks the case's grid company's register, logs the lookup, previews what
/// applying would change, and applies it.
struct FacilityDataFetch {
    let database: any Database
    let client: any Client
    let clock: any AppClock
    let logger: Logger
    let cipher: PersonalDataCipher
    let notifier: CaseNotifier

    struct Preview: Sendable {
        let outcome: FacilityLookupOutcome
        let plan: FacilityDataOverwrite.Plan?
    }

    enum ApplyOutcome {
        case applied([FieldChange])
        /// The register's answer or the case changed since the preview was shown.
        case changedSincePreview(Preview)
        case failed(FacilityLookupOutcome)
        case locked
    }

    /// Checks the input, asks the register once, and logs who asked, by which key, with which result.
    func lookUp(meterNumber: String, gsrn: String, overwrite: Bool, for record: Case, by user: CurrentUser) async throws -> Preview {
        let outcome: FacilityLookupOutcome
        switch FacilityLookupKey.parse(meterNumber: meterNumber, gsrn: gsrn) {
        case .failure(let refused):
            outcome = refused
        case .success(let key):
            let caseID = try record.requireID()
            let register = try FacilityRegisters.register(for: record.gridCompany, database: database, client: client, logger: logger)
            outcome = await register.lookUp(key)
            try await FacilityLookupLog(
                userID: user.id, caseID: caseID, gridCompanyID: record.$gridCompany.id,
                meterNumber: key.meterNumber, gsrn: key.gsrn?.normalized, statusCode: outcome.statusCode, at: clock.now()
            ).create(on: database)
            if case .found = outcome {
                // The answer shows the customer's name, address and contact details.
                try await AccessLog(database: database, clock: clock).record(.registerData, cases: [caseID], by: user)
            }
            logger.info("Facility lookup", metadata: [
                "case": .string(caseID.uuidString), "user": .string(user.id.uuidString),
                "key": .string(key.gsrn != nil ? "gsrn" : "meterNumber"), "status": .stringConvertible(outcome.statusCode),
            ])
        }
        return Preview(outcome: outcome, plan: try plan(outcome, record: record, overwrite: overwrite))
    }

    /// Uppdatera och stäng: fetches again and applies, unless the result differs from the preview the
    /// installer saw (then the new preview is shown instead).
    func apply(meterNumber: String, gsrn: String, overwrite: Bool, previewDigest: String, version: Int,
               to record: Case, by user: CurrentUser) async throws -> ApplyOutcome {
        guard record.status.installerMayEdit else { return .locked }
        let preview = try await lookUp(meterNumber: meterNumber, gsrn: gsrn, overwrite: overwrite, for: record, by: user)
        guard case .found = preview.outcome, let plan = preview.plan else { return .failed(preview.outcome) }
        guard Self.digest(plan) == previewDigest, version == record.version else { return .changedSincePreview(preview) }
        guard !plan.changes.isEmpty else { return .applied([]) }

        let accepted = try await CaseEditing(database: database, clock: clock, cipher: cipher, notifier: notifier)
            .writeFields(plan.result, changes: plan.changes, kind: .facilityDataFetched, to: record, basedOnVersion: version, by: user)
        return accepted ? .applied(plan.changes) : .changedSincePreview(preview)
    }

    private func plan(_ outcome: FacilityLookupOutcome, record: Case, overwrite: Bool) throws -> FacilityDataOverwrite.Plan? {
        guard case .found(let facility) = outcome else { return nil }
        // The register's values get the same checks as typed ones; one that fails them is left out.
        let fetched = CaseFieldValidator.validate(facility.caseFieldValues, today: CalendarDay.today(clock)).values
        return FacilityDataOverwrite.plan(current: try record.fieldValues(cipher), fetched: fetched, overwrite: overwrite)
    }

    /// A short fingerprint of a preview, carried by the form so that applying changes exactly what was shown.
    static func digest(_ plan: FacilityDataOverwrite.Plan) -> String {
        let text = plan.changes.map { "\($0.key)=\($0.new ?? "")" }.joined(separator: "\n")
        return SecureToken.hex(SHA256.hash(data: Array(text.utf8)).prefix(12))
    }
}

extension Request {
    var facilityDataFetch: FacilityDataFetch {
        FacilityDataFetch(database: db, client: client, clock: clock, logger: logger, cipher: personalData, notifier: caseNotifier)
    }
}

import Fluent
import Foundation
import SQLKit

/// The nightly follow-up of the access log: users who opened far more cases than they usually do, and
/// accesses to cases that belong neither to the user's installer company nor to their grid company.
struct UnusualAccessReport {
    struct Finding: Equatable, Sendable {
        enum Kind: Equatable, Sendable {
            /// `cases` distinct cases in the window against `usualPerDay` on an average day before it.
            case manyCases(cases: Int, usualPerDay: Double)
            /// A case outside the user's organisation's cases (never expected: the access policy forbids it).
            case outsideOrganization(caseID: UUID)
        }

        let userID: UUID
        let kind: Kind
    }

    static let baselineDays = 30

    let database: any Database
    let clock: any AppClock

    /// Findings for the last `days` days. A user is flagged when they saw at least `minimum` distinct cases and
    /// more than `factor` times their daily average over the 30 days before.
    func findings(days: Int = 1, factor: Double = 3, minimum: Int = 20) async throws -> [Finding] {
        let now = clock.now()
        let windowStart = now.addingTimeInterval(-Double(days) * 86_400)
        let baselineStart = windowStart.addingTimeInterval(-Double(Self.baselineDays) * 86_400)
        let sql = database as! any SQLDatabase

        let window = try await distinctCases(sql, from: windowStart, to: now)
        let baseline = try await distinctCases(sql, from: baselineStart, to: windowStart)
        var findings: [Finding] = []
        for (userID, cases) in window.sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
            let usual = Double(baseline[userID] ?? 0) / Double(Self.baselineDays) * Double(days)
            if cases >= minimum, Double(cases) > factor * usual {
                findings.append(Finding(userID: userID, kind: .manyCases(cases: cases, usualPerDay: usual / Double(days))))
            }
        }
        let outside = try await sql.raw("""
            SELECT DISTINCT a.user_id, a.case_id FROM access_log a JOIN cases c ON c.id = a.case_id
            WHERE a.at >= \(bind: windowStart) AND a.organization_id <> c.installer_company_id AND a.organization_id <> c.grid_company_id
            """).all()
        for row in outside {
            findings.append(Finding(userID: try row.decode(column: "user_id", as: UUID.self),
                                    kind: .outsideOrganization(caseID: try row.decode(column: "case_id", as: UUID.self))))
        }
        return findings
    }

    private func distinctCases(_ sql: any SQLDatabase, from: Date, to: Date) async throws -> [UUID: Int] {
        let rows = try await sql.raw("""
            SELECT user_id, count(DISTINCT case_id) AS n FROM access_log
            WHERE at >= \(bind: from) AND at < \(bind: to) AND case_id IS NOT NULL GROUP BY user_id
            """).all()
        var counts: [UUID: Int] = [:]
        for row in rows { counts[try row.decode(column: "user_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self) }
        return counts
    }
}

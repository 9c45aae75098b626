import Fluent
import GridcaseDomain
import SQLKit
import Testing
import Vapor
@testable import GridcaseApp

@Suite struct FacilityImporterTests {
    static func csv(separator: String, rows: [[String]]) -> String {
        ([FacilityCSV.columns] + rows).map { $0.joined(separator: separator) }.joined(separator: "\n") + "\n"
    }

    static func row(gsrn: String, meter: String, area: String = "HBG", street: String = "Storgatan 1") -> [String] {
        var fields = Array(repeating: "", count: FacilityCSV.columns.count)
        fields[0] = gsrn; fields[2] = meter; fields[3] = street; fields[7] = area
        fields[11] = "person"; fields[13] = "Ek"; fields[14] = "Sara"
        return fields
    }

    func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("facilities-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(arguments: [";", ","])
    func importsGoodRowsReportsBadOnesAndUpsertsByGSRN(separator: String) async throws {
        try await TestApp.run { t in
            let gridID = try await t.organizationID(Demo.kullabygden)
            let importer = FacilityImporter(database: t.app.db, gridCompanyID: gridID, areaCodes: ["HBG", "HOG", "ANG"])
            let first = try write(Self.csv(separator: separator, rows: [
                Self.row(gsrn: "735999000000000013", meter: "M1"),
                Self.row(gsrn: "735999000000000014", meter: "M2"),
                Self.row(gsrn: "735999000123456780", meter: "M3", area: "XYZ"),
                Array(Self.row(gsrn: "735999111222333442", meter: "M4").dropLast(2)),
                Self.row(gsrn: DemoFacilities.gsrn(1001), meter: "73001001", street: "Ny adress 2"),
            ]))
            var rejected: [FacilityCSV.RowError] = []
            let summary = try await importer.importFile(at: first, rejectedRow: { rejected.append($0) })
            #expect(summary == FacilityImporter.Summary(added: 1, updated: 1, rejected: 3))
            #expect(rejected.map(\.line) == [3, 4, 5])
            #expect(rejected[0].reason.contains("kontrollsiffran"))
            #expect(rejected[1].reason == "okänt nätområde XYZ")
            #expect(rejected[2].reason.hasPrefix("fel antal kolumner"))

            let register = EmbeddedFacilityRegister(database: t.app.db, gridCompanyID: gridID, logger: t.app.logger)
            let updated = await register.lookUp(try FacilityLookupKey.parse(meterNumber: "73001001", gsrn: "").get())
            guard case .found(let record) = updated else { Issue.record("got \(updated)"); return }
            #expect(record.streetAddress == "Ny adress 2", "an import updates a known facility")
            #expect(record.owner?.lastName == "Ek")
        }
    }

    @Test func aMeterNumberOnSeveralFacilitiesAsksForTheAnlaggningsID() async throws {
        try await TestApp.run { t in
            let gridID = try await t.organizationID(Demo.kullabygden)
            let importer = FacilityImporter(database: t.app.db, gridCompanyID: gridID, areaCodes: ["HBG"])
            let path = try write(Self.csv(separator: ";", rows: [
                Self.row(gsrn: "735999000000000013", meter: "DUBBEL"), Self.row(gsrn: "735999000123456780", meter: "DUBBEL"),
            ]))
            _ = try await importer.importFile(at: path, rejectedRow: { _ in })
            let register = EmbeddedFacilityRegister(database: t.app.db, gridCompanyID: gridID, logger: t.app.logger)
            let outcome = await register.lookUp(try FacilityLookupKey.parse(meterNumber: "DUBBEL", gsrn: "").get())
            #expect(outcome.statusCode == 210)
            #expect(outcome.statusText.contains("Ange anläggnings-ID"))
            let byID = await register.lookUp(try FacilityLookupKey.parse(meterNumber: "DUBBEL", gsrn: "735999000123456780").get())
            #expect(byID.statusCode == 100)
        }
    }

    @Test func aSpreadsheetExportWithBOMCRLFQuotesAndABadlyEncodedRowIsRead() async throws {
        try await TestApp.run { t in
            let gridID = try await t.organizationID(Demo.kullabygden)
            let importer = FacilityImporter(database: t.app.db, gridCompanyID: gridID, areaCodes: ["HBG"])
            var quoted = Self.row(gsrn: "735999000000000013", meter: "Q1", street: "\"Storgatan 1; lgh 1101\"")
            quoted[13] = "\"Ek \"\"Sassa\"\"\""
            let good = Array(FacilityCSV.columns.joined(separator: ";").utf8) + [13, 10]
                + Array(quoted.joined(separator: ";").utf8) + [13, 10]
            let badEncoding = Array(Self.row(gsrn: "735999000123456780", meter: "Q2").joined(separator: ";").utf8)
                .map { $0 == UInt8(ascii: "Q") ? 0xD6 : $0 } // a Latin-1 "Ö" where UTF-8 was expected
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("bom-\(UUID().uuidString).csv").path
            FileManager.default.createFile(atPath: path, contents: Data([0xEF, 0xBB, 0xBF] + good + badEncoding + [13, 10]))
            var rejected: [FacilityCSV.RowError] = []
            let summary = try await importer.importFile(at: path, rejectedRow: { rejected.append($0) })
            #expect(summary == FacilityImporter.Summary(added: 1, updated: 0, rejected: 1))
            #expect(rejected == [FacilityCSV.RowError(line: 3, reason: "tecken som inte är UTF-8 (spara filen som UTF-8)")])
            let register = EmbeddedFacilityRegister(database: t.app.db, gridCompanyID: gridID, logger: t.app.logger)
            let found = await register.lookUp(try FacilityLookupKey.parse(meterNumber: "Q1", gsrn: "").get())
            guard case .found(let record) = found else { Issue.record("got \(found)"); return }
            #expect(record.streetAddress == "Storgatan 1; lgh 1101")
            #expect(record.owner?.lastName == "Ek \"Sassa\"")
        }
    }

    @Test func aWrongHeaderStopsTheImportBeforeAnyRow() async throws {
        try await TestApp.run { t in
            let gridID = try await t.organizationID(Demo.kullabygden)
            let importer = FacilityImporter(database: t.app.db, gridCompanyID: gridID, areaCodes: ["HBG"])
            let path = try write("ean;meter\n735999000000000013;M1\n")
            await #expect(throws: FacilityImporter.ImportError.self) {
                try await importer.importFile(at: path, rejectedRow: { _ in })
            }
        }
    }

    @Test func manyRowsAreImportedInBatchesWithProgress() async throws {
        try await TestApp.run { t in
            let gridID = try await t.organizationID(Demo.vatterbygden)
            let rows = (1...1_234).map { serial in Self.row(gsrn: DemoFacilities.gsrn(500_000 + serial), meter: "B\(serial)", area: "JKG") }
            let path = try write(Self.csv(separator: ";", rows: rows + [rows[0]]))
            var reports = 0
            let summary = try await FacilityImporter(database: t.app.db, gridCompanyID: gridID, areaCodes: ["JKG"])
                .importFile(at: path, rejectedRow: { _ in }, progress: { _ in reports += 1 })
            #expect(summary == FacilityImporter.Summary(added: 1_234, updated: 1, rejected: 0))
            #expect(reports >= 1)
            let sql = t.app.db as! any SQLDatabase
            let count = try await sql.raw("SELECT count(*) AS n FROM facility_records WHERE grid_company_id = \(bind: gridID)").first()?
                .decode(column: "n", as: Int.self)
            #expect(count == 1_234 + DemoFacilities.records(for: Demo.vatterbygden).count)
        }
    }

    @Test func theMoveToDocumentsCarriesEveryFacilityAcrossPagesAndBack() async throws {
        try await TestApp.run { t in
            let gridID = try await t.organizationID(Demo.vatterbygden)
            let rows = (1...1_234).map { serial in Self.row(gsrn: DemoFacilities.gsrn(600_000 + serial), meter: "D\(serial)", area: "JKG") }
            _ = try await FacilityImporter(database: t.app.db, gridCompanyID: gridID, areaCodes: ["JKG"])
                .importFile(at: try write(Self.csv(separator: ";", rows: rows)), rejectedRow: { _ in })
            let register = EmbeddedFacilityRegister(database: t.app.db, gridCompanyID: gridID, logger: t.app.logger)
            let key = try FacilityLookupKey.parse(meterNumber: "D1234", gsrn: "").get()
            let before = await register.lookUp(key)
            let writer = FacilityBatchWriter(database: t.app.db, gridCompanyID: gridID)
            let count = try await writer.count()

            // Revert and prepare on one connection: SQLite's connections per event loop each keep a schema snapshot.
            try await t.app.db.withConnection { db in
                let migration = M007_StoreFacilitiesAsDocuments()
                try await migration.revert(on: db) // back to M005's columns
                let columnRows = try await (db as! any SQLDatabase)
                    .raw("SELECT count(*) AS n FROM facilities WHERE grid_company_id = \(bind: gridID)")
                    .first()?.decode(column: "n", as: Int.self)
                #expect(columnRows == count)
                try await migration.prepare(on: db)
            }

            #expect(try await writer.count() == count)
            let after = await register.lookUp(key)
            #expect(after == before)
            guard case .found(let record) = after else { Issue.record("got \(after)"); return }
            #expect(record.owner?.lastName == "Ek")
        }
    }
}

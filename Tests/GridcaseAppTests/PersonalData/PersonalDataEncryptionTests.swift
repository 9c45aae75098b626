import Foundation
import GridcaseDomain
import SQLKit
import Testing
import Vapor
@testable import GridcaseApp

@Suite struct PersonalDataCipherTests {
    static func cipher(_ keySet: PersonalDataKeySet = .generated(now: TestApp.start)) throws -> PersonalDataCipher {
        try PersonalDataCipher(keySet)
    }

    @Test func sealsOpensAndRefusesTamperingAnotherFieldOrAnUnknownKey() throws {
        let keys = PersonalDataKeySet.generated(now: TestApp.start)
        let cipher = try Self.cipher(keys)
        let sealed = try cipher.seal("19811218-9876", field: "owner.identityNumber")
        #expect(sealed.hasPrefix("gc1:\(keys.current):"))
        #expect(!sealed.contains("9876"))
        #expect(try cipher.open(sealed, field: "owner.identityNumber") == "19811218-9876")
        #expect(try cipher.seal("19811218-9876", field: "owner.identityNumber") != sealed, "a fresh nonce every time")

        #expect(throws: (any Error).self, "the field is authenticated") { try cipher.open(sealed, field: "billing.identityNumber") }
        var bytes = Array(sealed.utf8)
        bytes[bytes.count - 3] = bytes[bytes.count - 3] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(throws: (any Error).self, "a changed byte is noticed") { try cipher.open(String(decoding: bytes, as: UTF8.self), field: "owner.identityNumber") }
        let stranger = try Self.cipher()
        #expect(throws: (any Error).self, "another key set cannot open it") { try stranger.open(sealed, field: "owner.identityNumber") }
        #expect(try cipher.open("19811218-9876", field: "owner.identityNumber") == "19811218-9876", "a value from before sealing reads as it is")
    }

    @Test func searchHashesAreKeyedAndStableAcrossRotation() throws {
        let keys = PersonalDataKeySet.generated(now: TestApp.start)
        let rotated = try Self.cipher(keys.rotated(now: TestApp.start.addingTimeInterval(60)))
        let cipher = try Self.cipher(keys)
        #expect(cipher.searchHash("19811218-9876") == rotated.searchHash("19811218-9876"))
        #expect(cipher.searchHash("19811218-9876") != (try Self.cipher()).searchHash("19811218-9876"))
        #expect(cipher.searchHash("19811218-9876").count == 64)
    }

    @Test func aKeyFileIsCreatedOnFirstStartReadableByItsOwnerOnly() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("keys-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/gridcase.keys"
        let created = try PersonalDataKeyStore.load(.file(path: path), now: TestApp.start, logger: Logger(label: "test"))
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        #expect(try PersonalDataKeyStore.load(.file(path: path), now: TestApp.start, logger: Logger(label: "test")) == created,
                "the second start reads the same keys")
        #expect(throws: (any Error).self) { try PersonalDataKeyStore.load(.inline(json: "not json"), now: TestApp.start, logger: Logger(label: "test")) }

        let rotated = created.rotated(now: TestApp.start.addingTimeInterval(60))
        try PersonalDataKeyStore.save(rotated, to: path)
        #expect(try PersonalDataKeyStore.load(.file(path: path), now: TestApp.start, logger: Logger(label: "test")) == rotated,
                "a rotated set replaces the file, keeping every key")
        #expect(rotated.keys.count == 2 && rotated.keys[created.current] == created.keys[created.current])
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
    }
}

@Suite struct PersonalDataAtRestTests {
    static let number = "19811218-9876"

    @Test func aSavedPersonnummerIsSealedInTheDatabaseAndShownToTheInstaller() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let id = try await t.createCase(browser)
            try await t.save(browser, case: id, fields: TestApp.completeServiceChange)
            let stored = try #require(try await t.sql.raw("SELECT fields, owner_identity_hash FROM cases WHERE id = \(bind: id)").first())
            let fields = try stored.decode(column: "fields", as: String.self)
            #expect(!fields.contains("9876") && !fields.contains("811218"), "no part of the number is stored in clear")
            #expect(fields.contains("gc1:"))
            #expect(try stored.decode(column: "owner_identity_hash", as: String?.self) == t.app.personalData.searchHash(Self.number))
            #expect(try await t.loadCase(id).fieldValues(t.app.personalData)["owner.identityNumber"] == Self.number)
            let edit = try await browser.get(SitePath.caseEdit(.value(id)).relative).body.string
            #expect(edit.contains(Self.number), "the installer editing the case sees the number")
        }
    }

    @Test func anExactPersonnummerFindsTheCaseThroughItsHash() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let id = try await t.createCase(browser)
            try await t.save(browser, case: id, fields: TestApp.completeServiceChange)
            let installerID = try await t.organizationID(Demo.oresundsEl)
            for typed in ["811218-9876", "198112189876", "19811218-9876"] {
                let hashes = CaseListQueries.identityHashes(of: typed, cipher: t.app.personalData, today: CalendarDay.today(t.clock))
                var filter = CaseListFilter()
                filter.search = typed
                let (rows, _) = try await CaseListQueries.cases(.installerCompany(installerID), filter: filter, page: 1,
                                                                identityHashes: hashes, now: Date(), on: t.app.db)
                #expect(rows.map(\.href) == [SitePath.caseDetail(.value(id)).relative], "found by \(typed)")
            }
            var other = CaseListFilter()
            other.search = "19811218-9868"
            let hashes = CaseListQueries.identityHashes(of: "19811218-9868", cipher: t.app.personalData, today: CalendarDay.today(t.clock))
            #expect(try await CaseListQueries.cases(.installerCompany(installerID), filter: other, page: 1, identityHashes: hashes, now: Date(), on: t.app.db).rows.isEmpty)
        }
    }

    @Test func rotationSealsEveryCaseWithTheNewKeyAndLeavesLaterSavesAlone() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let id = try await t.createCase(browser)
            try await t.save(browser, case: id, fields: TestApp.completeServiceChange)
            let legacyID = try await t.createCase(browser)
            // A case stored before sealing existed: its number in clear, no key.
            try await t.sql.raw("""
                UPDATE cases SET fields = \(bind: #"{"owner.identityNumber":"19811218-9876"}"#), personal_data_key = NULL WHERE id = \(bind: legacyID)
                """).run()

            let versionBefore = try await t.loadCase(id).version
            let oldKeys = try PersonalDataKeyStore.load(t.config.personalDataKeys, now: t.clock.now(), logger: t.app.logger)
            let rotated = try PersonalDataCipher(oldKeys.rotated(now: t.clock.now().addingTimeInterval(60)))
            let resealed = try await PersonalDataResealer(database: t.app.db, cipher: rotated).resealAll()
            #expect(resealed >= 2)
            for caseID in [id, legacyID] {
                let record = try await t.loadCase(caseID)
                #expect(record.personalDataKey == rotated.currentKeyID)
                #expect(record.fieldsJSON.contains("gc1:\(rotated.currentKeyID):"))
                #expect(try record.fieldValues(rotated)["owner.identityNumber"] == Self.number)
            }
            #expect(try await t.loadCase(id).version == versionBefore, "sealing again is no edit: the version stays")
            #expect(try await PersonalDataResealer(database: t.app.db, cipher: rotated).resealAll() == 0, "nothing left to seal")
            let onlyOld = try PersonalDataCipher(oldKeys)
            let resealedRecord = try await t.loadCase(id)
            #expect(throws: (any Error).self, "the old key set alone cannot read the new seals") {
                try resealedRecord.fieldValues(onlyOld)
            }
        }
    }

    @Test func theSQLiteFileHoldsNoPersonnummerInClear() async throws {
        guard ProcessInfo.processInfo.environment["TEST_DATABASE_URL"] == nil else { return } // the file is SQLite's
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let id = try await t.createCase(browser)
            try await t.save(browser, case: id, fields: TestApp.completeServiceChange)
            var changed = TestApp.completeServiceChange
            changed["owner.identityNumber"] = "19640823-3234"
            try await t.save(browser, case: id, fields: changed) // the history records this change
            guard case .sqlite(let path) = t.config.database else { Issue.record("not SQLite"); return }
            try await t.sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
            for file in [path, path + "-wal"] {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                let text = String(decoding: data, as: UTF8.self)
                for number in ["19811218-9876", "811218-9876", "198112189876", "19640823-3234", "640823-3234"] {
                    #expect(!text.contains(number), "\(number) in clear in \(file)")
                }
            }
        }
    }
}

@Suite struct PersonalDataMigrationTests {
    @Test func upgradingMasksIdentityNumbersTheHistoryKeptWhole() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let id = try await t.createCase(browser)
            try await t.save(browser, case: id, fields: TestApp.completeServiceChange)
            // Revert and prepare on one connection: SQLite's connections per event loop each keep a schema snapshot.
            try await t.app.db.withConnection { db in
                let migration = M008_SealPersonalIdentityNumbers()
                try await migration.revert(on: db)
                // The history as the previous version wrote it: the number whole.
                let whole = String(decoding: try JSONEncoder().encode([FieldChange(key: "owner.identityNumber", old: nil, new: "19811218-9876")]), as: UTF8.self)
                try await (db as! any SQLDatabase).raw("UPDATE case_events SET changes = \(bind: whole) WHERE case_id = \(bind: id) AND changes IS NOT NULL").run()
                try await migration.prepare(on: db)
            }
            let rows = try await t.sql.raw("SELECT changes FROM case_events WHERE case_id = \(bind: id) AND changes IS NOT NULL").all()
            #expect(!rows.isEmpty)
            for row in rows {
                let changes = try row.decode(column: "changes", as: String.self)
                #expect(changes.contains("19811218-****") && !changes.contains("9876"))
            }
        }
    }
}

import Fluent
import Foundation
import GridcaseDomain
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import GridcaseApp

/// Personal data never where it does not belong: logs, URLs, titles, error pages; script-like input is inert.
@Suite struct PersonalDataLeakTests {
    /// Known values no other test uses, so any log line that holds them came from this test.
    static let personnummer = "19570314-1233"
    static let email = "lackage.kontroll@exempel.se"
    static let phone = "070-999 88 77"
    static let lastName = "Läckagekontrollsson"
    static var traces: [String] {
        [personnummer, "570314-1233", "195703141233", "5703141233", email, "709998877", "0709998877", "+46709998877", lastName]
    }

    @Test func theWholeFlowAtTraceLevelLogsNoPersonalData() async throws {
        try await TestApp.run(logLevel: .trace) { t in
            let installer = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let id = try await t.createCase(installer)
            var fields = TestApp.completeServiceChange
            fields["owner.identityNumber"] = Self.personnummer
            fields["owner.email"] = Self.email
            fields["owner.phone"] = Self.phone
            fields["owner.lastName"] = Self.lastName
            var bad = fields
            bad["facility.postalCode"] = "fel"
            let refused = try await t.save(installer, case: id, fields: bad) // a validation error shows everything again
            #expect(refused.status == .unprocessableEntity)
            let saved = try await t.save(installer, case: id, fields: fields)
            #expect(saved.status == .seeOther)

            var pages: [TestingHTTPResponse] = []
            pages.append(try await installer.get(SitePath.caseDetail(.value(id)).relative))
            pages.append(try await installer.get(SitePath.caseEdit(.value(id)).relative))
            pages.append(try await installer.get(SitePath.casePrint(.value(id)).relative))
            pages.append(try await installer.post(SitePath.caseIdentityNumbers(.value(id)).relative, form: [:]))
            _ = try await installer.get(SitePath.cases.relative)
            for search in [Self.personnummer, Self.lastName, Self.email] {
                let filtered = try await installer.post(SitePath.caseFilter.relative, form: ["search": search])
                #expect(!(filtered.headers.first(name: .location) ?? "").contains(search.prefix(6)), "a search never reaches a URL")
                pages.append(try await installer.get(SitePath.cases.relative))
            }
            try await installer.post(SitePath.caseSend(.value(id)).relative, form: [:])
            let handler = try await t.signedIn(Demo.email(.caseHandler, of: Demo.kullabygden))
            pages.append(try await handler.get(SitePath.caseDetail(.value(id)).relative))
            pages.append(try await handler.get(SitePath.inbox.relative))

            for page in pages {
                #expect(page.headers.first(name: .cacheControl)?.contains("no-store") == true, "pages with personal data are not cached")
                let title = page.body.string.components(separatedBy: "<title>").dropFirst().first?.components(separatedBy: "</title>").first ?? ""
                for trace in Self.traces { #expect(!title.contains(trace), "no personal data in the page title") }
                #expect(!(page.headers.first(name: .location) ?? "").contains("@"))
            }
            let logged = LogCapture.all
            #expect(logged.count > 50, "the trace level logged the flow (\(logged.count) lines)")
            for line in logged {
                for trace in Self.traces where line.contains(trace) {
                    Issue.record("personal data in a log line: \(line.prefix(300))")
                }
            }
        }
    }

    @Test func aRefusedSignInIsLoggedWithoutTheTypedAddress() async throws {
        try await TestApp.run(logLevel: .info) { t in
            let typed = "okand.inloggning.\(UUID().uuidString.prefix(8))@exempel.se"
            let response = try await t.browser().login(email: typed, password: "fel-losenord-123")
            #expect(response.status == .unauthorized)
            let lines = LogCapture.all.filter { $0.contains("Sign-in refused") && $0.contains("unknown account") }
            #expect(!lines.isEmpty, "the refusal is logged")
            #expect(!LogCapture.all.contains { $0.contains(typed) }, "the typed address is not")
        }
    }

    static let payloads = [
        "<script>alert('xss')</script>",
        "\"><img src=x onerror=alert(1)>",
        "</textarea><svg onload=alert(1)>",
        "javascript:alert(1)",
        "#(page.title) {{7*7}} ${7*7}",
    ]

    @Test(arguments: payloads)
    func scriptLikeInputIsStoredAndShownAsTyped(payload: String) async throws {
        try await TestApp.run { t in
            let installer = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let id = try await t.createCase(installer)
            var fields = TestApp.completeServiceChange
            fields["facility.otherInformation"] = payload
            fields["owner.careOf"] = payload
            #expect(try await t.save(installer, case: id, fields: fields).status == .seeOther)
            try await installer.post(SitePath.caseNotes(.value(id)).relative, form: ["body": payload])

            #expect(try await t.loadCase(id).fieldValues(t.app.personalData)["facility.otherInformation"] == payload, "stored as typed")
            let escaped = payload.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
                .replacingOccurrences(of: "'", with: "&#39;")
            for path in [SitePath.caseDetail(.value(id)).relative, SitePath.caseEdit(.value(id)).relative, SitePath.casePrint(.value(id)).relative] {
                let html = try await installer.get(path).body.string
                if payload.contains("<") || payload.contains("\"") {
                    #expect(!html.contains(payload), "\(path) never echoes it raw")
                }
                #expect(html.contains(escaped), "\(path) shows it as text")
            }
        }
    }
}

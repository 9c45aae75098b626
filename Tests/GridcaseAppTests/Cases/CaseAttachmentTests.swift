import Fluent
import GridcaseDomain
import Testing
import Vapor
import VaporTesting
@testable import GridcaseApp

@Suite struct CaseAttachmentTests {
    static let pdf = Array("%PDF-1.7\n1 0 obj << >> endobj\ntrailer\n%%EOF\n".utf8)
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00]

    /// A multipart form like a browser sends: text fields and one file.
    static func multipart(_ fields: [String: String], file: (name: String, type: String, bytes: [UInt8])?) -> (HTTPHeaders, ByteBuffer) {
        let boundary = "----gridcase-test-boundary"
        var body = ByteBuffer()
        for (name, value) in fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        if let file {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"\(file.name)\"\r\n")
            body.writeString("Content-Type: \(file.type)\r\n\r\n")
            body.writeBytes(file.bytes)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return (headers, body)
    }

    func upload(_ browser: Browser, to path: String, fields: [String: String] = [:],
                file: (name: String, type: String, bytes: [UInt8])?) async throws -> TestingHTTPResponse {
        var all = fields
        all["_csrf"] = browser.lastCSRFToken
        let (headers, body) = Self.multipart(all, file: file)
        return try await browser.send(.POST, path, headers: headers, body: body)
    }

    @Test func aPDFIsStoredListedAndDownloadableByThoseWhoMaySeeTheCase() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let id = try await t.createCase(browser)
            try await browser.get(SitePath.caseDetail(.value(id)).relative)
            let response = try await upload(browser, to: SitePath.caseAttachments(.value(id)).relative,
                                             fields: ["attachmentCategory": "sitePlan"], file: ("situationsplan.pdf", "application/pdf", Self.pdf))
            #expect(response.status == .seeOther)
            let attachment = try #require(try await Attachment.query(on: t.app.db).first())
            #expect(attachment.contentType == "application/pdf")
            #expect(attachment.category == .sitePlan)
            #expect(attachment.size == Self.pdf.count)

            let page = try await browser.get(SitePath.caseDetail(.value(id)).relative).body.string
            #expect(page.contains("situationsplan.pdf"))
            #expect(page.contains("Situationsplan · \(Self.pdf.count) B · Anna Svensson"))
            let path = SitePath.caseAttachment(.value(id), .value(try attachment.requireID())).relative
            let download = try await browser.get(path)
            #expect(download.status == .ok)
            #expect(download.headers.first(name: .contentType) == "application/pdf")
            #expect(Array(download.body.readableBytesView) == Self.pdf)
            #expect(download.headers.first(name: .contentDisposition)?.hasPrefix("attachment;") == true)

            let otherCompany = try await t.signedIn(Demo.email(.installer, of: Demo.solkraft))
            #expect(try await otherCompany.get(path).status == .notFound)
            let gridHandler = try await t.signedIn(Demo.email(.caseHandler, of: Demo.kullabygden))
            #expect(try await gridHandler.get(path).status == .notFound, "a draft is invisible to the grid company")
        }
    }

    @Test func theTypeIsCheckedByTheFilesBytesNotItsName() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let id = try await t.createCase(browser)
            try await browser.get(SitePath.caseDetail(.value(id)).relative)
            let program: [UInt8] = Array("MZ\u{90}\u{0}this is not a pdf".utf8)
            let response = try await upload(browser, to: SitePath.caseAttachments(.value(id)).relative,
                                            file: ("ritning.pdf", "application/pdf", program))
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("Filtypen stöds inte. Bifoga PDF, JPEG, PNG eller HEIC."))
            #expect(try await Attachment.query(on: t.app.db).count() == 0)

            let photo = try await upload(browser, to: SitePath.caseAttachments(.value(id)).relative,
                                         file: ("IMG_0001", "application/octet-stream", Self.jpeg))
            #expect(photo.status == .seeOther)
            #expect(try await Attachment.query(on: t.app.db).first()?.contentType == "image/jpeg")
        }
    }

    @Test func aFileOverTwentyMegabytesIsRefused() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let id = try await t.createCase(browser)
            try await browser.get(SitePath.caseDetail(.value(id)).relative)
            let big = Self.pdf + [UInt8](repeating: 0x20, count: AttachmentRules.maximumBytes)
            let response = try await upload(browser, to: SitePath.caseAttachments(.value(id)).relative,
                                            file: ("stor.pdf", "application/pdf", big))
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("Filen är för stor. Största tillåtna storlek är 20 MB."))
            #expect(try await Attachment.query(on: t.app.db).count() == 0)
        }
    }

    @Test func attachingFromTheEditFormSavesTheTypedFieldsToo() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let id = try await t.createCase(browser)
            try await browser.get(SitePath.caseEdit(.value(id)).relative)
            let response = try await upload(browser, to: SitePath.caseDetail(.value(id)).relative,
                                             fields: ["version": "1", "action": "upload", "facility.city": "Ängelholm"],
                                             file: ("foto.jpg", "image/jpeg", Self.jpeg))
            #expect(response.status == .seeOther)
            #expect(try await t.loadCase(id).fieldValues(t.app.personalData)["facility.city"] == "Ängelholm")
            #expect(try await Attachment.query(on: t.app.db).count() == 1)
        }
    }

    @Test func aFileIsKeptEvenWhenAFieldInTheSameFormIsWrong() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let id = try await t.createCase(browser)
            try await browser.get(SitePath.caseEdit(.value(id)).relative)
            let response = try await upload(browser, to: SitePath.caseDetail(.value(id)).relative,
                                            fields: ["version": "1", "action": "upload", "facility.city": "Ängelholm",
                                                     "facility.postalCode": "1234"],
                                            file: ("foto.jpg", "image/jpeg", Self.jpeg))
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            #expect(html.contains("Bilagan foto.jpg är sparad."))
            #expect(html.contains(#"value="Ängelholm""#) && html.contains(#"value="1234""#))
            #expect(try await Attachment.query(on: t.app.db).count() == 1)
            #expect(try await t.loadCase(id).fieldValues(t.app.personalData)["facility.city"] == nil)
        }
    }
}

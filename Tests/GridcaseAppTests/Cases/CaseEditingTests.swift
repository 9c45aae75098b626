import Fluent
import GridcaseDomain
import Testing
import Vapor
import VaporTesting
@testable import GridcaseApp

@Suite struct CaseEditingTests {
    @Test func theEditFormMarksMandatoryFieldsWithTextAndNotColourAlone() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let id = try await t.createCase(browser)
            let html = try await browser.get(SitePath.caseEdit(.value(id)).relative).body.string
            #expect(html.contains(#"<label for="field-facility-requestedMeterPlacement" class="is-required">Önskad mätarplacering<span class="required-mark" aria-hidden="true"> *</span><span class="visually-hidden"> (obligatoriskt)</span></label>"#))
            #expect(html.contains(#"<label for="field-facility-technicalNumber" class="">Tekniskt nummer</label>"#))
            for label in ["Spara", "Skicka föranmälan", "Stäng", "Kopiera från ägare"] {
                #expect(html.contains(">\(label)<"), "\(label) is on the edit form")
            }
            #expect(!html.contains("Mikroproduktion"), "only microproduction job types have that section")
        }
    }

    @Test func aBadValueKeepsEverythingTypedAndSavesNothing() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let id = try await t.createCase(browser)
            var fields = TestApp.completeServiceChange
            fields["facility.facilityID"] = "735999000000000014"
            fields["owner.identityNumber"] = "811218-9875"
            fields["facility.otherInformation"] = "Nyckel finns hos grannen <b>"
            let response = try await t.save(browser, case: id, fields: fields)
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            #expect(html.contains(#"id="field-facility-facilityID-error">Anläggnings-ID är felaktigt: kontrollsiffran stämmer inte."#))
            #expect(html.contains(#"id="field-owner-identityNumber-error">Personnumret är felaktigt: kontrollsiffran stämmer inte."#))
            #expect(html.contains(#"aria-describedby="field-facility-facilityID-error""#))
            #expect(html.contains(#"value="735999000000000014""#), "the bad value itself stays for correcting")
            #expect(html.contains(#"value="Storgatan 1""#))
            #expect(html.contains(#"value="Andersson""#))
            #expect(html.contains("Nyckel finns hos grannen &lt;b&gt;</textarea>"))
            #expect(html.contains(#"role="alert""#))
            let record = try await t.loadCase(id)
            #expect(record.version == 1)
            #expect(try record.fieldValues(t.app.personalData)["facility.streetAddress"] == nil)
        }
    }

    @Test func sparaWorksOnADraftWithMissingFieldsAndAsksToSend() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let id = try await t.createCase(browser)
            let response = try await t.save(browser, case: id, fields: ["facility.streetAddress": " Storgatan 1 ", "facility.postalCode": "25220"])
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location)?.hasPrefix(SitePath.caseSend(.value(id)).relative) == true)
            let record = try await t.loadCase(id)
            #expect(try record.fieldValues(t.app.personalData)["facility.streetAddress"] == "Storgatan 1")
            #expect(try record.fieldValues(t.app.personalData)["facility.postalCode"] == "252 20")
            #expect(record.version == 2)

            let question = try await browser.get(try #require(response.headers.first(name: .location))).body.string
            #expect(question.contains("Ärendet har inte skickats för godkännande. Vill du göra detta nu?"))
            #expect(question.contains(">OK<") && question.contains(">Avbryt<"))
            #expect(question.contains("Ändringarna är sparade."))
        }
    }

    @Test func sendingIsRefusedUntilMandatoryFieldsAreFilledAndListsEachWithALink() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let id = try await t.createCase(browser)
            var fields = TestApp.completeServiceChange
            fields["facility.requestedMeterPlacement"] = nil
            fields["owner.identityNumber"] = nil
            try await t.save(browser, case: id, fields: fields)
            let response = try await browser.post(SitePath.caseSend(.value(id)).relative, form: [:])
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            #expect(html.contains(##"<a href="#field-facility-requestedMeterPlacement">Anläggning: Önskad mätarplacering</a>"##))
            #expect(html.contains(##"<a href="#field-owner-identityNumber">Fastighetsägare: Personnr. / org.nr</a>"##))
            #expect(html.contains(#"id="field-facility-requestedMeterPlacement-error">Fältet är obligatoriskt."#))
            #expect(try await t.loadCase(id).status == .draft)
        }
    }

    @Test func okSendsTheCaseOnceEvenWhenClickedTwice() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let id = try await t.createCase(browser)
            try await t.save(browser, case: id, fields: TestApp.completeServiceChange)
            try await browser.get(SitePath.caseSend(.value(id)).relative)
            let token = try #require(browser.lastCSRFToken)
            let first = try await browser.post(SitePath.caseSend(.value(id)).relative, form: [:], csrf: token)
            let second = try await browser.post(SitePath.caseSend(.value(id)).relative, form: [:], csrf: token)
            #expect(first.headers.first(name: .location)?.contains("meddelande=skickat") == true)
            #expect(second.headers.first(name: .location)?.contains("meddelande=redan-skickat") == true)

            let record = try await t.loadCase(id)
            #expect(record.status == .submitted)
            #expect(record.submittedAt == t.clock.now())
            let sends = try await CaseEvent.query(on: t.app.db)
                .filter(\.$caseRecord.$id == id).filter(\.$kind == .statusChanged).count()
            #expect(sends == 1)
        }
    }

    @Test func afterSendingFieldsAreLockedButNotesStillWork() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let id = try await t.createCase(browser)
            try await t.save(browser, case: id, fields: TestApp.completeServiceChange)
            try await browser.post(SitePath.caseSend(.value(id)).relative, form: [:])

            let edit = try await browser.get(SitePath.caseEdit(.value(id)).relative)
            #expect(edit.status == .seeOther, "the edit view is closed")
            let show = try await browser.get(SitePath.caseDetail(.value(id)).relative).body.string
            #expect(!show.contains(">Redigera<") && !show.contains(">Ta bort<"))
            let save = try await browser.post(SitePath.caseDetail(.value(id)).relative,
                                              form: ["facility.city": "Malmö", "version": "3", "action": "save"])
            #expect(save.headers.first(name: .location)?.contains("meddelande=last") == true)
            #expect(try await t.loadCase(id).fieldValues(t.app.personalData)["facility.city"] == "Helsingborg")

            let note = try await browser.post(SitePath.caseNotes(.value(id)).relative, form: ["body": "Kunden vill ha besök före 10."])
            #expect(note.status == .seeOther)
            let page = try await browser.get(SitePath.caseDetail(.value(id)).relative).body.string
            #expect(page.contains("Kunden vill ha besök före 10."))
            #expect(page.contains("Anna Svensson, Öresunds Elinstallation AB"))
        }
    }

    @Test func theLaterOfTwoSavesIsRefusedWithItsInputKeptAndTheDifferenceShown() async throws {
        try await TestApp.run { t in
            let anna = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let mats = try await t.signedIn(Demo.email(.installerAdmin, of: Demo.oresundsEl))
            let id = try await t.createCase(anna)

            let annaForm = try await anna.get(SitePath.caseEdit(.value(id)).relative)
            let matsForm = try await mats.get(SitePath.caseEdit(.value(id)).relative)
            let annaVersion = try #require(Browser.hiddenValue("version", in: annaForm.body.string))
            let matsVersion = try #require(Browser.hiddenValue("version", in: matsForm.body.string))

            let first = try await anna.post(SitePath.caseDetail(.value(id)).relative,
                                            form: ["facility.city": "Helsingborg", "version": annaVersion, "action": "save"])
            #expect(first.status == .seeOther)
            let later = try await mats.post(SitePath.caseDetail(.value(id)).relative,
                                            form: ["facility.city": "Höganäs", "facility.meterNumber": "998877", "version": matsVersion, "action": "save"])
            #expect(later.status == .conflict)
            let html = later.body.string
            #expect(html.contains("Någon annan har sparat ärendet"))
            #expect(html.contains(#"value="Höganäs""#) && html.contains(#"value="998877""#), "the later input is kept")
            #expect(html.contains("<td>Anläggning: Ort</td><td>Höganäs</td><td>Helsingborg</td>"))
            #expect(try await t.loadCase(id).fieldValues(t.app.personalData)["facility.city"] == "Helsingborg", "nothing was overwritten")
            #expect(try await t.loadCase(id).fieldValues(t.app.personalData)["facility.meterNumber"] == nil)

            // Saving again from the refreshed form, knowingly, goes through.
            let newVersion = try #require(Browser.hiddenValue("version", in: html))
            let again = try await mats.post(SitePath.caseDetail(.value(id)).relative,
                                            form: ["facility.city": "Höganäs", "facility.meterNumber": "998877", "version": newVersion, "action": "save"])
            #expect(again.status == .seeOther)
            #expect(try await t.loadCase(id).fieldValues(t.app.personalData)["facility.city"] == "Höganäs")
        }
    }

    @Test func kopieraFranAgareWorksWithoutJavaScriptAndKeepsTheForm() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let id = try await t.createCase(browser)
            let response = try await t.save(browser, case: id, fields: [
                "facility.city": "Höganäs", "owner.kind": "organization", "owner.name": "Brf Solgläntan",
                "owner.identityNumber": "769600-1234", "owner.phone": "042-33 44 55", "billing.invoiceReference": "Ref 77",
            ], action: "copyFromOwner")
            #expect(response.status == .ok)
            let html = response.body.string
            #expect(html.contains(#"id="field-billing-name" name="billing.name" type="text" value="Brf Solgläntan""#))
            #expect(html.contains(#"id="field-billing-kind-organization" name="billing.kind" value="organization" data-party-kind checked"#))
            #expect(html.contains(#"value="Ref 77""#), "Fakturaref. is the payer's own")
            #expect(html.contains(#"value="Höganäs""#))
            #expect(html.contains("Glöm inte att spara"))
            #expect(try await t.loadCase(id).version == 1, "copying does not save")
        }
    }

    @Test func historyRecordsEachFieldChangeAndTheSending() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let id = try await t.createCase(browser)
            try await t.save(browser, case: id, fields: ["facility.city": "Höganäs"])
            t.clock.advance(by: 60)
            try await t.save(browser, case: id, fields: TestApp.completeServiceChange)
            try await browser.post(SitePath.caseSend(.value(id)).relative, form: [:])
            let html = try await browser.get(SitePath.caseDetail(.value(id)).relative).body.string
            #expect(html.contains("Anläggning: Ort: (tomt) → Höganäs"))
            #expect(html.contains("Anläggning: Ort: Höganäs → Helsingborg"))
            #expect(html.contains("Fastighetsägare: Personnr. / org.nr: (tomt) → 19811218-****"), "identity numbers are masked in the history")
            #expect(html.contains("Status ändrades från Ej skickat till För godkännande"))
            #expect(html.contains("Ärendet skapades"))
        }
    }

    @Test func microproductionJobTypesHaveTheirSectionAndRules() async throws {
        try await TestApp.run { t in
            let browser = try await t.signedIn(Demo.email(.installer, of: Demo.oresundsEl))
            let id = try await t.createCase(browser, type: .newFacility, jobType: "Anläggning med mikroproduktion")
            let html = try await browser.get(SitePath.caseEdit(.value(id)).relative).body.string
            #expect(html.contains("<legend>Mikroproduktion</legend>"))
            #expect(html.contains(#"<label for="field-microproduction-maxPowerKW" class="is-required">"#))
            let save = try await t.save(browser, case: id, fields: ["microproduction.maxPowerKW": "10,5"])
            #expect(save.status == .seeOther)
            #expect(try await t.loadCase(id).fieldValues(t.app.personalData)["microproduction.maxPowerKW"] == "10.5")
        }
    }
}

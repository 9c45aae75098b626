import Vapor

/// Every route of Gridcase, by area. Paths come from `SitePath`.
func routes(_ app: Application) throws {
    // For load balancers and monitoring: the process answers. Touches no database, starts no task.
    app.on(.GET, SitePath.health.pathComponents) { _ -> String in "ok" }

    let auth = AuthController()
    app.get(.login, use: auth.showLogin)
    app.post(.login, use: auth.login)
    app.post(.logout, use: auth.logout)
    // The invited person has no session yet: the one-time token in the link is their proof.
    let invitation = InvitationController()
    app.get(.invitation, use: invitation.form)
    app.post(.invitation, use: invitation.accept)

    // Other systems read a grid company's embedded register with its bearer token (no session, no form).
    // Registered with Vapor's own `on`: the handler returns a future, and the SitePath helper would wrap it in a task.
    app.on(.GET, SitePath.apiInstallations(.key).pathComponents, use: RegisterAPIController().lookUp)

    let signedIn = app.grouped(RequireSignIn())

    let home = HomeController()
    signedIn.get(.home, use: home.home)
    let inbox = InboxController()
    signedIn.get(.inbox, use: inbox.inbox)
    signedIn.post(.inboxFilter, use: inbox.filter)

    let caseList = CaseListController()
    signedIn.get(.cases, use: caseList.list)
    signedIn.post(.caseFilter, use: caseList.filter)

    let newCase = NewCaseController()
    signedIn.get(.newCase, use: newCase.form)
    signedIn.post(.newCase, use: newCase.reload)
    signedIn.post(.cases, use: newCase.create)

    let cases = CaseController()
    let uploadLimit = ByteCount(value: CSRFMiddleware.signedInBodyLimit)
    signedIn.get(.caseDetail(.key), use: cases.show)
    signedIn.on(.POST, SitePath.caseDetail(.key).pathComponents, body: .collect(maxSize: uploadLimit), use: cases.save)
    signedIn.get(.caseEdit(.key), use: cases.edit)
    signedIn.get(.caseSend(.key), use: cases.confirmSend)
    signedIn.post(.caseSend(.key), use: cases.send)
    signedIn.get(.caseDelete(.key), use: cases.confirmDelete)
    signedIn.post(.caseDelete(.key), use: cases.delete)
    signedIn.post(.caseNotes(.key), use: cases.addNote)
    signedIn.on(.POST, SitePath.caseAttachments(.key).pathComponents, body: .collect(maxSize: uploadLimit), use: cases.upload)
    signedIn.get(.caseAttachment(.key, .key), use: cases.download)
    signedIn.get(.casePrint(.key), use: cases.print)
    signedIn.post(.caseIdentityNumbers(.key), use: cases.revealIdentityNumbers)
    let accessLog = AccessLogController()
    signedIn.get(.caseAccessLog(.key), use: accessLog.forCase)

    let decisions = CaseDecisionController()
    signedIn.get(.caseDecision(.key, .key), use: decisions.form)
    signedIn.post(.caseDecision(.key, .key), use: decisions.decide)
    signedIn.post(.caseAssignment(.key), use: decisions.assign)

    let facilityData = FacilityDataController()
    signedIn.get(.caseFacilityData(.key), use: facilityData.dialog)
    signedIn.post(.caseFacilityData(.key), use: facilityData.fetch)
    signedIn.post(.caseFacilityDataApply(.key), use: facilityData.apply)

    let account = AccountController()
    signedIn.get(.account, use: account.show)
    signedIn.post(.accountPassword, use: account.changePassword)

    let admin = AdminController()
    signedIn.get(.admin, use: admin.overview)
    signedIn.get(.adminNewUser, use: admin.newUser)
    signedIn.post(.adminUsers, use: admin.createUser)
    signedIn.get(.adminUser(.key), use: admin.showUser)
    signedIn.get(.adminUserAccessLog(.key), use: accessLog.forUser)
    let rights = PersonalDataRightsController()
    signedIn.get(.adminPersonalData, use: rights.form)
    signedIn.post(.adminPersonalDataExport, use: rights.export)
    signedIn.post(.adminPersonalDataErase, use: rights.erase)
    signedIn.post(.adminUserActivation(.key), use: admin.setActivation)
    let registrations = RegistrationController()
    signedIn.get(.adminRegistrations, use: registrations.list)
    signedIn.post(.adminRegistrations, use: registrations.request)
    signedIn.post(.adminRegistration(.key), use: registrations.decide)
    let gridAreas = GridAreaController()
    signedIn.get(.adminGridAreas, use: gridAreas.list)
    signedIn.post(.adminGridAreas, use: gridAreas.add)
    signedIn.post(.adminGridArea(.key), use: gridAreas.rename)
    signedIn.post(.adminGridAreaActivation(.key), use: gridAreas.setActivation)
    let caseTypes = CaseTypeController()
    signedIn.get(.adminCaseTypes, use: caseTypes.list)
    signedIn.post(.adminJobTypes, use: caseTypes.addJobType)
    signedIn.post(.adminJobType(.key), use: caseTypes.setJobTypeActivation)
    signedIn.get(.adminMandatoryFields(.key), use: caseTypes.mandatoryFieldsForm)
    signedIn.post(.adminMandatoryFields(.key), use: caseTypes.saveMandatoryFields)
    let notificationSettings = NotificationSettingsController()
    signedIn.get(.adminNotifications, use: notificationSettings.form)
    signedIn.post(.adminNotifications, use: notificationSettings.save)
    let serviceLevels = ServiceLevelController()
    signedIn.get(.adminServiceLevels, use: serviceLevels.form)
    signedIn.post(.adminServiceLevels, use: serviceLevels.save)

    let system = SystemController()
    signedIn.get(.systemOrganizations, use: system.organizations)
    signedIn.get(.systemOrganization(.key), use: system.organization)
    signedIn.get(.systemOutbox, use: OutboxController().list)
}

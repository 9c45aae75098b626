/// The grid company's steps with a service-level target: how many working days a case may wait in a status
/// for the grid company to act.
public enum ServiceLevelStep: String, CaseIterable, Codable, Sendable {
    /// A föranmälan waiting for Godkänn, Åter för komplettering or Avslå.
    case decision
    /// A färdiganmäld case waiting for the connection.
    case connection

    public var status: CaseStatus {
        switch self {
        case .decision: .submitted
        case .connection: .completionReported
        }
    }

    public init?(waitingIn status: CaseStatus) {
        guard let step = Self.allCases.first(where: { $0.status == status }) else { return nil }
        self = step
    }

    public var swedishName: String {
        switch self {
        case .decision: "Beslut om föranmälan"
        case .connection: "Inkoppling efter färdiganmälan"
        }
    }

    /// What the installer is told to expect.
    public var expectationLabel: String {
        switch self {
        case .decision: "Beslut väntas senast"
        case .connection: "Inkoppling väntas senast"
        }
    }

    public var defaultWorkingDays: Int {
        switch self {
        case .decision: 10
        case .connection: 10
        }
    }

    public static let maximumWorkingDays = 250
}

/// A grid company's targets in working days, with the defaults where none is set.
public struct ServiceLevelTargets: Equatable, Sendable {
    public private(set) var workingDays: [ServiceLevelStep: Int]

    public init(_ workingDays: [ServiceLevelStep: Int] = [:]) {
        self.workingDays = Dictionary(uniqueKeysWithValues: ServiceLevelStep.allCases.map { ($0, workingDays[$0] ?? $0.defaultWorkingDays) })
    }

    public subscript(step: ServiceLevelStep) -> Int { workingDays[step] ?? step.defaultWorkingDays }

    /// The last day the grid company has to act on a case that got `status` on `since`; nil when the status
    /// waits on nobody at the grid company.
    public func dueDate(status: CaseStatus, since: CalendarDate) -> CalendarDate? {
        ServiceLevelStep(waitingIn: status).map { SwedishCalendar.adding(workingDays: self[$0], to: since) }
    }

    public func isOverdue(status: CaseStatus, since: CalendarDate, today: CalendarDate) -> Bool {
        dueDate(status: status, since: since).map { today > $0 } ?? false
    }

    /// The last status date that is overdue today for `step`: a case is overdue exactly when it got the step's
    /// status on this date or earlier (so lists can filter in SQL).
    public func lastOverdueStart(_ step: ServiceLevelStep, today: CalendarDate) -> CalendarDate {
        let target = self[step]
        let yesterday = today.adding(days: -1)
        guard target > 0 else { return yesterday }
        // Overdue when at least `target` working days lie after the start, up to yesterday.
        var day = yesterday
        var counted = 0
        while true {
            if SwedishCalendar.isWorkingDay(day) { counted += 1 }
            if counted == target { return day.adding(days: -1) }
            day = day.adding(days: -1)
        }
    }

    /// A target as typed by the grid admin, or the message to show next to the field.
    public static func parse(_ text: String) -> Result<Int, FieldError> {
        guard let days = Int(text.trimmed), (1...ServiceLevelStep.maximumWorkingDays).contains(days) else {
            return .failure(FieldError("Ange ett antal arbetsdagar mellan 1 och \(ServiceLevelStep.maximumWorkingDays)."))
        }
        return .success(days)
    }
}

import Testing
@testable import GridcaseDomain

@Suite struct SwedishCalendarTests {
    func date(_ text: String) -> CalendarDate { CalendarDate(isoString: text)! }

    @Test func easterMatchesKnownYears() {
        let known = ["2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28", "2038-04-25", "2000-04-23", "2285-03-22"]
        for text in known {
            let expected = date(text)
            #expect(SwedishCalendar.easterSunday(expected.year) == expected, "\(text)")
        }
    }

    @Test func theDaysOffOf2026AreTheOfficialOnes() {
        let days = SwedishCalendar.daysOff(in: 2026).map { "\($0.date) \($0.name)" }
        #expect(days == [
            "2026-01-01 Nyårsdagen", "2026-01-06 Trettondedag jul", "2026-04-03 Långfredagen", "2026-04-05 Påskdagen",
            "2026-04-06 Annandag påsk", "2026-05-01 Första maj", "2026-05-14 Kristi himmelsfärdsdag", "2026-05-24 Pingstdagen",
            "2026-06-06 Sveriges nationaldag", "2026-06-19 Midsommarafton", "2026-06-20 Midsommardagen",
            "2026-10-31 Alla helgons dag", "2026-12-24 Julafton", "2026-12-25 Juldagen", "2026-12-26 Annandag jul",
            "2026-12-31 Nyårsafton",
        ])
        // Midsommardagen is the Saturday 20-26 June and Alla helgons dag the Saturday 31 October - 6 November.
        #expect(SwedishCalendar.daysOff(in: 2027).contains { $0.date == date("2027-06-26") && $0.name == "Midsommardagen" })
        #expect(SwedishCalendar.daysOff(in: 2027).contains { $0.date == date("2027-11-06") && $0.name == "Alla helgons dag" })
    }

    @Test func dayNumbersAndWeekdaysRoundTrip() {
        #expect(date("1970-01-01").dayNumber == 0)
        #expect(date("2026-11-27").weekday == 4, "a Friday")
        #expect(date("1969-12-31").weekday == 2, "a Wednesday")
        for number in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(CalendarDate(dayNumber: number).dayNumber == number)
        }
        #expect(date("2024-02-28").adding(days: 1) == date("2024-02-29"))
        #expect(date("2026-12-31").adding(days: 1) == date("2027-01-01"))
    }

    @Test func workingDaysSkipWeekendsHolidaysAndEves() {
        #expect(SwedishCalendar.adding(workingDays: 1, to: date("2026-11-27")) == date("2026-11-30"), "Friday -> Monday")
        // Julafton, juldagen, annandag jul (Thu-Sat) and the weekend: 23 December + 1 is the 28th.
        #expect(SwedishCalendar.adding(workingDays: 1, to: date("2026-12-23")) == date("2026-12-28"))
        // Easter 2026: Långfredagen 3 April and Annandag påsk 6 April.
        #expect(SwedishCalendar.adding(workingDays: 1, to: date("2026-04-02")) == date("2026-04-07"))
        #expect(SwedishCalendar.adding(workingDays: 10, to: date("2026-11-18")) == date("2026-12-02"))
        #expect(SwedishCalendar.workingDays(from: date("2026-11-18"), to: date("2026-12-02")) == 10)
        #expect(SwedishCalendar.workingDays(from: date("2026-12-02"), to: date("2026-11-18")) == 0)
        #expect(!SwedishCalendar.isWorkingDay(date("2026-06-19")), "midsommarafton")
        #expect(SwedishCalendar.isWorkingDay(date("2026-06-18")))
    }
}

@Suite struct ServiceLevelTargetTests {
    @Test func dueDatesAndOverdueFollowTheTargets() {
        let targets = ServiceLevelTargets([.decision: 2])
        let friday = CalendarDate(isoString: "2026-11-27")!
        #expect(targets[.connection] == ServiceLevelStep.connection.defaultWorkingDays)
        #expect(targets.dueDate(status: .submitted, since: friday) == CalendarDate(isoString: "2026-12-01"))
        #expect(targets.dueDate(status: .returned, since: friday) == nil, "a returned case waits on the installer")
        #expect(!targets.isOverdue(status: .submitted, since: friday, today: CalendarDate(isoString: "2026-12-01")!))
        #expect(targets.isOverdue(status: .submitted, since: friday, today: CalendarDate(isoString: "2026-12-02")!))
    }

    /// The SQL filter's cut-off agrees with the due date for every start and every day of two years.
    @Test(arguments: [0, 1, 3, 10])
    func theLastOverdueStartAgreesWithTheDueDate(target: Int) {
        let targets = ServiceLevelTargets([.decision: target])
        let first = CalendarDate(isoString: "2026-01-01")!
        for offset in stride(from: 0, to: 730, by: 3) {
            let today = first.adding(days: offset)
            let cutoff = targets.lastOverdueStart(.decision, today: today)
            for back in 0..<40 {
                let start = today.adding(days: -back)
                #expect(targets.isOverdue(status: .submitted, since: start, today: today) == (start <= cutoff), "\(start) \(today)")
            }
        }
    }

    @Test func aTargetIsAWholeNumberOfWorkingDays() {
        #expect(ServiceLevelTargets.parse(" 15 ") == .success(15))
        for bad in ["", "0", "-1", "2,5", "251", "tio"] {
            #expect(ServiceLevelTargets.parse(bad) == .failure(FieldError("Ange ett antal arbetsdagar mellan 1 och 250.")), "\(bad)")
        }
    }
}

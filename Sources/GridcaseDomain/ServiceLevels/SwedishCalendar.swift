/// Working days in Sweden: not Saturday or Sunday, not a public holiday (allmän helgdag, Lag 1989:253),
/// and not midsommarafton, julafton or nyårsafton, which Swedish workplaces keep free as well. Computed for
/// any year: nothing is listed by hand.
public enum SwedishCalendar {
    /// The public holidays and the three eves of `year`, each with its Swedish name.
    public static func daysOff(in year: Int) -> [(date: CalendarDate, name: String)] {
        let easter = easterSunday(year)
        func fixed(_ month: Int, _ day: Int) -> CalendarDate { CalendarDate(year: year, month: month, day: day)! }
        /// The first `weekday` (0 Monday ... 6 Sunday) on or after the date.
        func first(_ weekday: Int, onOrAfter date: CalendarDate) -> CalendarDate {
            date.adding(days: (weekday - date.weekday + 7) % 7)
        }
        let midsummerDay = first(5, onOrAfter: fixed(6, 20))
        return [
            (fixed(1, 1), "Nyårsdagen"),
            (fixed(1, 6), "Trettondedag jul"),
            (easter.adding(days: -2), "Långfredagen"),
            (easter, "Påskdagen"),
            (easter.adding(days: 1), "Annandag påsk"),
            (fixed(5, 1), "Första maj"),
            (easter.adding(days: 39), "Kristi himmelsfärdsdag"),
            (easter.adding(days: 49), "Pingstdagen"),
            (fixed(6, 6), "Sveriges nationaldag"),
            (midsummerDay.adding(days: -1), "Midsommarafton"),
            (midsummerDay, "Midsommardagen"),
            (first(5, onOrAfter: fixed(10, 31)), "Alla helgons dag"),
            (fixed(12, 24), "Julafton"),
            (fixed(12, 25), "Juldagen"),
            (fixed(12, 26), "Annandag jul"),
            (fixed(12, 31), "Nyårsafton"),
        ]
    }

    public static func isWorkingDay(_ date: CalendarDate) -> Bool {
        date.weekday < 5 && !daysOff(in: date.year).contains { $0.date == date }
    }

    /// The working day `count` working days after `date` (the date itself not counted): a case that arrives
    /// on a Friday with a target of 1 is due on Monday.
    public static func adding(workingDays count: Int, to date: CalendarDate) -> CalendarDate {
        var day = date
        var remaining = max(0, count)
        while remaining > 0 {
            day = day.adding(days: 1)
            if isWorkingDay(day) { remaining -= 1 }
        }
        return day
    }

    /// Working days from `start` to `end`: those after `start`, up to and including `end`.
    public static func workingDays(from start: CalendarDate, to end: CalendarDate) -> Int {
        guard start < end else { return 0 }
        var count = 0
        var day = start
        while day < end {
            day = day.adding(days: 1)
            if isWorkingDay(day) { count += 1 }
        }
        return count
    }

    /// Easter Sunday in the Gregorian calendar (the anonymous algorithm of Meeus, Jones and Butcher).
    public static func easterSunday(_ year: Int) -> CalendarDate {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CalendarDate(year: year, month: month, day: day)!
    }
}

extension CalendarDate {
    /// Days since 1970-01-01 (negative before it); Howard Hinnant's days-from-civil.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)!
    }

    public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

    /// 0 Monday ... 6 Sunday (1970-01-01 was a Thursday).
    public var weekday: Int { ((dayNumber % 7) + 7 + 3) % 7 }
}

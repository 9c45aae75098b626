import Foundation
import GridcaseDomain

/// Dates and times as Swedish users read them, in Swedish time.
enum DisplayFormat {
    private static let stockholm = TimeZone(identifier: "Europe/Stockholm") ?? .gmt

    static func dateTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "sv_SE")
        formatter.timeZone = stockholm
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    /// Midnight at the start of `day` in Sweden.
    static func startOfDay(_ day: CalendarDate) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = stockholm
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) ?? Date.distantPast
    }

    static func fileSize(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return "\(bytes / 1024) kB" }
        let megabytes = Double(bytes) / 1024 / 1024
        return String(format: "%.1f MB", megabytes).replacingOccurrences(of: ".", with: ",")
    }
}

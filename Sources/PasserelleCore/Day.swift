/// A calendar date without time or zone (`YYYY-MM-DD`), as used for availability and vacancy deadlines.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil unless `text` is `YYYY-MM-DD` and a real calendar day.
    public init?(_ text: String) {
        let parts = text.trimmed.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year), year >= 1 else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Reads JSON Resume dates, which may be `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    public init?(partial text: String) {
        let parts = text.trimmed.split(separator: "-")
        switch parts.count {
        case 1: guard parts[0].count == 4, let y = Int(parts[0]) else { return nil }; self.init(year: y, month: 1, day: 1)
        case 2: guard parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]) else { return nil }; self.init(year: y, month: m, day: 1)
        default: self.init(text)
        }
    }

    /// The day as one sortable number, 20270115: what the filters of the site compare.
    public var compactNumber: Int { year * 10000 + month * 100 + day }

    public var description: String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(m)-\(d)"
    }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

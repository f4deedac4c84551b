/// The order of day and month in dates written with numbers only (`01/10/2018`): a source's
/// `date_format:`. ISO dates (`2018-10-01`) and dates with month names read the same either way.
public enum DateOrder: String, Sendable, CaseIterable {
    /// `dd/mm/yyyy`, as in the UK (the default).
    case dayFirst = "dd/mm/yyyy"
    /// `mm/dd/yyyy`, as in the US: only when a source says so.
    case monthFirst = "mm/dd/yyyy"
}

/// Reads the ways dates are written in council exports.
package enum DateText {
    /// A date field's text as a day: `2018-10-01`, `01/10/2018` (`1/10/2018`, `01-10-2018`,
    /// `01.10.2018`; month first with ``DateOrder/monthFirst``), `1 Oct 2018`, `1 October 2018`,
    /// `1-Oct-2018`. `nil` when it is none of these or not a real day from 1 March 1900.
    package static func day(_ text: String, order: DateOrder) -> CalendarDate? {
        let parts = fields(text)
        guard parts.count == 3 else { return nil }
        let date: CalendarDate?
        if let year = number(parts[0], digits: 4...4) {
            date = both(number(parts[1], digits: 1...2), number(parts[2], digits: 1...2)).map { CalendarDate(year: year, month: $0, day: $1) }
        } else if let month = monthName(parts[1]) {
            date = both(number(parts[0], digits: 1...2), number(parts[2], digits: 4...4)).map { CalendarDate(year: $1, month: month, day: $0) }
        } else {
            guard let first = number(parts[0], digits: 1...2), let second = number(parts[1], digits: 1...2),
                  let year = number(parts[2], digits: 4...4) else { return nil }
            date = order == .dayFirst ? CalendarDate(year: year, month: second, day: first) : CalendarDate(year: year, month: first, day: second)
        }
        guard let date, date.isValid else { return nil }
        return date
    }

    /// A month field's text as the month's first day: `Oct-18`, `Oct 2018`, `October 2018`,
    /// `2018-10`, `10/2018`. Two-digit years are 2000–2099.
    package static func month(_ text: String) -> CalendarDate? {
        let parts = fields(text)
        guard parts.count == 2 else { return nil }
        let date: CalendarDate?
        if let month = monthName(parts[0]) {
            date = year(parts[1]).map { CalendarDate(year: $0, month: month, day: 1) }
        } else if let year = number(parts[0], digits: 4...4) {
            date = number(parts[1], digits: 2...2).map { CalendarDate(year: year, month: $0, day: 1) }
        } else {
            date = both(number(parts[0], digits: 1...2), number(parts[1], digits: 4...4)).map { CalendarDate(year: $1, month: $0, day: 1) }
        }
        guard let date, date.isValid else { return nil }
        return date
    }

    /// English month names and their three-letter forms (and `Sept`), any case: 1–12.
    package static func monthName(_ text: Substring) -> Int? {
        let lower = text.lowercased()
        guard lower.count >= 3, let index = shortMonths.firstIndex(of: String(lower.prefix(3))) else { return nil }
        if lower.count == 3 || lower == fullMonths[index] || (index == 8 && lower == "sept") { return index + 1 }
        return nil
    }

    static let shortMonths = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    static let fullMonths = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                             "october", "november", "december"]

    /// The text split at spaces, `-`, `/` and `.` (trimmed first; empty parts dropped).
    private static func fields(_ text: String) -> [Substring] {
        text.trimmingSpaces().split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "/" || $0 == "." })
    }

    /// A number written with ASCII digits only, of a length in `digits`.
    private static func number(_ text: Substring, digits: ClosedRange<Int>) -> Int? {
        guard digits.contains(text.utf8.count), text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int(text)
    }

    /// A four-digit year, or a two-digit one meaning 2000–2099 (`Oct-18`).
    private static func year(_ text: Substring) -> Int? {
        if let four = number(text, digits: 4...4) { return four }
        return number(text, digits: 2...2).map { 2000 + $0 }
    }
}

/// Both numbers when neither is `nil`.
private func both(_ first: Int?, _ second: Int?) -> (Int, Int)? {
    guard let first, let second else { return nil }
    return (first, second)
}

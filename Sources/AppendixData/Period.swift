import Foundation

/// A reporting period: a calendar month or a quarter of the UK financial year (April–March).
///
/// Reads `2018-10`, `Oct 2018`, `October 2018`, `2018/19 Q2`, `Q2 2018/19`, `Q2 2018-19`
/// and `2018-19 Q2`. Sorts chronologically; ``label`` is a valid Excel sheet name
/// (`Oct 2018`, `Q2 2018-19`).
package struct Period: Sendable, Hashable, Comparable, CustomStringConvertible {
    package enum Kind: Sendable, Hashable { case month, quarter }

    package var kind: Kind
    /// Calendar year for months; the financial year's first calendar year for quarters.
    package var year: Int
    /// 1–12 for months, 1–4 for quarters.
    package var number: Int

    package init(month: Int, year: Int) {
        kind = .month; self.year = year; number = month
    }

    package init(quarter: Int, financialYear: Int) {
        kind = .quarter; year = financialYear; number = quarter
    }

    /// Reads a period, or returns `nil` if `text` is not one of the accepted forms.
    package init?(_ text: String) {
        let t = text.trimmingSpaces().lowercased()
        let parts = t.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "/" }).map(String.init)
        // 2018-10
        if parts.count == 2, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m), parts[1].count == 2 {
            self.init(month: m, year: y); return
        }
        // Oct 2018, October 2018
        if parts.count == 2, let month = DateText.monthName(Substring(parts[0])), parts[1].count == 4, let y = Int(parts[1]) {
            self.init(month: month, year: y); return
        }
        // Q2 2018/19, Q2 2018-19, 2018/19 Q2, 2018-19 Q2
        if parts.count == 3 {
            let (q, a, b) = parts[0].hasPrefix("q") ? (parts[0], parts[1], parts[2]) : (parts[2], parts[0], parts[1])
            if q.hasPrefix("q"), let quarter = Int(q.dropFirst()), (1...4).contains(quarter),
               a.count == 4, let start = Int(a), let end = Int(b), end == (start + 1) % 100 || end == start + 1 {
                self.init(quarter: quarter, financialYear: start); return
            }
        }
        return nil
    }

    /// The first period found in a file name, e.g. `enforcement-2018-10.csv` → Oct 2018.
    package static func inFileName(_ name: String) -> Period? {
        let stem = (name as NSString).deletingPathExtension
        let characters = Array(stem)
        guard characters.count >= 7 else { return nil }
        for start in 0...(characters.count - 7) {
            if let period = Period(String(characters[start..<start + 7])) { return period }
        }
        return nil
    }

    /// The label used for sheet names and headers.
    package var label: String {
        switch kind {
        case .month: return "\(DateText.shortMonths[number - 1].capitalized) \(year)"
        case .quarter: return "Q\(number) \(year)-\(String(format: "%02d", (year + 1) % 100))"
        }
    }

    /// A stable text form (`2018-10`, `2018-19-Q2`), used in file names.
    package var code: String {
        switch kind {
        case .month: return String(format: "%04d-%02d", year, number)
        case .quarter: return String(format: "%04d-%02d-Q%d", year, (year + 1) % 100, number)
        }
    }

    package var description: String { label }

    /// The first calendar year of the UK financial year the period belongs to.
    package var financialYear: Int {
        switch kind {
        case .month: return number >= 4 ? year : year - 1
        case .quarter: return year
        }
    }

    /// A count of periods since year 0, for ordering and for finding gaps.
    var ordinal: Int {
        switch kind {
        case .month: return year * 12 + (number - 1)
        case .quarter: return year * 4 + (number - 1)
        }
    }

    /// The period after this one.
    package var next: Period {
        switch kind {
        case .month: return number == 12 ? Period(month: 1, year: year + 1) : Period(month: number + 1, year: year)
        case .quarter: return number == 4 ? Period(quarter: 1, financialYear: year + 1) : Period(quarter: number + 1, financialYear: year)
        }
    }

    package static func < (a: Period, b: Period) -> Bool {
        a.kind == b.kind ? a.ordinal < b.ordinal : a.kind == .month
    }
}

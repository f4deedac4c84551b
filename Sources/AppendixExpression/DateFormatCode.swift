import AppendixData

/// A date format code as Excel's TEXT function and number formats read it, for the parts
/// Appendix writes: days `d` `dd` `ddd` `dddd`, months `m` `mm` `mmm` `mmmm`, years `yy`
/// `yyyy` (any case), separated by spaces and `/ - . ,`. Names are English (en-GB), as the
/// reference spreadsheet shows them in a UK locale: `d mmm yyyy` is `1 Oct 2018`.
package struct DateFormatCode: Sendable, Equatable {
    package enum Part: Sendable, Equatable {
        case day(Int), month(Int), year(Int)
        case literal(String)
    }

    package var parts: [Part]

    /// Reads a date code, or `nil` when it has anything else (or no day, month or year at all).
    package init?(_ code: String) {
        var parts: [Part] = []
        var characters = Substring(code)
        while let first = characters.first {
            let letter = first.lowercased()
            if "dmy".contains(letter) {
                let run = characters.prefix { $0.lowercased() == letter }.count
                characters = characters.dropFirst(run)
                switch letter {
                case "d" where run <= 4: parts.append(.day(run))
                case "m" where run <= 4: parts.append(.month(run))
                case "y" where run == 2 || run == 4: parts.append(.year(run))
                default: return nil
                }
            } else if " /-.,".contains(first) {
                parts.append(.literal(String(first)))
                characters = characters.dropFirst()
            } else {
                return nil
            }
        }
        guard parts.contains(where: { if case .literal = $0 { return false } else { return true } }) else { return nil }
        self.parts = parts
    }

    /// The serial numbers a date format shows: 0 (30 December 1899) to 2,958,465 (31 December 9999).
    package static let serials: ClosedRange<Double> = 0...2_958_465.999_999

    /// The day of serial `value` (its whole part) as the code shows it. Serials count from 30
    /// December 1899, as LibreOffice does: from 1 March 1900 on, Excel agrees.
    package func format(_ value: Double) -> String {
        let date = CalendarDate(serial: Int(value.rounded(.down)))
        return parts.map { part in
            switch part {
            case .day(1): return String(date.day)
            case .day(2): return twoDigits(date.day)
            case .day(3): return String(Self.weekdays[date.weekday].prefix(3))
            case .day: return Self.weekdays[date.weekday]
            case .month(1): return String(date.month)
            case .month(2): return twoDigits(date.month)
            case .month(3): return String(Self.months[date.month - 1].prefix(3))
            case .month: return Self.months[date.month - 1]
            case .year(2): return twoDigits(date.year % 100)
            case .year: return String(date.year)
            case .literal(let text): return text
            }
        }.joined()
    }

    private func twoDigits(_ number: Int) -> String {
        number < 10 ? "0\(number)" : String(number)
    }

    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                         "October", "November", "December"]
    static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
}

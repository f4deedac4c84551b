/// A day of the Gregorian calendar, and its Excel serial number (the 1900 date system that
/// Excel and LibreOffice use for xlsx: 1 is 1 January 1900, 43374 is 1 October 2018).
package struct CalendarDate: Sendable, Hashable, Comparable {
    package var year: Int
    package var month: Int
    package var day: Int

    /// The first day Appendix writes: 1 March 1900. Before it Excel counts a 29 February 1900
    /// that never was (Lotus 1-2-3's leap-year error), so its serials disagree with the calendar.
    package static let earliest = CalendarDate(year: 1900, month: 3, day: 1)
    /// The last day Excel shows: 31 December 9999.
    package static let latest = CalendarDate(year: 9999, month: 12, day: 31)

    package init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Whether the day exists (30 February does not) and lies in ``earliest``…``latest``.
    package var isValid: Bool {
        guard (1...12).contains(month), day >= 1, day <= CalendarDate.days(inMonth: month, year: year) else { return false }
        return self >= CalendarDate.earliest && self <= CalendarDate.latest
    }

    package static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The Excel serial number (days since 30 December 1899, for days from 1 March 1900).
    package var serial: Int {
        CalendarDate.daysFromCivil(year: year, month: month, day: day) - CalendarDate.daysFromCivil(year: 1899, month: 12, day: 30)
    }

    /// The day of a serial number (its whole part), for serials from 61 (1 March 1900).
    package init(serial: Int) {
        self = CalendarDate.civil(fromDays: serial + CalendarDate.daysFromCivil(year: 1899, month: 12, day: 30))
    }

    /// 0 Sunday … 6 Saturday.
    package var weekday: Int {
        (serial % 7 + 6) % 7
    }

    package static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// Days since 1 January 1970 (Howard Hinnant's `days_from_civil`).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The day `days` after 1 January 1970 (Howard Hinnant's `civil_from_days`).
    private static func civil(fromDays days: Int) -> CalendarDate {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return CalendarDate(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }
}

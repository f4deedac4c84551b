/// The Excel functions a ``Formula`` calls: every one is both written (its ``name``) and
/// evaluated for the cached value, so a function the evaluator does not know cannot be written.
package enum ExcelFunction: String, Sendable, Equatable, CaseIterable {
    /// `SUM(…)`: the total of the numbers (text and blanks in references skipped).
    case sum = "SUM"
    /// `MIN(…)`: the smallest number, 0 when there is none.
    case min = "MIN"
    /// `MAX(…)`: the largest number, 0 when there is none.
    case max = "MAX"
    /// `AVERAGE(…)`: the mean of the numbers, `#DIV/0!` when there is none.
    case average = "AVERAGE"
    /// `SUBTOTAL(9, range)`: a `SUM` that leaves out nested subtotals (only functions 9 and 109
    /// are written: 109, in the accessible variant's totals tables, also leaves out rows a filter
    /// or the reader hides, and the workbook is written with none hidden, so both sum alike).
    case subtotal = "SUBTOTAL"
    /// `COUNT(…)`: how many arguments (or cells of a range) hold a number.
    case count = "COUNT"
    /// `IF(condition, then, else)`.
    case `if` = "IF"
    /// `IFERROR(value, fallback)`.
    case iferror = "IFERROR"
    /// `ISNUMBER(value)`.
    case isnumber = "ISNUMBER"
    /// `ISBLANK(value)`.
    case isblank = "ISBLANK"
    /// `NA()`: the `#N/A` error.
    case na = "NA"
    /// `ROUND(number, digits)`: half away from zero.
    case round = "ROUND"
    /// `ABS(number)`.
    case abs = "ABS"
    /// `TEXT(number, "format")`: a number as text under a number format (``TextFormat``).
    case text = "TEXT"
    /// `YEAR(date)`, `MONTH(date)`, `DAY(date)`: a part of a date's serial number.
    case year = "YEAR", month = "MONTH", day = "DAY"

    /// The name Excel reads in a formula.
    package var name: String { rawValue }
}

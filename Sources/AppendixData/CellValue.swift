/// A typed value read from one CSV cell.
package enum CellValue: Sendable, Hashable {
    /// A number: money in pounds, a count, or a fraction for percentages (12.5% is 0.125).
    case number(Double)
    /// Text, kept exactly as written. Never interpreted as a formula.
    case text(String)
    /// No value: a blank cell or a marker such as `N/A`, kept so it can be shown as written.
    case missing(String)

    /// The number, if this is one.
    package var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The value as a person would read it in the source file.
    package var displayText: String {
        switch self {
        case .number(let value): return ExcelNumberText.general(value)
        case .text(let text), .missing(let text): return text
        }
    }
}

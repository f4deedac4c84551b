/// Watches the `auto` columns of a CSV file while it is read: a value that looks like a number
/// but is not in a form Appendix reads (`1 234`, `1 234` with a non-breaking space, `1.234,50`)
/// stays text, so it would drop out of totals and formulas while the sheet still shows a
/// number. Such values are reported as a ``BuildWarning``, or an error for a `strict` source.
/// Words (`N/A`, `See note`) are visibly text and are not reported.
package struct AutoColumnAudit {
    private struct Column {
        package var count = 0
        var decimalCommas = 0
        package var lines: [Int] = []
        var firstText = ""
    }

    private var columns: [Column]

    static let linesShown = 5

    package init(columnCount: Int) {
        columns = Array(repeating: Column(), count: columnCount)
    }

    /// Notes a value of an `auto` column that was read as text.
    mutating func noteText(_ text: String, column index: Int, line: Int) {
        guard NumberLookalike.matches(text) else { return } // no copy: surrounding spaces are allowed
        let trimmed = text.trimmingSpaces()
        if columns[index].count == 0 { columns[index].firstText = text }
        columns[index].count += 1
        if columns[index].lines.count < Self.linesShown { columns[index].lines.append(line) }
        if NumberLookalike.hasDecimalComma(trimmed) { columns[index].decimalCommas += 1 }
    }

    /// A column with values that look like numbers but were read as text.
    package struct Finding {
        package var column: String
        package var lines: [Int]
        package var count: Int
        var firstText: String
        var hasDecimalCommas: Bool

        private var lineList: String {
            "line\(count == 1 ? "" : "s") \(lines.map(String.init).joined(separator: ", "))\(count > lines.count ? ", …" : "")"
        }

        private var hint: String {
            hasDecimalCommas ? "; for decimal commas such as 1.234,50 add 'decimal: comma' to the source" : ""
        }

        private var values: String {
            count == 1 ? "1 value looks like a number but is not one Appendix reads" : "\(count) values look like numbers but are not ones Appendix reads"
        }

        package func warning(file: String) -> BuildWarning {
            BuildWarning(file: file, column: column, lines: lines, count: count,
                         message: "\(values), so \(count == 1 ? "it is" : "they are") left out of totals and formulas (\(lineList); first '\(firstText)')\(hint)")
        }

        /// The error for a `strict: true` source, at the first such value.
        package func error(file: String) -> DataError {
            DataError(file: file, line: lines.first, column: column,
                      message: "expected a number such as 1234.5, £1,234.50 or (243), found '\(firstText)' (\(values): \(lineList); the source is strict)\(hint)")
        }
    }

    /// The columns with values that look like numbers but were read as text.
    func findings(header: [String], decimal: DecimalSeparator) -> [Finding] {
        columns.indices.compactMap { index in
            let column = columns[index]
            guard column.count > 0 else { return nil }
            return Finding(column: header[index], lines: column.lines, count: column.count, firstText: column.firstText,
                           hasDecimalCommas: column.decimalCommas > 0 && decimal == .point)
        }
    }
}

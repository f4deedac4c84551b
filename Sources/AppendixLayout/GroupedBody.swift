import AppendixData
import AppendixDefinition
import AppendixExpression

/// A table body's lines, decided one data row at a time: given rows in group order, it says
/// which heading rows open and which subtotal rows close before each data row, and keeps each
/// open group's running totals. A sheet without group_by is the same body with no levels.
package struct GroupedBody {
    /// A body line other than a data row.
    package enum Line {
        case heading(level: Int, text: String)
        /// A group's subtotal over body rows `rows` (headings and nested subtotals count as blanks).
        case subtotal(level: Int, label: String, rows: ClosedRange<Int>, totals: RunningTotals)
    }

    private struct OpenGroup {
        package let value: String
        /// The first body row the subtotal adds up (after the heading).
        package let firstRow: Int
        /// The heading row's text, when the level has a heading.
        package let heading: String?
        package let label: String?
        package var totals: RunningTotals
    }

    private let sheet: SheetDefinition
    private let file: String
    private let fields: [Int]
    /// Each level's date format when its field is a `date` or `month` field: its headings
    /// show `1 Oct 2018`, not the serial number.
    private let dates: [DateFormatCode?]
    private var open: [OpenGroup] = []
    /// The sheet row the next line goes to.
    private(set) var nextRow: Int
    private(set) var grandTotals: RunningTotals

    package init(sheet: SheetDefinition, groupFields: [Int], groupDates: [DateFormatCode?], file: String, firstBodyRow: Int, totalled: [Int]) {
        self.sheet = sheet
        self.file = file
        fields = groupFields
        dates = groupDates
        nextRow = firstBodyRow
        grandTotals = RunningTotals(columns: totalled)
    }

    /// The heading and subtotal lines before `dataRow`; then `dataRow` goes to ``nextRow``.
    package mutating func lines(before dataRow: DataRow) throws -> [(row: Int, line: Line)] {
        let kept = keptLevels(dataRow)
        return close(downTo: kept) + (try opening(dataRow, from: kept))
    }

    /// Each level's value in `dataRow`, as its heading shows it.
    private func groupValues(_ dataRow: DataRow) -> [String] {
        fields.indices.map { level in
            let value = dataRow.values[fields[level]]
            if let date = dates[level], let serial = value.number { return date.format(serial) }
            return value.displayText
        }
    }

    /// How many of the open groups (outermost first) `dataRow` stays in.
    package func keptLevels(_ dataRow: DataRow) -> Int {
        zip(open, groupValues(dataRow)).prefix { $0.0.value == $0.1 }.count
    }

    /// How many heading rows open before `dataRow` when it stays in `kept` levels.
    package func headingCount(from kept: Int) -> Int {
        sheet.groupBy[kept...].filter { $0.heading != nil }.count
    }

    /// How many subtotal rows close after the last data row placed, before `next` (every open
    /// group's when `next` is `nil`, the end of the body).
    package func closingCount(before next: DataRow?) -> Int {
        let kept = next.map(keptLevels) ?? 0
        return open[kept...].filter { $0.label != nil }.count
    }

    /// The subtotal lines closing the open groups below `level`.
    package mutating func closing(downTo level: Int) -> [(row: Int, line: Line)] {
        close(downTo: level)
    }

    /// The headings of `dataRow`'s groups from `level` down, which open there.
    package mutating func opening(_ dataRow: DataRow, from level: Int) throws -> [(row: Int, line: Line)] {
        let values = groupValues(dataRow)
        var lines: [(row: Int, line: Line)] = []
        for level in level..<fields.count {
            let group = sheet.groupBy[level]
            let heading = try group.heading.map { try label($0, "heading", level, values[level], dataRow) }
            if let heading {
                lines.append((nextRow, .heading(level: level, text: heading)))
                nextRow += 1
            }
            let subtotal = try group.subtotal.map { try label($0, "subtotal label", level, values[level], dataRow) }
            open.append(OpenGroup(value: values[level], firstRow: nextRow, heading: heading, label: subtotal, totals: grandTotals.emptied))
        }
        return lines
    }

    /// A "(continued)" heading for each of the `levels` outermost open groups that has a
    /// heading: text-only rows at the top of a page that starts inside them. They fall inside
    /// the groups' SUBTOTAL(9, …) ranges as text, which SUBTOTAL and SUM leave out.
    package mutating func continuation(levels: Int) -> [(row: Int, line: Line)] {
        var lines: [(row: Int, line: Line)] = []
        for (level, group) in open.prefix(levels).enumerated() {
            guard let heading = group.heading else { continue }
            lines.append((nextRow, .heading(level: level, text: Self.continued(heading))))
            nextRow += 1
        }
        return lines
    }

    /// A heading repeated at the top of a page: `North cluster (continued)` (the heading alone
    /// when the words would take it past Excel's cell-text limit).
    static func continued(_ heading: String) -> String {
        let text = heading + " (continued)"
        return text.utf16.count <= ExcelLimits.cellCharacters ? text : heading
    }

    /// Takes the data row's values into every open group's totals; returns its sheet row.
    package mutating func place(_ values: [ExcelValue]) -> Int {
        grandTotals.add(values)
        for level in open.indices { open[level].totals.add(values) }
        defer { nextRow += 1 }
        return nextRow
    }

    /// The subtotal lines closing every open group, after the last data row.
    package mutating func finish() -> [(row: Int, line: Line)] {
        close(downTo: 0)
    }

    private mutating func close(downTo level: Int) -> [(row: Int, line: Line)] {
        var lines: [(row: Int, line: Line)] = []
        while open.count > level {
            let group = open.removeLast()
            guard let label = group.label else { continue }
            lines.append((nextRow, .subtotal(level: open.count, label: label, rows: group.firstRow...(nextRow - 1), totals: group.totals)))
            nextRow += 1
        }
        return lines
    }

    /// A heading or subtotal text, refused when too long for its cell.
    private func label(_ pattern: String, _ kind: String, _ level: Int, _ value: String, _ dataRow: DataRow) throws -> String {
        let text = pattern.replacingOccurrences(of: "{value}", with: value)
        try ExcelLimits.checkCellText(text, file: file, line: dataRow.line, column: sheet.groupBy[level].field,
                                      place: "the \(kind) '\(pattern)' of sheet '\(sheet.name)', group_by[\(level)]")
        return text
    }
}

/// The running SUBTOTAL(9, …) of each totalled column: numbers added in row order with
/// ``NeumaierSum`` (as LibreOffice adds them), the first error kept (SUBTOTAL returns it), text
/// and blanks skipped — so the cached total is what evaluating SUBTOTAL over every value of the
/// range gives.
package struct RunningTotals {
    private let columns: [Int]
    private var sums: [NeumaierSum]
    /// The first error met in each column, if any.
    private var errors: [ExcelValue?]

    package init(columns: [Int]) {
        self.columns = columns
        sums = Array(repeating: NeumaierSum(), count: columns.count)
        errors = Array(repeating: nil, count: columns.count)
    }

    var emptied: RunningTotals { RunningTotals(columns: columns) }

    package mutating func add(_ values: [ExcelValue]) {
        for (position, column) in columns.enumerated() where errors[position] == nil {
            switch values[column] {
            case .number(let number): sums[position].add(number)
            case .error: errors[position] = values[column]
            default: break
            }
        }
    }

    /// The values SUBTOTAL(9, …) is evaluated over: the sum so far, or the error.
    func rangeValues(_ column: Int) -> [ExcelValue] {
        guard let position = columns.firstIndex(of: column) else { return [.blank] }
        return [errors[position] ?? .number(sums[position].total)]
    }
}

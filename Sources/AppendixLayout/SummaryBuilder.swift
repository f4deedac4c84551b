import AppendixData
import AppendixDefinition
import AppendixExpression

/// Lays out a summary sheet across per-period sheets: one row per label, one column per
/// period holding a cross-sheet formula (`='Oct 2018'!B5`) with its cached value, the
/// year-to-date total, the change on the previous period in numbers and %, and a chart.
/// A period with no data keeps its column, empty and shaded, so it reads as missing, not 0.
package struct SummaryBuilder {
    package let summary: PeriodSummary
    package let template: SheetDefinition
    package let periods: [Period]
    /// The laid-out period sheets' label and value cells, by period.
    package let sheets: [Period: PeriodSheetFacts]

    /// The value cells of one label in one period: one, or several when duplicates are summed.
    package struct PeriodCells {
        package var references: [CellReference] = []
        package var values: [ExcelValue] = []
        package var lines: [Int] = []
    }

    /// The summary's columns: labels, one per period, year to date, change and change in %.
    private struct Columns {
        let periodCount: Int
        var firstPeriod: Int { 1 }
        var lastPeriod: Int { periodCount }
        var yearToDate: Int { periodCount + 1 }
        package var change: Int { periodCount + 2 }
        package var percent: Int { periodCount + 3 }
    }

    // swift-format-ignore: NeverForceUnwrap
    private var labelColumn: Int { template.columnIndex(summary.rowColumn)! }  // validated with the definition
    // swift-format-ignore: NeverForceUnwrap
    private var valueColumn: Int { template.columnIndex(summary.valueColumn)! }  // validated with the definition
    private var columns: Columns { Columns(periodCount: periods.count) }
    private var latest: Period? { periods.last { sheets[$0] != nil } }

    package func layout() throws -> SheetLayout {
        let (labels, cellsByPeriod) = try periodCells()
        let headerRow = summary.title == nil ? 0 : 2
        let firstRow = headerRow + 1
        var cells = headerCells(row: headerRow)
        for (index, label) in labels.enumerated() {
            cells += rowCells(label, row: firstRow + index, cellsByPeriod: cellsByPeriod)
        }
        var merges: [MergedRange] = []
        if let text = summary.title {
            merges.append(MergedRange(firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: columns.percent, text: text, style: .title))
        }
        var row = headerRow + labels.count + 2
        for note in notes() {
            merges.append(MergedRange(firstRow: row, firstColumn: 0, lastRow: row, lastColumn: columns.percent, text: note, style: .note))
            row += 1
        }
        var settings = SheetSettings(freeze: (row: firstRow, column: 1), repeatedRows: headerRow...headerRow,
                                     print: { var setup = PrintSetup(); setup.orientation = .landscape; setup.fitWidth = 1; return setup }())
        if let chart = summary.chart, !labels.isEmpty {
            settings.charts.append(self.chart(chart, headerRow: headerRow, labelCount: labels.count, anchorRow: row + 1, cells: cells))
        }
        let columns = [ColumnLayout(width: max(24, Double((labels.map(\.count).max() ?? 10) + 2)), hidden: false)]
            + periods.map { _ in ColumnLayout(width: 10, hidden: false) }
            + [ColumnLayout(width: 12, hidden: false), ColumnLayout(width: 14, hidden: false), ColumnLayout(width: 11, hidden: false)]
        return SheetLayout(name: summary.name, columns: columns, rows: LayoutRow.rows(cells: cells, merges: merges, heights: [headerRow: 45]),
                           settings: settings, dataRowCount: labels.count)
    }

    // MARK: Values from the period sheets

    /// Each period's value cells for each label, labels in order of first appearance.
    /// - Throws: ``DataError`` naming both CSV lines when a label has two rows in one period,
    ///   unless the summary says `duplicates: sum`.
    private func periodCells() throws -> (labels: [String], cells: [Period: [String: PeriodCells]]) {
        var labels: [String] = []
        var cellsByPeriod: [Period: [String: PeriodCells]] = [:]
        for period in periods {
            guard let facts = sheets[period] else { continue }
            var found: [String: PeriodCells] = [:]
            for row in facts.rows {
                guard case .text(let label) = row.label else { continue }
                if !labels.contains(label) { labels.append(label) }
                if let first = found[label]?.lines.first, summary.duplicates == .error {
                    throw duplicateError(label, period: period, file: facts.file, lines: (first, row.line))
                }
                found[label, default: PeriodCells()].references.append(CellReference(row: row.row, column: valueColumn))
                found[label, default: PeriodCells()].values.append(SummaryBuilder.value(row.value))
                found[label, default: PeriodCells()].lines.append(row.line)
            }
            cellsByPeriod[period] = found
        }
        return (labels, cellsByPeriod)
    }

    private func duplicateError(_ label: String, period: Period, file: String, lines: (Int, Int)) -> DataError {
        DataError(file: file, line: lines.1, message: "summary '\(summary.name)' would show only one of two rows for '\(label)' in \(period.label) (\(file):\(lines.0) and \(file):\(lines.1)): remove one, or add 'duplicates: sum' to the summary to add them up")
    }

    // MARK: Cells

    private func headerCells(row: Int) -> [LayoutCell] {
        // swift-format-ignore: NeverForceUnwrap
        var headers = [template.column(summary.rowColumn)!.header]  // validated with the definition
        headers += periods.map { sheets[$0] == nil ? "\($0.label) (no data)" : $0.label }
        headers += ["Year to date", "Change on previous \(latest?.kind == .quarter ? "quarter" : "month")", "Change (%)"]
        return headers.enumerated().map { LayoutCell(row: row, column: $0.offset, content: .text($0.element), style: .header) }
    }

    private var valueStyle: CellStyle {
        var style = CellStyle.body(template.columns[valueColumn])
        style.numberFormat = summary.format.code.isEmpty ? template.columns[valueColumn].format : summary.format
        return style
    }

    /// One label's row: the label, a cross-sheet formula per period, year to date and change.
    private func rowCells(_ label: String, row: Int, cellsByPeriod: [Period: [String: PeriodCells]]) -> [LayoutCell] {
        let style = valueStyle
        var missingStyle = style
        missingStyle.fill = 0xEDEDED
        var cells = [LayoutCell(row: row, column: 0, content: .text(label), style: CellStyle.body(template.columns[labelColumn]))]
        var rowValues: [Int: ExcelValue] = [:]
        for (offset, period) in periods.enumerated() {
            let column = columns.firstPeriod + offset
            guard let name = sheets[period]?.name, let found = cellsByPeriod[period]?[label] else {
                cells.append(LayoutCell(row: row, column: column, content: .blank, style: sheets[period] == nil ? missingStyle : style))
                continue
            }
            let formula = SummaryBuilder.periodFormula(sheet: name, found)
            let result = formula.evaluate()
            rowValues[column] = result
            cells.append(LayoutCell(row: row, column: column, content: CellContent.of(formula, result), style: style))
        }
        cells += yearToDateAndChange(row: row, values: rowValues)
        return cells
    }

    /// `='Oct 2018'!B5` for one row; `SUM('Oct 2018'!B5,'Oct 2018'!B7)` for duplicates being summed,
    /// so the cached value and a recalculation agree.
    static func periodFormula(sheet: String, _ found: PeriodCells) -> Formula {
        let parts = zip(found.references, found.values).map { reference, value in
            Formula.range(RangeReference(sheet: sheet, column: reference.column, firstRow: reference.row, lastRow: reference.row), [value])
        }
        // `found` always has at least one cell: it is made by appending one.
        return parts.count == 1 ? Formula.resultReference(parts[0]) : .function(.sum, parts)
    }

    /// The year-to-date total (the latest period's financial year, up to it) and the change on
    /// the previous period, in numbers and %.
    private func yearToDateAndChange(row: Int, values: [Int: ExcelValue]) -> [LayoutCell] {
        let style = valueStyle
        var percentStyle = style
        percentStyle.numberFormat = NumberFormat(code: "+0.0%;-0.0%;0.0%")
        var cells: [LayoutCell] = []
        if let first = yearColumns.first, let last = yearColumns.last {
            let range = RangeReference(sheet: nil, firstRow: row, lastRow: row, firstColumn: first, lastColumn: last)
            let formula = Formula.function(.sum, [.range(range, (first...last).map { values[$0] ?? .blank })])
            cells.append(LayoutCell(row: row, column: columns.yearToDate, content: CellContent.of(formula, formula.evaluate()), style: style))
        }
        let previous = latest.flatMap { latest in periods.last { $0 < latest } }
        let context = PeriodColumnsContext(row: row, columns: [
            "latest": latest.flatMap { periods.firstIndex(of: $0) }.map { $0 + columns.firstPeriod },
            "previous": previous.flatMap { periods.firstIndex(of: $0) }.map { $0 + columns.firstPeriod },
        ], values: values)
        let comparable = context.columns.values.allSatisfy { $0 != nil }
        let change = ColumnExpression.binary(.subtract, .field("latest"), .field("previous"))
        for (column, expression, cellStyle) in [(columns.change, change, style), (columns.percent, .binary(.divide, change, .field("previous")), percentStyle)] {
            guard comparable else {
                cells.append(LayoutCell(row: row, column: column, content: .text("N/A"), style: cellStyle))
                continue
            }
            let formula = FormulaCompiler(missingText: "N/A").compile(expression, in: context)
            cells.append(LayoutCell(row: row, column: column, content: CellContent.of(formula, formula.evaluate()), style: cellStyle))
        }
        return cells
    }

    /// The period columns of the latest period's financial year, up to it.
    private var yearColumns: [Int] {
        guard let latest else { return [] }
        return periods.indices.filter { periods[$0].financialYear == latest.financialYear && periods[$0] <= latest }.map { $0 + columns.firstPeriod }
    }

    // MARK: Notes and chart

    private func notes() -> [String] {
        var notes: [String] = []
        let missing = periods.filter { sheets[$0] == nil }
        if !missing.isEmpty { notes.append("No data for \(missing.map(\.label).joined(separator: ", ")): shown empty, not as zero.") }
        if let latest, let first = yearColumns.first {
            notes.append("Year to date: \(periods[first - columns.firstPeriod].label) to \(latest.label) (financial year \(latest.financialYear)/\(String(format: "%02d", (latest.financialYear + 1) % 100))).")
        }
        return notes
    }

    /// The chart of each label's row by period, its caches taken from the summary's `cells`.
    private func chart(_ chart: ChartDefinition, headerRow: Int, labelCount: Int, anchorRow: Int, cells: [LayoutCell]) -> ChartLayout {
        let firstRow = headerRow + 1
        return ChartLayout(
            kind: chart.kind, title: chart.title, xAxis: chart.xAxis, yAxis: chart.yAxis,
            categories: RangeReference(sheet: summary.name, firstRow: headerRow, lastRow: headerRow, firstColumn: columns.firstPeriod, lastColumn: columns.lastPeriod),
            series: (0..<labelCount).map { index in
                ChartLayout.Series(name: RangeReference(sheet: summary.name, column: 0, firstRow: firstRow + index, lastRow: firstRow + index),
                                   values: RangeReference(sheet: summary.name, firstRow: firstRow + index, lastRow: firstRow + index,
                                                          firstColumn: columns.firstPeriod, lastColumn: columns.lastPeriod))
            },
            anchor: CellReference(row: anchorRow, column: 0)
        ).caching(cells)
    }

    /// The value a laid-out cell holds.
    package static func value(_ content: CellContent) -> ExcelValue {
        switch content {
        case .number(let number), .formula(_, .number(let number)): return .number(number)
        case .text(let text), .formula(_, .text(let text)): return .text(text)
        case .blank: return .blank
        }
    }
}

/// `latest` and `previous` as cells of a summary row; a missing period reads as blank.
private struct PeriodColumnsContext: FormulaContext {
    package let row: Int
    package let columns: [String: Int?]
    package let values: [Int: ExcelValue]

    package func cell(for id: String) -> (CellReference, ExcelValue) {
        // Only compiled when both periods have a column (`comparable` in the caller).
        // swift-format-ignore: NeverForceUnwrap
        let column = (columns[id] ?? nil)!
        return (CellReference(row: row, column: column), values[column] ?? .blank)
    }

    package func cells(from first: String, to last: String) -> (RangeReference, [ExcelValue]) {
        preconditionFailure("summary formulas use no column ranges")
    }

    package func related(source: String, field: String) -> (RangeReference, [ExcelValue])? { nil }
}

/// The label and value cells of a period sheet's data rows, recorded as the sheet is laid out.
package struct PeriodSheetFacts {
    package struct Row {
        package var row: Int
        package var line: Int
        package var label: CellContent
        package var value: CellContent
    }

    package let name: String
    /// The CSV file, for messages.
    package let file: String
    package let labelColumn: Int
    package let valueColumn: Int
    package var rows: [Row] = []

    package init(name: String, file: String, labelColumn: Int, valueColumn: Int) {
        self.name = name
        self.file = file
        self.labelColumn = labelColumn
        self.valueColumn = valueColumn
    }

    package mutating func record(row: Int, line: Int, contents: [CellContent]) {
        rows.append(Row(row: row, line: line, label: contents[labelColumn], value: contents[valueColumn]))
    }
}

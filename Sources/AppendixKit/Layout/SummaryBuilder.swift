/// Lays out a summary sheet across per-period sheets: one row per label, one column per
/// period holding a cross-sheet formula (`='Oct 2018'!B5`) with its cached value, the
/// year-to-date total, the change on the previous period in numbers and %, and a chart.
/// A period with no data keeps its column, empty and shaded, so it reads as missing, not 0.
struct SummaryBuilder {
    let summary: PeriodSummary
    let template: SheetDefinition
    let periods: [Period]
    /// The built period sheets, by period.
    let sheets: [Period: (plan: SheetPlan, layout: SheetLayout)]

    func layout() -> SheetLayout {
        let labelColumn = template.columnIndex(summary.rowColumn)!
        let valueColumn = template.columnIndex(summary.valueColumn)!
        // Each period's value cell for each label, in order of first appearance.
        var labels: [String] = []
        var cellsByPeriod: [Period: [String: (CellReference, ExcelValue)]] = [:]
        for period in periods {
            guard let (plan, layout) = sheets[period] else { continue }
            var found: [String: (CellReference, ExcelValue)] = [:]
            var byPosition: [Int: [Int: CellContent]] = [:]
            for cell in layout.cells where cell.column == labelColumn || cell.column == valueColumn {
                byPosition[cell.row, default: [:]][cell.column] = cell.content
            }
            for row in plan.detailRows {
                guard case .text(let label)? = byPosition[row]?[labelColumn] ?? nil else { continue }
                if !labels.contains(label) { labels.append(label) }
                found[label] = (CellReference(row: row, column: valueColumn), SummaryBuilder.value(byPosition[row]?[valueColumn] ?? .blank))
            }
            cellsByPeriod[period] = found
        }

        let title = summary.title.map { [$0] } ?? []
        let headerRow = title.isEmpty ? 0 : 2
        let firstRow = headerRow + 1
        let lastRow = headerRow + labels.count
        let firstPeriodColumn = 1, lastPeriodColumn = periods.count
        let ytdColumn = lastPeriodColumn + 1, changeColumn = ytdColumn + 1, percentColumn = changeColumn + 1
        var cells: [LayoutCell] = []
        var merges: [MergedRange] = []
        if let text = summary.title {
            merges.append(MergedRange(firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: percentColumn, text: text, style: .title))
        }
        let latest = periods.last { sheets[$0] != nil }
        let previous = latest.flatMap { latest in periods.last { $0 < latest } }
        let yearColumns = periods.indices.filter { periods[$0].financialYear == latest?.financialYear && periods[$0] <= latest! }.map { $0 + firstPeriodColumn }

        // Header.
        var headers = [template.column(summary.rowColumn)!.header]
        headers += periods.map { sheets[$0] == nil ? "\($0.label) (no data)" : $0.label }
        headers += ["Year to date", "Change on previous \(latest?.kind == .quarter ? "quarter" : "month")", "Change (%)"]
        for (column, text) in headers.enumerated() {
            cells.append(LayoutCell(row: headerRow, column: column, content: .text(text), style: .header))
        }

        // Rows.
        var valueStyle = CellStyle.body(template.columns[valueColumn])
        valueStyle.numberFormat = summary.format.code.isEmpty ? template.columns[valueColumn].format.code : summary.format.code
        var missingStyle = valueStyle
        missingStyle.fill = 0xEDEDED
        var percentStyle = valueStyle
        percentStyle.numberFormat = "+0.0%;-0.0%;0.0%"
        for (index, label) in labels.enumerated() {
            let row = firstRow + index
            cells.append(LayoutCell(row: row, column: 0, content: .text(label), style: CellStyle.body(template.columns[labelColumn])))
            var rowValues: [Int: ExcelValue] = [:]
            for (offset, period) in periods.enumerated() {
                let column = firstPeriodColumn + offset
                guard let name = sheets[period]?.layout.name, let (reference, value) = cellsByPeriod[period]?[label] else {
                    cells.append(LayoutCell(row: row, column: column, content: .blank, style: sheets[period] == nil ? missingStyle : valueStyle))
                    continue
                }
                let formula = Formula.range(RangeReference(sheet: name, column: reference.column, firstRow: reference.row, lastRow: reference.row), [value])
                rowValues[column] = value
                cells.append(LayoutCell(row: row, column: column, content: SheetGridBuilder.content(formula, formula.evaluate()), style: valueStyle))
            }
            // Year to date: the periods of the latest period's financial year, up to it.
            if let first = yearColumns.first, let last = yearColumns.last {
                let range = RangeReference(sheet: nil, firstRow: row, lastRow: row, firstColumn: first, lastColumn: last)
                let formula = Formula.function("SUM", [.range(range, (first...last).map { rowValues[$0] ?? .blank })])
                cells.append(LayoutCell(row: row, column: ytdColumn, content: SheetGridBuilder.content(formula, formula.evaluate()), style: valueStyle))
            }
            // Change on the previous period, in numbers and %.
            let context = PeriodColumnsContext(row: row, columns: [
                "latest": latest.flatMap { periods.firstIndex(of: $0) }.map { $0 + firstPeriodColumn },
                "previous": previous.flatMap { periods.firstIndex(of: $0) }.map { $0 + firstPeriodColumn },
            ], values: rowValues)
            let compiler = FormulaCompiler(missingText: "N/A")
            let comparable = context.columns.values.allSatisfy { $0 != nil }
            for (column, expression, style) in [(changeColumn, ColumnExpression.binary(.subtract, .field("latest"), .field("previous")), valueStyle),
                                                (percentColumn, .binary(.divide, .binary(.subtract, .field("latest"), .field("previous")), .field("previous")), percentStyle)] {
                guard comparable else {
                    cells.append(LayoutCell(row: row, column: column, content: .text("N/A"), style: style))
                    continue
                }
                let formula = compiler.compile(expression, in: context)
                cells.append(LayoutCell(row: row, column: column, content: SheetGridBuilder.content(formula, formula.evaluate()), style: style))
            }
        }

        // Notes.
        var notes: [String] = []
        let missing = periods.filter { sheets[$0] == nil }
        if !missing.isEmpty { notes.append("No data for \(missing.map(\.label).joined(separator: ", ")): shown empty, not as zero.") }
        if let latest, let first = yearColumns.first {
            notes.append("Year to date: \(periods[first - firstPeriodColumn].label) to \(latest.label) (financial year \(latest.financialYear)/\(String(format: "%02d", (latest.financialYear + 1) % 100))).")
        }
        var row = lastRow + 2
        for note in notes {
            merges.append(MergedRange(firstRow: row, firstColumn: 0, lastRow: row, lastColumn: percentColumn, text: note, style: .note))
            row += 1
        }

        var layout = SheetLayout(
            name: summary.name,
            columns: [ColumnLayout(width: max(24, Double((labels.map(\.count).max() ?? 10) + 2)), hidden: false)]
                + periods.map { _ in ColumnLayout(width: 10, hidden: false) }
                + [ColumnLayout(width: 12, hidden: false), ColumnLayout(width: 14, hidden: false), ColumnLayout(width: 11, hidden: false)],
            cells: cells.sorted { ($0.row, $0.column) < ($1.row, $1.column) },
            merges: merges,
            rowHeights: [headerRow: 45],
            freeze: (row: firstRow, column: 1),
            repeatedRows: headerRow...headerRow,
            print: { var setup = PrintSetup(); setup.orientation = .landscape; setup.fitWidth = 1; return setup }(),
            bodyRows: firstRow..<(lastRow + 1),
            dataRowCount: labels.count
        )
        if let chart = summary.chart, !labels.isEmpty {
            layout.charts.append(ChartLayout(
                kind: chart.kind, title: chart.title, xAxis: chart.xAxis, yAxis: chart.yAxis,
                categories: RangeReference(sheet: summary.name, firstRow: headerRow, lastRow: headerRow, firstColumn: firstPeriodColumn, lastColumn: lastPeriodColumn),
                series: labels.indices.map { index in
                    ChartLayout.Series(name: RangeReference(sheet: summary.name, column: 0, firstRow: firstRow + index, lastRow: firstRow + index),
                                       values: RangeReference(sheet: summary.name, firstRow: firstRow + index, lastRow: firstRow + index,
                                                              firstColumn: firstPeriodColumn, lastColumn: lastPeriodColumn))
                },
                anchor: CellReference(row: row + 1, column: 0)))
        }
        return layout
    }

    /// The value a laid-out cell holds.
    static func value(_ content: CellContent) -> ExcelValue {
        switch content {
        case .number(let number), .formula(_, .number(let number)): return .number(number)
        case .text(let text), .formula(_, .text(let text)): return .text(text)
        case .blank: return .blank
        }
    }
}

/// `latest` and `previous` as cells of a summary row; a missing period reads as blank.
private struct PeriodColumnsContext: FormulaContext {
    let row: Int
    let columns: [String: Int?]
    let values: [Int: ExcelValue]

    func cell(for id: String) -> (CellReference, ExcelValue) {
        let column = (columns[id] ?? nil)!
        return (CellReference(row: row, column: column), values[column] ?? .blank)
    }

    func cells(from first: String, to last: String) -> (RangeReference, [ExcelValue]) {
        preconditionFailure("summary formulas use no column ranges")
    }

    func related(source: String, field: String) -> (RangeReference, [ExcelValue])? { nil }
}

import AppendixData
import AppendixDefinition
import AppendixExpression

/// Lays out a summary sheet across per-period sheets, a row at a time: one row per label, one
/// column per period holding a cross-sheet formula (`='Oct 2018'!B5`) with its cached value, the
/// year-to-date total, the change on the previous period in numbers and %, and a chart.
/// A period with no data keeps its column, empty and shaded, so it reads as missing, not 0.
/// What it holds is the labels; each row is made from the period sheets' cells (read back in
/// label order from a ``SummaryCellStore``) as it is written.
package struct SummaryBuilder {
    package let summary: PeriodSummary
    package let template: SheetDefinition
    package let periods: [Period]
    /// The laid-out period sheets' label and value cells, by period.
    package let sheets: [Period: PeriodSheetCells]
    /// Where those cells are kept.
    let store: SummaryCellStore
    /// Every label, in order of first appearance.
    package let labels: SummaryLabels
    /// The template's columns holding each row's label and value.
    private let labelColumn: Int, valueColumn: Int
    /// Each role's style (the definition's house style).
    let roles: CellRoles
    /// The number of the first of its notes when laid out for the accessible variant (its notes
    /// then go to the Notes sheet, referred to from the title); `nil` for the print layout.
    let firstNote: Int?
    /// What a period without data shows in the accessible variant (a blank cell in a table
    /// reads as nothing; `[x]` is the guidance's shorthand for "not available").
    static let notAvailable = AccessibleVariant.notAvailable

    /// The most series Excel draws in one chart: 255 (the charting table of Microsoft's "Excel
    /// specifications and limits"; Microsoft's implementer notes for the chart XML, MS-OI29500
    /// §2.1.1437 and §2.1.1489, say Office limits a chart's `ser` elements to 255). A summary
    /// with more labels gets no chart.
    package static let maxChartSeries = 255

    /// The value cells of one label in one period: one, or several when duplicates are summed.
    package struct PeriodCells {
        package var references: [CellReference] = []
        package var values: [ExcelValue] = []
    }

    /// The summary's columns: labels, one per period, year to date, change and change in %.
    struct Columns {
        let periodCount: Int
        var firstPeriod: Int { 1 }
        var lastPeriod: Int { periodCount }
        var yearToDate: Int { periodCount + 1 }
        var change: Int { periodCount + 2 }
        var percent: Int { periodCount + 3 }
    }

    init(placement: SummaryPlacement, sheets: [Period: PeriodSheetCells], store: SummaryCellStore, labels: SummaryLabels, roles: CellRoles,
         firstNote: Int? = nil) {
        self.roles = roles
        self.firstNote = firstNote
        summary = placement.summary
        template = placement.template
        periods = placement.periods
        labelColumn = placement.labelColumn
        valueColumn = placement.valueColumn
        self.sheets = sheets
        self.store = store
        self.labels = labels
    }

    var columns: Columns { Columns(periodCount: periods.count) }
    var latest: Period? { periods.last { sheets[$0] != nil } }
    private var headerRow: Int { summary.title == nil ? 0 : 2 }
    private var firstRow: Int { headerRow + 1 }
    /// The first note's row: one empty row below the last label.
    private var notesRow: Int { headerRow + labels.count + 2 }
    /// Whether the chart is drawn: asked for, with at least one and at most 255 labels.
    package var drawsChart: Bool { summary.chart != nil && labels.count > 0 && labels.count <= Self.maxChartSeries }

    /// Column widths: the labels' column fits the longest label (at least 24).
    package var columnLayouts: [ColumnLayout] {
        [ColumnLayout(width: max(24, Double((labels.count == 0 ? 10 : labels.longest) + 2)), hidden: false)]
            + periods.map { _ in ColumnLayout(width: 10, hidden: false) }
            + [ColumnLayout(width: 12, hidden: false), ColumnLayout(width: 14, hidden: false), ColumnLayout(width: 11, hidden: false)]
    }

    /// Hands `emit` the rows top to bottom: the title, the header, one row per label, the notes.
    package func rows(_ emit: (LayoutRow) throws -> Void) throws {
        let metrics = TextMetrics.workbook, widths = columnLayouts.map(\.width)
        if let text = summary.title, let firstNote {
            let references = notes().indices.map { "[note \(firstNote + $0)]" }
            try emit(SheetFrame.singleCell(([text] + references).joined(separator: " "), style: roles.title, row: 0, height: 21))
        } else if let text = summary.title {
            let height = max(21, metrics.spanningHeight(text, style: roles.title, widths: widths) ?? 0)
            try emit(.spanning(text, style: roles.title, row: 0, lastColumn: columns.percent, height: height))
        }
        try emit(LayoutRow(index: headerRow, cells: headerCells(row: headerRow), height: 45))
        let styles = columnStyles
        var cursors = periods.map { sheets[$0].map { LabelCursor(sheet: $0, cells: store.reader($0.stored)) } }
        for label in 0..<labels.count {
            let row = firstRow + label
            try emit(LayoutRow(index: row, body: BodyCells(contents: try contents(label: label, row: row, cursors: &cursors), styles: styles)))
        }
        for (offset, note) in notes().enumerated() where firstNote == nil {
            try emit(.spanning(note, style: roles.note, row: notesRow + offset, lastColumn: columns.percent,
                               height: metrics.spanningHeight(note, style: roles.note, widths: widths)))
        }
    }

    /// Panes, print set-up and the chart, applied after the rows; `cells` are the rows' cells
    /// (kept while ``drawsChart``), which the chart's cache takes its values from.
    package func settings(cells: [LayoutCell]) -> SheetSettings {
        var print = PrintSetup()
        print.orientation = .landscape
        print.fitWidth = 1
        var settings = SheetSettings(freeze: (row: firstRow, column: 1), repeatedRows: headerRow...headerRow, print: print)
        let chartRow = firstNote == nil ? notesRow + notes().count + 1 : notesRow
        if let chart = summary.chart, drawsChart {
            settings.charts.append(self.chart(chart, headerRow: headerRow, labelCount: labels.count, anchorRow: chartRow).caching(cells))
        }
        if firstNote != nil {
            settings.tables = [TableLayout(firstRow: headerRow, lastRow: headerRow + max(labels.count, 1), headers: headers)]
        }
        return settings
    }

    /// Why the chart asked for is left out: more labels than series Excel draws in one chart.
    package var warnings: [BuildWarning] {
        guard summary.chart != nil, labels.count > Self.maxChartSeries else { return [] }
        let location = summary.location
        return [BuildWarning(file: location.file, column: nil, lines: [location.line], count: labels.count,
                             message: "\(location.path) (line \(location.line)): the summary '\(summary.name)' has \(labels.count) rows, more than the \(Self.maxChartSeries) series Excel draws in one chart, so its chart is left out")]
    }

    // MARK: Cells

    private func headerCells(row: Int) -> [LayoutCell] {
        headers.enumerated().map { LayoutCell(row: row, column: $0.offset, content: .text($0.element), style: .header) }
    }

    /// The header texts: the label column's, one per period, year to date and the changes.
    private var headers: [String] {
        var headers = [template.columns[labelColumn].header]
        headers += periods.map { sheets[$0] == nil ? "\($0.label) (no data)" : $0.label }
        return headers + ["Year to date", "Change on previous \(latest?.kind == .quarter ? "quarter" : "month")", "Change (%)"]
    }

    var valueStyle: CellStyle {
        var style = roles.body(template.columns[valueColumn])
        style.numberFormat = summary.format.code.isEmpty ? template.columns[valueColumn].format : summary.format
        return style
    }

    /// Each column's style, the same on every label row: a period without data shaded.
    private var columnStyles: ColumnStyles {
        let style = valueStyle
        var missingStyle = style
        missingStyle.fill = 0xEDEDED
        var percentStyle = style
        percentStyle.numberFormat = NumberFormat(code: "+0.0%;-0.0%;0.0%")
        return ColumnStyles([roles.body(template.columns[labelColumn])] + periods.map { sheets[$0] == nil ? missingStyle : style }
                            + [style, style, percentStyle])
    }

    /// One label's row: the label, a cross-sheet formula per period, year to date and change.
    /// `cursors` holds one cursor per period, `nil` for a period without data.
    private func contents(label: Int, row: Int, cursors: inout [LabelCursor?]) throws -> [CellContent] {
        var contents: [CellContent] = [.text(labels.text(label))]
        var rowValues: [Int: ExcelValue] = [:]
        for offset in periods.indices {
            guard let sheet = cursors[offset]?.sheet, let found = try cursors[offset]?.cells(of: label) else {
                // In the accessible variant a missing value reads `[x]`, and the row's formulas read that text.
                if firstNote != nil { rowValues[columns.firstPeriod + offset] = .text(Self.notAvailable) }
                contents.append(firstNote == nil ? .blank : .text(Self.notAvailable))
                continue
            }
            let formula = try checkedPeriodFormula(sheet, found, label: label)
            let result = formula.evaluate()
            rowValues[columns.firstPeriod + offset] = result
            contents.append(CellContent.of(formula, result))
        }
        return contents + yearToDateAndChange(row: row, values: rowValues)
    }

    /// `='Oct 2018'!B5` for one row; for duplicates being summed, `SUM('Oct 2018'!B5:B6,'Oct 2018'!B9)`
    /// (rows next to one another as one range), so the cached value and a recalculation agree.
    /// Over 255 ranges (Excel's most arguments to one function) the ranges are summed in
    /// `SUM(SUM(…),SUM(…))` parts of at most 255.
    static func periodFormula(sheet: String, _ found: PeriodCells) -> Formula {
        let parts = adjacentRuns(found).map { run in
            Formula.range(RangeReference(sheet: sheet, column: run.column, firstRow: run.firstRow, lastRow: run.firstRow + run.values.count - 1), run.values)
        }
        // `found` always has at least one cell (a LabelCursor gives nil rather than no cells).
        if parts.count == 1, found.references.count == 1 { return Formula.resultReference(parts[0]) }
        guard parts.count > maxArguments else { return .function(.sum, parts) }
        let chunks = stride(from: 0, to: parts.count, by: maxArguments).map { start in
            Formula.function(.sum, Array(parts[start..<min(start + maxArguments, parts.count)]))
        }
        return .function(.sum, chunks)
    }

    /// The most arguments Excel takes in one function call.
    static let maxArguments = 255

    /// A label's cells in one column on consecutive rows, with their values.
    struct AdjacentRun {
        let column: Int
        let firstRow: Int
        var values: [ExcelValue]
    }

    /// `found`'s cells (in sheet order) grouped into runs of consecutive rows.
    static func adjacentRuns(_ found: PeriodCells) -> [AdjacentRun] {
        var runs: [AdjacentRun] = []
        for (reference, value) in zip(found.references, found.values) {
            if let last = runs.last, last.column == reference.column, last.firstRow + last.values.count == reference.row {
                runs[runs.count - 1].values.append(value)
            } else {
                runs.append(AdjacentRun(column: reference.column, firstRow: reference.row, values: [value]))
            }
        }
        return runs
    }

    /// The period formula for `label`, refused with the CSV file named when it is over one of
    /// Excel's limits on a formula (thousands of rows for one label in one period).
    func checkedPeriodFormula(_ cells: PeriodSheetCells, _ found: PeriodCells, label: Int) throws -> Formula {
        let formula = SummaryBuilder.periodFormula(sheet: cells.name, found)
        let length = formula.text.utf16.count
        guard length > FormulaLimits.characters else { return formula }
        let counts = "\(found.references.count.groupedDigits) rows for '\(labels.text(label))' in \(cells.period.label)"
        throw DataError(file: cells.file,
                        message: "summary '\(summary.name)' would add up \(counts) in a formula \(length.groupedDigits) characters long; Excel allows at most \(FormulaLimits.characters.groupedDigits): total those rows in the CSV first",
                        limit: .formulaCharacters(found: length, maximum: FormulaLimits.characters))
    }

    // MARK: Notes and chart

    /// The notes under the table, or (accessible variant) for the Notes sheet.
    func notes() -> [String] {
        var notes: [String] = []
        let missing = periods.filter { sheets[$0] == nil }
        let shown = firstNote == nil ? "shown empty" : "shown as \(Self.notAvailable)"
        if !missing.isEmpty { notes.append("No data for \(missing.map(\.label).joined(separator: ", ")): \(shown), not as zero.") }
        if let latest, let first = yearColumns.first {
            notes.append("Year to date: \(periods[first - columns.firstPeriod].label) to \(latest.label) (financial year \(latest.financialYear)/\(String(format: "%02d", (latest.financialYear + 1) % 100))).")
        }
        return notes
    }

    /// One series per label row, over the period columns (only drawn for at most ``maxChartSeries`` labels).
    private func chart(_ chart: ChartDefinition, headerRow: Int, labelCount: Int, anchorRow: Int) -> ChartLayout {
        let firstRow = headerRow + 1
        var layout = ChartLayout(
            kind: chart.kind == .line ? .line : .column, title: chart.title, xAxis: chart.xAxis, yAxis: chart.yAxis,
            categories: RangeReference(sheet: summary.name, firstRow: headerRow, lastRow: headerRow, firstColumn: columns.firstPeriod, lastColumn: columns.lastPeriod),
            series: (0..<labelCount).map { index in
                ChartLayout.Series(name: RangeReference(sheet: summary.name, column: 0, firstRow: firstRow + index, lastRow: firstRow + index),
                                   values: RangeReference(sheet: summary.name, firstRow: firstRow + index, lastRow: firstRow + index,
                                                          firstColumn: columns.firstPeriod, lastColumn: columns.lastPeriod))
            },
            anchor: CellReference(row: anchorRow, column: 0))
        layout.scale = ChartScale(x: 1.6, y: 1.3)
        if firstNote != nil {
            let title = chart.title.map { " '\($0)'" } ?? ""
            layout.altText = "\(chart.kind.rawValue.capitalized) chart\(title): one series per \(template.columns[labelColumn].header) row of the table above, "
                + "by period (\(periods.first?.label ?? "") to \(periods.last?.label ?? ""))."
        }
        return layout
    }

    /// The value a laid-out cell holds.
    package static func value(_ content: CellContent) -> ExcelValue {
        switch content {
        case .number(let number), .formula(_, .number(let number)): return .number(number)
        case .text(let text), .formula(_, .text(let text)): return .text(text)
        case .rich(let rich): return .text(rich.plainText)
        case .link(let link): return .text(link.text)
        case .blank: return .blank
        }
    }
}

/// Where one period sheet's cells stand as the summary's rows are made, label by label in id
/// order: the cells are sorted by label, so the cursor only moves forward.
private struct LabelCursor {
    let sheet: PeriodSheetCells
    var cells: SummaryCellReader

    /// The cells of `label`, or nil when the label has no row on this sheet.
    mutating func cells(of label: Int) throws -> SummaryBuilder.PeriodCells? {
        var found = SummaryBuilder.PeriodCells()
        while let cell = try cells.peek(), cell.label <= label {
            cells.advance()
            guard cell.label == label else { continue }
            found.references.append(CellReference(row: Int(cell.row), column: sheet.valueColumn))
            found.values.append(sheet.value(of: cell))
        }
        return found.references.isEmpty ? nil : found
    }
}

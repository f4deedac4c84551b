/// A sheet laid out one row at a time, for inputs too large to hold: formulas are compiled
/// once per column and filled in per row, totals are kept as running sums, and nothing but the
/// current row is held. Sheets that need to see all rows first (sorting, grouping, per-period
/// sheets, related sources) cannot stream; ``ineligibility(_:in:)`` says why.
public struct StreamingSheet {
    public let sheet: SheetDefinition
    public let columns: [ColumnLayout]
    /// The title and header cells, before the body (written unmerged: constant-memory mode
    /// cannot merge).
    public let prelude: [LayoutCell]
    /// Row heights of the prelude rows.
    public let preludeHeights: [Int: Double]
    public let firstBodyRow: Int
    /// Each column's body style.
    public let styles: [CellStyle]

    private let file: String
    /// The CSV header, for messages.
    private let header: [String]
    /// Excel's row limit, spent on the title, header, totals and notes as well as the data.
    private let budget: SheetRowBudget
    private let fieldIndex: [Int?]
    private let computed: [CompiledColumn]
    /// Columns whose values formulas or totals read; other cells skip the conversion.
    private let needsValue: [Bool]
    private let totalled: [Int]
    private let suppressed: [Int]
    private let wrapped: [Int]
    private let headers: [String]
    private var previousBlock: [String]?
    private var sums: [Int: NeumaierSum] = [:]
    private var rowValues: [ExcelValue]
    /// Data rows written so far.
    public private(set) var rowCount = 0

    /// Why `sheet` cannot be streamed, or `nil` if it can.
    public static func ineligibility(_ sheet: SheetDefinition, in definition: ReportDefinition) -> String? {
        if !sheet.groupBy.isEmpty { return "it groups rows (group_by)" }
        if !sheet.sort.isEmpty { return "it sorts rows" }
        if sheet.perPeriod != nil { return "it has one sheet per period" }
        if !sheet.headerGroups.isEmpty { return "its header groups need merged cells" }
        if definition.source(named: sheet.source)?.key != nil { return "its source is keyed for other sheets" }
        if definition.source(named: sheet.source)?.isFolder == true { return "its source is a folder" }
        for column in sheet.columns {
            if case .expression(let expression, _) = column.content, !expression.relatedFields.isEmpty {
                return "column '\(column.id)' reads another source"
            }
        }
        return nil
    }

    /// Binds `sheet` to a CSV `header`; `sample` (the first rows) sizes unsized columns.
    public init(sheet: SheetDefinition, header: [String], file: String, sample: [DataRow]) throws {
        self.sheet = sheet
        self.file = file
        self.header = header
        let table = DataTable(file: file, header: header, rows: [])
        fieldIndex = try sheet.columns.map { column -> Int? in
            guard case .field(let field) = column.content else { return nil }
            return try SheetPlan.index(of: field, in: table, neededBy: column.contentLocation.described)
        }
        budget = SheetRowBudget(sheet: sheet)
        firstBodyRow = budget.rowsAbove
        let headerRow = firstBodyRow - 1
        styles = sheet.columns.map(CellStyle.body)
        totalled = (sheet.totals?.columns ?? []).compactMap(sheet.columnIndex)
        suppressed = sheet.columns.indices.filter { sheet.columns[$0].suppressRepeats }
        wrapped = sheet.columns.indices.filter { sheet.columns[$0].wrap && !sheet.columns[$0].hidden }
        headers = sheet.columns.map(\.header)
        rowValues = Array(repeating: .blank, count: sheet.columns.count)

        // Formulas: compiled once, on the first body row, for every row.
        let order = SheetGridBuilder.computedOrder(sheet)
        var compiled: [CompiledColumn] = []
        var needsValue = Array(repeating: false, count: sheet.columns.count)
        for column in totalled { needsValue[column] = true }
        let probe = StreamRowContext(sheet: sheet, row: headerRow + 1)
        for column in order {
            guard case .expression(let expression, let text) = sheet.columns[column].content else { continue }
            let formula = FormulaCompiler(missingText: sheet.columns[column].missingText).compile(expression, in: probe)
            compiled.append(CompiledColumn(column: column, formula: formula, template: formula.template, hasReferences: formula.hasReferences,
                                           tooLarge: FormulaLimits.resultTooLarge(text, sheet: sheet.name)))
            for id in sheet.dependencies(of: expression) { if let index = sheet.columnIndex(id) { needsValue[index] = true } }
        }
        computed = compiled
        self.needsValue = needsValue

        // Widths from the sample, through the same cells the body will have.
        var probeSheet = StreamingSheetRows(fieldIndex: fieldIndex, computed: computed, needsValue: needsValue, suppressed: suppressed, columnCount: sheet.columns.count)
        let grid = try sample.enumerated().map { offset, row in try probeSheet.contents(row, sheetRow: headerRow + 1 + offset, file: file, headers: sheet.columns.map(\.header)).contents }
        let widths = SheetGridBuilder.columnWidths(sheet, grid)
        columns = zip(widths, sheet.columns).map { ColumnLayout(width: $0.0, hidden: $0.1.hidden) }

        var prelude: [LayoutCell] = []
        var heights: [Int: Double] = [:]
        var row = 0
        for (text, style) in [(sheet.title, CellStyle.title), (sheet.subtitle, CellStyle.subtitle)] {
            guard let text else { continue }
            prelude.append(LayoutCell(row: row, column: 0, content: .text(text), style: style))
            if style == .title { heights[row] = 21 }
            row += 1
        }
        for (index, column) in sheet.columns.enumerated() {
            prelude.append(LayoutCell(row: headerRow, column: index, content: .text(column.header), style: .header))
        }
        let lines = sheet.columns.indices.map { TextMetrics.wrappedLines(sheet.columns[$0].header, width: widths[$0]) }.max() ?? 1
        if lines > 1 { heights[headerRow] = Double(lines) * TextMetrics.lineHeight }
        self.prelude = prelude
        preludeHeights = heights
    }

    /// The sheet row the next data row goes to.
    public var nextRow: Int { firstBodyRow + rowCount }

    /// The cells of the next data row (by column), and its height if wrapped text needs more.
    public mutating func cells(for dataRow: DataRow) throws -> (contents: [CellContent], height: Double?) {
        let row = nextRow
        let grandTotalRows = sheet.totals?.label == nil ? 0 : 1
        guard budget.fits(bodyLines: rowCount + 1 + grandTotalRows) else {
            throw budget.fullError(sheet: sheet.name, file: file, line: dataRow.line, dataRowsThatFit: rowCount)
        }
        var rows = StreamingSheetRows(fieldIndex: fieldIndex, computed: computed, needsValue: needsValue, suppressed: suppressed, columnCount: sheet.columns.count, previousBlock: previousBlock)
        let (contents, values) = try rows.contents(dataRow, sheetRow: row, file: file, headers: headers)
        previousBlock = rows.previousBlock
        for (column, index) in fieldIndex.enumerated() {
            guard let index, case .text(let text) = dataRow.values[index] else { continue }
            try ExcelLimits.checkCellText(text, file: file, line: dataRow.line, column: header[index],
                                          place: "sheet '\(sheet.name)', column '\(sheet.columns[column].header)'")
        }
        for column in totalled {
            if case .number(let number) = values[column] { sums[column, default: NeumaierSum()] += number }
        }
        rowCount += 1
        var lines = 1
        for column in wrapped {
            if case .text(let text) = contents[column] { lines = max(lines, TextMetrics.wrappedLines(text, width: columns[column].width)) }
        }
        return (contents, lines > 1 ? Double(lines) * TextMetrics.lineHeight : nil)
    }

    /// The grand-total row and notes, after the last data row.
    /// - Throws: ``DataError`` when a total is too large for Excel.
    public func finish() throws -> (cells: [LayoutCell], conditionalFills: [ConditionalFill]) {
        var cells: [LayoutCell] = []
        var row = nextRow
        let lastBody = row - 1
        if let label = sheet.totals?.label, rowCount > 0 {
            // The running sums stand in for the column's values: SUBTOTAL(9, …) of them is the sum.
            let ranges = Dictionary(uniqueKeysWithValues: totalled.map { column in
                (column, (RangeReference(sheet: nil, column: column, firstRow: firstBodyRow, lastRow: lastBody), [ExcelValue.number(sums[column]?.total ?? 0)]))
            })
            let labelColumn = sheet.totals?.labelColumn.flatMap(sheet.columnIndex) ?? 0
            cells += try SheetGridBuilder.totalCells(sheet: sheet, row: row, label: label, labelColumn: labelColumn, ranges: ranges, grand: true, file: file)
            row += 1
        }
        row += 1
        for note in sheet.notes {
            cells.append(LayoutCell(row: row, column: 0, content: .text(note), style: CellStyle()))
            row += 1
        }
        var fills: [ConditionalFill] = []
        if rowCount > 0 {
            for (index, column) in sheet.columns.enumerated() where column.statusColours {
                fills += ConditionalFill.ragStatus(RangeReference(sheet: nil, column: index, firstRow: firstBodyRow, lastRow: lastBody))
            }
        }
        return (cells, fills)
    }

    /// The frozen panes and repeated header rows.
    public var freeze: (row: Int, column: Int)? { sheet.freeze.map { (row: $0.header ? firstBodyRow : 0, column: $0.columns) } }
    public var repeatedRows: ClosedRange<Int>? { sheet.print.repeatHeader ? (firstBodyRow - 1)...(firstBodyRow - 1) : nil }
}

/// Turns one data row into cell contents and values.
/// A computed column compiled once for every row of a streamed sheet.
private struct CompiledColumn {
    let column: Int
    let formula: Formula
    let template: FormulaTemplate
    let hasReferences: Bool
    /// The message when a row's result is too large for Excel.
    let tooLarge: String
}

private struct StreamingSheetRows {
    let fieldIndex: [Int?]
    let computed: [CompiledColumn]
    let needsValue: [Bool]
    let suppressed: [Int]
    let columnCount: Int
    var previousBlock: [String]?

    init(fieldIndex: [Int?], computed: [CompiledColumn], needsValue: [Bool], suppressed: [Int], columnCount: Int, previousBlock: [String]? = nil) {
        self.fieldIndex = fieldIndex
        self.computed = computed
        self.needsValue = needsValue
        self.suppressed = suppressed
        self.columnCount = columnCount
        self.previousBlock = previousBlock
    }

    mutating func contents(_ dataRow: DataRow, sheetRow: Int, file: String, headers: [String]) throws -> (contents: [CellContent], values: [ExcelValue]) {
        var contents = Array(repeating: CellContent.blank, count: columnCount)
        var values = Array(repeating: ExcelValue.blank, count: columnCount)
        var continuesBlock = false
        if !suppressed.isEmpty {
            let block = suppressed.map { fieldIndex[$0].map { dataRow.values[$0].displayText } ?? "" }
            continuesBlock = block == previousBlock
            previousBlock = block
        }
        for (column, index) in fieldIndex.enumerated() {
            guard let index else { continue }
            if continuesBlock && suppressed.contains(column) { continue }
            let value = dataRow.values[index]
            if needsValue[column] { values[column] = ExcelValue(value) }
            switch value {
            case .number(let number): contents[column] = .number(number)
            case .text(let text): contents[column] = .text(text)
            case .missing(let text): contents[column] = text.isEmpty ? .blank : .text(text)
            }
        }
        for compiled in computed {
            let result = compiled.formula.evaluate(in: values)
            if compiled.formula.overflowed(result, in: values) {
                throw DataError(file: file, line: dataRow.line, column: headers[compiled.column], message: compiled.tooLarge)
            }
            values[compiled.column] = result
            contents[compiled.column] = compiled.hasReferences
                ? .formula(compiled.template.text(row: sheetRow), cached: FormulaResult(result))
                : SheetGridBuilder.content(compiled.formula, result)
        }
        return (contents, values)
    }
}

/// Names in a streamed row: this row's cells (values come per row at evaluation).
private struct StreamRowContext: FormulaContext {
    let sheet: SheetDefinition
    let row: Int

    func cell(for id: String) -> (CellReference, ExcelValue) {
        (CellReference(row: row, column: sheet.columnIndex(id)!), .blank)
    }

    func cells(from first: String, to last: String) -> (RangeReference, [ExcelValue]) {
        let a = sheet.columnIndex(first)!, b = sheet.columnIndex(last)!
        return (RangeReference(sheet: nil, firstRow: row, lastRow: row, firstColumn: min(a, b), lastColumn: max(a, b)),
                Array(repeating: .blank, count: abs(b - a) + 1))
    }

    func related(source: String, field: String) -> (RangeReference, [ExcelValue])? { nil }
}

/// Turns a ``SheetPlan`` into a ``SheetLayout``: title block, header rows, body rows with
/// values and formulas, group headings, subtotals, the grand total and notes.
struct SheetGridBuilder {
    let plan: SheetPlan
    let related: RelatedRowIndex
    private var sheet: SheetDefinition { plan.sheet }

    init(plan: SheetPlan, related: RelatedRowIndex) {
        self.plan = plan
        self.related = related
    }

    /// - Throws: ``DataError`` when a computed value is too large for Excel.
    func layout() throws -> SheetLayout {
        var cells: [LayoutCell] = []
        var merges: [MergedRange] = []
        var rowHeights: [Int: Double] = [:]
        let lastColumn = sheet.columns.count - 1

        // Title block.
        var row = 0
        for (text, style) in [(sheet.title, CellStyle.title), (sheet.subtitle, CellStyle.subtitle)] {
            guard let text else { continue }
            RowSpanningText.place(text, style: style, row: row, lastColumn: lastColumn, cells: &cells, merges: &merges)
            if style == .title { rowHeights[row] = 21 }
            row += 1
        }

        let (grid, values) = try bodyValues()
        let widths = columnWidths(grid)
        addHeader(widths: widths, cells: &cells, merges: &merges, rowHeights: &rowHeights)

        // Body lines.
        let bodyStyles = sheet.columns.map(CellStyle.body)
        let labelColumn = sheet.totals?.labelColumn.flatMap(sheet.columnIndex) ?? 0
        var detailPosition = 0
        for (offset, line) in plan.lines.enumerated() {
            row = plan.firstBodyRow + offset
            switch line {
            case .heading(_, let text):
                RowSpanningText.place(text, style: .groupHeading, row: row, lastColumn: lastColumn, cells: &cells, merges: &merges)
            case .detail:
                var lines = 1
                for column in sheet.columns.indices {
                    let content = grid[detailPosition][column]
                    cells.append(LayoutCell(row: row, column: column, content: content, style: bodyStyles[column]))
                    if sheet.columns[column].wrap, !sheet.columns[column].hidden, case .text(let text) = content {
                        lines = max(lines, TextMetrics.wrappedLines(text, width: widths[column]))
                    }
                }
                if lines > 1 { rowHeights[row] = Double(lines) * TextMetrics.lineHeight }
                detailPosition += 1
            case .subtotal(_, let label, let span):
                cells += try totalRow(row: row, label: label, labelColumn: labelColumn, span: span, values: values, grand: false)
            case .grandTotal(let label):
                cells += try totalRow(row: row, label: label, labelColumn: labelColumn, span: 0..<offset, values: values, grand: true)
            }
        }

        // Notes.
        row = plan.lastBodyRow + 2
        let tableWidth = zip(widths, sheet.columns).filter { !$0.1.hidden }.map(\.0).reduce(0, +)
        for note in sheet.notes {
            RowSpanningText.place(note, style: .note, row: row, lastColumn: lastColumn, cells: &cells, merges: &merges)
            let lines = TextMetrics.wrappedLines(note, width: tableWidth)
            if lines > 1 { rowHeights[row] = Double(lines) * TextMetrics.lineHeight }
            row += 1
        }

        var layout = SheetLayout(
            name: sheet.name,
            columns: zip(widths, sheet.columns).map { ColumnLayout(width: $0.0, hidden: $0.1.hidden) },
            cells: cells.sorted { ($0.row, $0.column) < ($1.row, $1.column) },
            merges: merges,
            rowHeights: rowHeights,
            freeze: sheet.freeze.map { (row: $0.header ? plan.firstBodyRow : 0, column: $0.columns) },
            repeatedRows: sheet.print.repeatHeader ? plan.headerRows : nil,
            print: sheet.print,
            bodyRows: plan.firstBodyRow..<(plan.lastBodyRow + 1),
            dataRowCount: plan.rows.count
        )
        if plan.lastBodyRow >= plan.firstBodyRow {
            for (index, column) in sheet.columns.enumerated() where column.statusColours {
                layout.conditionalFills += ConditionalFill.ragStatus(RangeReference(sheet: nil, column: index, firstRow: plan.firstBodyRow, lastRow: plan.lastBodyRow))
            }
        }
        return layout
    }

    // MARK: Header

    private func addHeader(widths: [Double], cells: inout [LayoutCell], merges: inout [MergedRange], rowHeights: inout [Int: Double]) {
        let top = plan.headerRows.lowerBound, bottom = plan.headerRows.upperBound
        var grouped: Set<Int> = []
        for group in sheet.headerGroups {
            let first = sheet.columnIndex(group.first)!, last = sheet.columnIndex(group.last)!
            grouped.formUnion(first...last)
            if first == last {
                cells.append(LayoutCell(row: top, column: first, content: .text(group.title), style: .header))
            } else {
                merges.append(MergedRange(firstRow: top, firstColumn: first, lastRow: top, lastColumn: last, text: group.title, style: .header))
            }
        }
        for (index, column) in sheet.columns.enumerated() {
            if top != bottom, !grouped.contains(index) {
                merges.append(MergedRange(firstRow: top, firstColumn: index, lastRow: bottom, lastColumn: index, text: column.header, style: .header))
            } else {
                cells.append(LayoutCell(row: bottom, column: index, content: .text(column.header), style: .header))
            }
        }
        let lines = sheet.columns.indices.map { TextMetrics.wrappedLines(sheet.columns[$0].header, width: widths[$0]) }.max() ?? 1
        if lines > 1 { rowHeights[bottom] = Double(lines) * TextMetrics.lineHeight }
    }

    // MARK: Body values

    /// The content and value of every data cell, computed columns in dependency order.
    private func bodyValues() throws -> (grid: [[CellContent]], values: [[ExcelValue]]) {
        let rows = plan.rows
        var grid = Array(repeating: Array(repeating: CellContent.blank, count: sheet.columns.count), count: rows.count)
        var values = Array(repeating: Array(repeating: ExcelValue.blank, count: sheet.columns.count), count: rows.count)
        var previousBlock: [String]? = nil
        let suppressed = sheet.columns.indices.filter { sheet.columns[$0].suppressRepeats }
        for (position, dataRow) in rows.enumerated() {
            let block = suppressed.map { plan.fieldIndex[$0].map { dataRow.values[$0].displayText } ?? "" }
            // A block also restarts after a heading or total line.
            let afterBreak = position > 0 && plan.detailRows[position] != plan.detailRows[position - 1] + 1
            let continuesBlock = !suppressed.isEmpty && block == previousBlock && !afterBreak
            previousBlock = block
            for (column, index) in plan.fieldIndex.enumerated() {
                guard let index else { continue }
                if continuesBlock && sheet.columns[column].suppressRepeats { continue }
                let value = dataRow.values[index]
                values[position][column] = ExcelValue(value)
                switch value {
                case .number(let number): grid[position][column] = .number(number)
                case .text(let text): grid[position][column] = .text(text)
                case .missing(let text): grid[position][column] = text.isEmpty ? .blank : .text(text)
                }
            }
        }
        for column in SheetGridBuilder.computedOrder(sheet) {
            guard case .expression(let expression, let text) = sheet.columns[column].content else { continue }
            let compiler = FormulaCompiler(missingText: sheet.columns[column].missingText)
            for position in rows.indices {
                let context = RowContext(plan: plan, row: plan.detailRows[position], values: values[position], related: related, dataRow: rows[position])
                let formula = compiler.compile(expression, in: context)
                let result = formula.evaluate()
                if formula.overflowed(result) {
                    throw DataError(file: plan.table.file, line: rows[position].line, column: sheet.columns[column].header,
                                    message: FormulaLimits.resultTooLarge(text, sheet: sheet.name))
                }
                values[position][column] = result
                grid[position][column] = SheetGridBuilder.content(formula, result)
            }
        }
        return (grid, values)
    }

    /// Column indices of computed columns, each after the computed columns it reads.
    static func computedOrder(_ sheet: SheetDefinition) -> [Int] {
        var order: [Int] = []
        var done: Set<Int> = []
        func visit(_ index: Int) {
            guard !done.contains(index) else { return }
            done.insert(index)
            if case .expression(let expression, _) = sheet.columns[index].content {
                for id in sheet.dependencies(of: expression) {
                    if let dependency = sheet.columnIndex(id) { visit(dependency) }
                }
                order.append(index)
            }
        }
        sheet.columns.indices.forEach(visit)
        return order
    }

    // MARK: Totals

    /// A subtotal or grand-total row over the body lines `span`.
    private func totalRow(row: Int, label: String, labelColumn: Int, span: Range<Int>, values: [[ExcelValue]], grand: Bool) throws -> [LayoutCell] {
        let first = plan.firstBodyRow + span.lowerBound, last = plan.firstBodyRow + span.upperBound - 1
        var detailPositions: [Int: Int] = [:]
        for offset in span { if case .detail(let position) = plan.lines[offset] { detailPositions[plan.firstBodyRow + offset] = position } }
        var ranges: [Int: (RangeReference, [ExcelValue])] = [:]
        for column in (sheet.totals?.columns ?? []).compactMap(sheet.columnIndex) where !span.isEmpty {
            // Nested subtotal and heading rows pass as blanks: SUBTOTAL ignores them too.
            let rangeValues = (first...last).map { sheetRow in detailPositions[sheetRow].map { values[$0][column] } ?? .blank }
            ranges[column] = (RangeReference(sheet: nil, column: column, firstRow: first, lastRow: last), rangeValues)
        }
        return try SheetGridBuilder.totalCells(sheet: sheet, row: row, label: label, labelColumn: labelColumn, ranges: ranges, grand: grand, file: plan.table.file)
    }

    /// A total row's cells: `SUBTOTAL(9, range)` for each totalled column in `ranges`; computed
    /// columns whose inputs are all on the row (e.g. a % of two totals) recomputed there.
    /// - Throws: ``DataError`` (naming `file` and the column) when a value is too large for Excel.
    static func totalCells(sheet: SheetDefinition, row: Int, label: String, labelColumn: Int,
                           ranges: [Int: (RangeReference, [ExcelValue])], grand: Bool, file: String) throws -> [LayoutCell] {
        func check(_ formula: Formula, _ result: ExcelValue, _ column: Int) throws {
            guard formula.overflowed(result) else { return }
            throw DataError(file: file, column: sheet.columns[column].header, message: FormulaLimits.totalTooLarge(label, sheet: sheet.name))
        }
        var rowValues = Array(repeating: ExcelValue.blank, count: sheet.columns.count)
        var contents = Array(repeating: CellContent.blank, count: sheet.columns.count)
        var available = Set(ranges.keys)
        for (column, (reference, rangeValues)) in ranges.sorted(by: { $0.key < $1.key }) {
            let formula = Formula.function("SUBTOTAL", [.number(9), .range(reference, rangeValues)])
            let result = formula.evaluate()
            try check(formula, result, column)
            rowValues[column] = result
            contents[column] = content(formula, result)
        }
        for column in computedOrder(sheet) where !available.contains(column) {
            guard case .expression(let expression, _) = sheet.columns[column].content,
                  expression.relatedFields.isEmpty,
                  sheet.dependencies(of: expression).allSatisfy({ sheet.columnIndex($0).map(available.contains) ?? false }) else { continue }
            let formula = FormulaCompiler(missingText: sheet.columns[column].missingText)
                .compile(expression, in: TotalRowContext(sheet: sheet, row: row, values: rowValues))
            let result = formula.evaluate()
            try check(formula, result, column)
            rowValues[column] = result
            contents[column] = content(formula, result)
            available.insert(column)
        }
        if case .blank = contents[labelColumn] { contents[labelColumn] = .text(label) }
        return sheet.columns.indices.map { column in
            LayoutCell(row: row, column: column, content: contents[column], style: .total(sheet.columns[column], grand: grand))
        }
    }

    // MARK: Sizes

    private func columnWidths(_ grid: [[CellContent]]) -> [Double] {
        SheetGridBuilder.columnWidths(sheet, grid)
    }

    /// Widths: as defined, else sized from the header words and up to 1,000 rows of content.
    static func columnWidths(_ sheet: SheetDefinition, _ grid: [[CellContent]]) -> [Double] {
        sheet.columns.enumerated().map { index, column in
            if let width = column.width { return width }
            let sample = grid.prefix(1000).compactMap { row -> String? in
                switch row[index] {
                case .text(let text): return text
                case .number(let number): return ExcelNumberText.general(number) + "£,."
                case .formula(_, .number(let number)): return ExcelNumberText.general(number) + "£,."
                case .formula(_, .text(let text)): return text
                case .blank: return nil
                }
            }
            let headerWords = column.header.split(separator: " ").map(String.init)
            return TextMetrics.width(for: sample + headerWords, wrap: column.wrap)
        }
    }

    /// How a compiled formula is written: as a formula when it reads cells, else as its value.
    static func content(_ formula: Formula, _ result: ExcelValue) -> CellContent {
        let cached = FormulaResult(result)
        guard formula.hasReferences else {
            switch cached {
            case .number(let number): return .number(number)
            case .text(let text): return text.isEmpty ? .blank : .text(text)
            }
        }
        return .formula(formula.text, cached: cached)
    }
}

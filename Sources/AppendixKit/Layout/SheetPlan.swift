/// One sheet's rows and positions, bound to its CSV; turns into a ``SheetLayout``.
struct SheetPlan {
    let sheet: SheetDefinition
    let source: SourceDefinition
    let table: DataTable
    /// The table's rows in sheet order (grouped by key for keyed sources).
    let rows: [DataRow]
    /// CSV field index of each column showing a field.
    let fieldIndex: [Int?]
    /// The key field of each related source that expressions aggregate over.
    let relatedKeys: [String: String]
    let titleRows: Int
    let headerRow: Int
    var firstBodyRow: Int { headerRow + 1 }

    init(sheet: SheetDefinition, definition: ReportDefinition, tables: [String: DataTable]) throws {
        self.sheet = sheet
        source = definition.source(named: sheet.source)!
        guard let table = tables[sheet.source] else {
            preconditionFailure("no data loaded for source '\(sheet.source)'")
        }
        self.table = table
        fieldIndex = try sheet.columns.map { column in
            guard case .field(let field) = column.content else { return nil }
            return try SheetPlan.index(of: field, in: table, neededBy: column.contentLocation.described)
        }
        // Related aggregates match on the key field: it must exist on both sides.
        var relatedKeys: [String: String] = [:]
        for column in sheet.columns {
            guard case .expression(let expression, _) = column.content else { continue }
            for (relatedName, _) in expression.relatedFields {
                if let key = definition.source(named: relatedName)?.key {
                    _ = try SheetPlan.index(of: key, in: table, neededBy: column.contentLocation.described + " to match '\(relatedName)' rows by key")
                    relatedKeys[relatedName] = key
                }
            }
        }
        self.relatedKeys = relatedKeys
        if let key = source.key {
            let keyIndex = try SheetPlan.index(of: key, in: table, neededBy: source.location.described + " (key)")
            rows = SheetPlan.groupedByKey(table.rows, keyIndex: keyIndex)
        } else {
            rows = table.rows
        }
        titleRows = (sheet.title == nil ? 0 : 1) + (sheet.subtitle == nil ? 0 : 1)
        headerRow = titleRows == 0 ? 0 : titleRows + 1
    }

    private static func index(of field: String, in table: DataTable, neededBy place: String) throws -> Int {
        guard let index = table.index(of: field) else {
            throw DataError(file: table.file, line: 1, message: "no column '\(field)' (needed by \(place)); the header has: \(table.header.joined(separator: ", "))")
        }
        return index
    }

    /// Rows with equal keys brought together, keys in order of first appearance (stable).
    private static func groupedByKey(_ rows: [DataRow], keyIndex: Int) -> [DataRow] {
        var order: [String] = []
        var groups: [String: [DataRow]] = [:]
        for row in rows {
            let key = row.values[keyIndex].displayText
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(row)
        }
        return order.flatMap { groups[$0]! }
    }

    func layout(related: RelatedRowIndex) -> SheetLayout {
        var cells: [LayoutCell] = []
        var merges: [MergedRange] = []
        var rowHeights: [Int: Double] = [:]
        let lastColumn = sheet.columns.count - 1
        let bodyStyles = sheet.columns.map(CellStyle.body)

        // Title block.
        var row = 0
        for (text, style) in [(sheet.title, CellStyle.title), (sheet.subtitle, CellStyle.subtitle)] {
            guard let text else { continue }
            merges.append(MergedRange(firstRow: row, firstColumn: 0, lastRow: row, lastColumn: lastColumn, text: text, style: style))
            if style == .title { rowHeights[row] = 21 }
            row += 1
        }

        // Body values, computed columns in dependency order.
        var grid = Array(repeating: Array(repeating: CellContent.blank, count: sheet.columns.count), count: rows.count)
        var values = Array(repeating: Array(repeating: ExcelValue.blank, count: sheet.columns.count), count: rows.count)
        var previousBlock: [String]? = nil
        let suppressed = sheet.columns.indices.filter { sheet.columns[$0].suppressRepeats }
        for (position, dataRow) in rows.enumerated() {
            let block = suppressed.map { fieldIndex[$0].map { dataRow.values[$0].displayText } ?? "" }
            let continuesBlock = !suppressed.isEmpty && block == previousBlock
            previousBlock = block
            for (columnIndex, index) in fieldIndex.enumerated() {
                guard let index else { continue }
                if continuesBlock && sheet.columns[columnIndex].suppressRepeats { continue }
                let value = dataRow.values[index]
                values[position][columnIndex] = ExcelValue(value)
                switch value {
                case .number(let number): grid[position][columnIndex] = .number(number)
                case .text(let text): grid[position][columnIndex] = .text(text)
                case .missing(let text): grid[position][columnIndex] = text.isEmpty ? .blank : .text(text)
                }
            }
        }
        for columnIndex in computedOrder() {
            let column = sheet.columns[columnIndex]
            guard case .expression(let expression, _) = column.content else { continue }
            let compiler = FormulaCompiler(missingText: column.missingText)
            for position in rows.indices {
                let context = RowContext(plan: self, position: position, values: values[position], related: related, dataRow: rows[position])
                let formula = compiler.compile(expression, in: context)
                let result = formula.evaluate()
                values[position][columnIndex] = result
                grid[position][columnIndex] = SheetPlan.content(formula, result)
            }
        }

        // Header.
        let widths = columnWidths(grid)
        row = headerRow
        for (columnIndex, column) in sheet.columns.enumerated() {
            cells.append(LayoutCell(row: row, column: columnIndex, content: .text(column.header), style: .header))
        }
        let headerLines = sheet.columns.indices.map { TextMetrics.wrappedLines(sheet.columns[$0].header, width: widths[$0]) }.max() ?? 1
        if headerLines > 1 { rowHeights[row] = Double(headerLines) * TextMetrics.lineHeight }

        // Body.
        for position in rows.indices {
            row = firstBodyRow + position
            var lines = 1
            for columnIndex in sheet.columns.indices {
                let content = grid[position][columnIndex]
                cells.append(LayoutCell(row: row, column: columnIndex, content: content, style: bodyStyles[columnIndex]))
                if sheet.columns[columnIndex].wrap, !sheet.columns[columnIndex].hidden, case .text(let text) = content {
                    lines = max(lines, TextMetrics.wrappedLines(text, width: widths[columnIndex]))
                }
            }
            if lines > 1 { rowHeights[row] = Double(lines) * TextMetrics.lineHeight }
        }

        // Notes.
        row = firstBodyRow + rows.count + 1
        let tableWidth = zip(widths, sheet.columns).filter { !$0.1.hidden }.map(\.0).reduce(0, +)
        for note in sheet.notes {
            merges.append(MergedRange(firstRow: row, firstColumn: 0, lastRow: row, lastColumn: lastColumn, text: note, style: .note))
            let lines = TextMetrics.wrappedLines(note, width: tableWidth)
            if lines > 1 { rowHeights[row] = Double(lines) * TextMetrics.lineHeight }
            row += 1
        }

        return SheetLayout(
            name: sheet.name,
            columns: zip(widths, sheet.columns).map { ColumnLayout(width: $0.0, hidden: $0.1.hidden) },
            cells: cells,
            merges: merges,
            rowHeights: rowHeights,
            freeze: sheet.freeze.map { (row: $0.header ? firstBodyRow : 0, column: $0.columns) },
            repeatedRows: sheet.print.repeatHeader ? headerRow...headerRow : nil,
            print: sheet.print,
            bodyRows: firstBodyRow..<(firstBodyRow + rows.count)
        )
    }

    /// Column indices of computed columns, each after the computed columns it reads.
    private func computedOrder() -> [Int] {
        var order: [Int] = []
        var done: Set<Int> = []
        func visit(_ index: Int) {
            guard !done.contains(index) else { return }
            done.insert(index)
            if case .expression(let expression, _) = sheet.columns[index].content {
                for field in expression.fields {
                    if let dependency = sheet.columns.firstIndex(where: { $0.id == field }) { visit(dependency) }
                }
                order.append(index)
            }
        }
        sheet.columns.indices.forEach(visit)
        return order
    }

    private func columnWidths(_ grid: [[CellContent]]) -> [Double] {
        sheet.columns.enumerated().map { columnIndex, column in
            if let width = column.width { return width }
            let sample = grid.prefix(1000).compactMap { row -> String? in
                switch row[columnIndex] {
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
        let cached: FormulaResult
        switch result {
        case .number(let number): cached = .number(number)
        case .text(let text): cached = .text(text)
        case .bool(let flag): cached = .number(flag ? 1 : 0)
        case .blank: cached = .number(0)
        case .error(let error): cached = .text(error.rawValue)
        }
        guard formula.hasReferences else {
            switch cached {
            case .number(let number): return .number(number)
            case .text(let text): return text.isEmpty ? .blank : .text(text)
            }
        }
        return .formula(formula.text, cached: cached)
    }
}

/// The names an expression sees in one body row of a sheet.
struct RowContext: FormulaContext {
    let plan: SheetPlan
    let position: Int
    let values: [ExcelValue]
    let related: RelatedRowIndex
    let dataRow: DataRow

    func cell(for id: String) -> (CellReference, ExcelValue) {
        let column = plan.sheet.columns.firstIndex { $0.id == id }!
        return (CellReference(row: plan.firstBodyRow + position, column: column), values[column])
    }

    func related(source: String, field: String) -> (RangeReference, [ExcelValue])? {
        guard let placement = related.placements[source],
              let key = plan.relatedKeys[source],
              let keyIndex = plan.table.index(of: key),
              let rows = placement.rows[dataRow.values[keyIndex].displayText],
              let column = placement.columns[field] else { return nil }
        let values = rows.map { placement.values[field]?[$0] ?? .blank }
        return (RangeReference(sheet: placement.sheet, column: column, firstRow: rows.lowerBound, lastRow: rows.upperBound), values)
    }
}

extension DefinitionLocation {
    /// `file:line (path.key)` for messages that point into the definition.
    var described: String {
        "\(path) at \(file):\(line)"
    }
}

import AppendixDefinition
import AppendixExpression

/// A sheet bound to its CSV header, once: the field index of each column, the computed columns
/// compiled into templates, each column's style, and where the header and body rows go.
package struct BoundSheet {
    package let sheet: SheetDefinition
    /// Where each of the sheet's column ids sits, for the formulas of its rows.
    package let positions: ColumnPositions
    /// The CSV file, for messages.
    package let file: String
    /// The CSV header.
    package let header: [String]
    /// CSV field index of each column showing a field.
    let fieldIndex: [Int?]
    /// For each related source its columns read: the key field's index in this CSV.
    let relatedKeys: [String: Int]
    /// Computed columns, each after the computed columns it reads.
    package let computed: [ComputedColumn]
    /// Columns whose values formulas or totals read; other cells skip the conversion.
    let needsValue: [Bool]
    /// Each column's body style, shared by every data row.
    package let styles: ColumnStyles
    /// The `format_from` and `decimals: as_written` columns, whose rows' styles ``RowStyleCache`` chooses.
    package let rowFormatColumns: [RowFormatColumn]
    /// The totalled columns, left to right.
    let totalled: [Int]
    let suppressed: [Int]
    /// Visible wrapped columns, whose text sets a row's height.
    let wrapped: [Int]
    /// Each group level's date format, when its field is a `date` or `month` field.
    let groupDates: [DateFormatCode?]
    /// Excel's row limit, spent on the title, header, totals and notes as well as the data.
    package let budget: SheetRowBudget
    /// The first and last header rows.
    let headerRows: ClosedRange<Int>
    /// Each column's link (`link:`), bound to the header.
    let links: [BoundLink?]
    /// The columns with links, and those with notes; each note column's field index.
    let linkColumns: [Int]
    let noteColumns: [Int]
    let noteFields: [Int?]
    /// The font metrics that size columns and rows.
    let metrics: TextMetrics
    /// Each role's style: the built-in look with the definition's house style over it.
    package let roles: CellRoles
    /// Body text's face and size, which wrapped cells print with.
    let bodyText: TextStyle
    /// Laid out for the accessible variant (``AccessibleVariant``): no merged cells, the table
    /// and its totals marked up as Excel tables.
    package let accessible: Bool
    var firstBodyRow: Int { budget.rowsAbove }
    package var lastColumn: Int { sheet.columns.count - 1 }

    package init(sheet: SheetDefinition, header: [String], file: String, definition: ReportDefinition) throws {
        self.sheet = sheet
        positions = ColumnPositions(sheet)
        self.file = file
        self.header = header
        accessible = definition.publish == .accessible
        metrics = TextMetrics.workbook
        roles = CellRoles(definition.style)
        bodyText = metrics.style(roles.plainBody)
        fieldIndex = try sheet.columns.map { column -> Int? in
            guard case .field(let field) = column.content else { return nil }
            return try FieldBinding.index(of: field, in: header, file: file, neededBy: column.contentLocation.described)
        }
        links = try sheet.columns.map { column in
            try column.link.map { try BoundLink($0, header: header, file: file, neededBy: column.location(of: "link").described) }
        }
        noteFields = try sheet.columns.map { column in
            try column.noteFrom.map { try FieldBinding.index(of: $0, in: header, file: file, neededBy: column.location(of: "note_from").described) }
        }
        linkColumns = sheet.columns.indices.filter { sheet.columns[$0].link != nil }
        noteColumns = sheet.columns.indices.filter { sheet.columns[$0].noteFrom != nil }
        relatedKeys = try Self.relatedKeys(sheet, header: header, file: file, definition: definition)
        let types = definition.source(named: sheet.source)?.fieldTypes ?? [:]
        groupDates = sheet.groupBy.map { level in
            switch types[level.field] {
            case .date: return DateFormatCode(NumberFormat.date.code)
            case .month: return DateFormatCode(NumberFormat.month.code)
            default: return nil
            }
        }
        budget = SheetRowBudget(sheet: sheet)
        headerRows = (budget.rowsAbove - (sheet.headerGroups.isEmpty ? 1 : 2))...(budget.rowsAbove - 1)
        styles = ColumnStyles(sheet.columns.map(roles.body))
        rowFormatColumns = try RowFormatColumn.bind(sheet, header: header, fieldIndex: fieldIndex, file: file)
        totalled = Set((sheet.totals?.columns ?? []).map(positions.index)).sorted()
        suppressed = sheet.columns.indices.filter { sheet.columns[$0].suppressRepeats }
        wrapped = sheet.columns.indices.filter { sheet.columns[$0].wrap && !sheet.columns[$0].hidden }
        computed = ComputedColumn.compile(sheet, positions: positions, firstBodyRow: budget.rowsAbove)
        var needsValue = Array(repeating: false, count: sheet.columns.count)
        for column in totalled { needsValue[column] = true }
        for column in computed {
            for input in column.inputs { needsValue[input] = true }
        }
        self.needsValue = needsValue
    }

    /// Related aggregates match on the key field: it must exist on both sides.
    private static func relatedKeys(_ sheet: SheetDefinition, header: [String], file: String, definition: ReportDefinition) throws -> [String: Int] {
        var keys: [String: Int] = [:]
        for column in sheet.columns {
            guard case .expression(let expression, _) = column.content else { continue }
            for (relatedName, _) in expression.relatedFields {
                guard let key = definition.source(named: relatedName)?.key else { continue }
                keys[relatedName] = try FieldBinding.index(of: key, in: header, file: file,
                                                           neededBy: column.contentLocation.described + " to match '\(relatedName)' rows by key")
            }
        }
        return keys
    }

    /// Column indices of computed columns, each after the computed columns it reads.
    static func computedOrder(_ sheet: SheetDefinition, positions: ColumnPositions) -> [Int] {
        var order: [Int] = []
        var done: Set<Int> = []
        func visit(_ index: Int) {
            guard !done.contains(index) else { return }
            done.insert(index)
            if case .expression(let expression, _) = sheet.columns[index].content {
                for id in sheet.dependencies(of: expression) { visit(positions.index(of: id)) }
                order.append(index)
            }
        }
        sheet.columns.indices.forEach(visit)
        return order
    }
}

/// A computed column compiled once for every data row: a template over the row's cells, or,
/// when it reads another source (whose rows differ per key), compiled again for each row.
package struct ComputedColumn {
    package let column: Int
    package let expression: ColumnExpression
    package let missingText: String
    package let formula: Formula
    package let template: FormulaTemplate
    let readsRelated: Bool
    /// Whether `formula` reads cells (``/AppendixExpression/Formula/hasReferences``), found once:
    /// the walk over the formula retained each node, for every row.
    let formulaReadsCells: Bool
    /// The columns it reads, ranges included.
    let inputs: [Int]
    /// The message when a row's result is too large for Excel.
    let tooLarge: String

    package static func compile(_ sheet: SheetDefinition, positions: ColumnPositions, firstBodyRow: Int) -> [ComputedColumn] {
        let probe = TemplateRowContext(columns: positions, row: firstBodyRow)
        return BoundSheet.computedOrder(sheet, positions: positions).compactMap { column in
            guard case .expression(let expression, let text) = sheet.columns[column].content else { return nil }
            let missingText = sheet.columns[column].missingText
            let formula = FormulaCompiler(missingText: missingText).compile(expression, in: probe)
            return ComputedColumn(column: column, expression: expression, missingText: missingText, formula: formula, template: formula.template,
                                  readsRelated: !expression.relatedFields.isEmpty, formulaReadsCells: formula.hasReferences, inputs: sheet.dependencies(of: expression).map(positions.index),
                                  tooLarge: FormulaLimits.resultTooLarge(text, sheet: sheet.name))
        }
    }
}

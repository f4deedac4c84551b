import AppendixData
import AppendixDefinition
import AppendixExpression

/// A subtotal or grand-total row: `SUBTOTAL(9, range)` for each totalled column, with the
/// running total as its cached value; computed columns whose inputs are all on the row (e.g. a
/// % of two totals) recomputed there.
package struct TotalRow {
    package let sheet: SheetDefinition
    package let file: String
    package let label: String
    let grand: Bool

    /// The row's cells; `rows` is the body range added up (`nil` for an empty body).
    /// - Throws: ``/AppendixData/DataError`` (naming `file` and the column) when a value is too large for Excel.
    package func cells(row: Int, rows: ClosedRange<Int>?, totals: RunningTotals) throws -> [LayoutCell] {
        var values = Array(repeating: ExcelValue.blank, count: sheet.columns.count)
        var contents = Array(repeating: CellContent.blank, count: sheet.columns.count)
        var available: Set<Int> = []
        if let rows {
            for column in (sheet.totals?.columns ?? []).compactMap(sheet.columnIndex).sorted() where !available.contains(column) {
                let range = RangeReference(sheet: nil, column: column, firstRow: rows.lowerBound, lastRow: rows.upperBound)
                let formula = Formula.function(.subtotal, [.number(9), .range(range, totals.rangeValues(column))])
                try place(formula, column, &values, &contents)
                available.insert(column)
            }
        }
        for column in BoundSheet.computedOrder(sheet) where !available.contains(column) {
            guard case .expression(let expression, _) = sheet.columns[column].content,
                  expression.relatedFields.isEmpty,
                  sheet.dependencies(of: expression).allSatisfy({ sheet.columnIndex($0).map(available.contains) ?? false }) else { continue }
            let formula = FormulaCompiler(missingText: sheet.columns[column].missingText)
                .compile(expression, in: TotalRowContext(sheet: sheet, row: row, values: values))
            try place(formula, column, &values, &contents)
            available.insert(column)
        }
        let labelColumn = sheet.totals?.labelColumn.flatMap(sheet.columnIndex) ?? 0
        if case .blank = contents[labelColumn] { contents[labelColumn] = .text(label) }
        return sheet.columns.indices.map { column in
            LayoutCell(row: row, column: column, content: contents[column], style: .total(sheet.columns[column], grand: grand))
        }
    }

    private func place(_ formula: Formula, _ column: Int, _ values: inout [ExcelValue], _ contents: inout [CellContent]) throws {
        let result = formula.evaluate()
        if formula.overflowed(result) {
            throw DataError(file: file, column: sheet.columns[column].header, message: FormulaLimits.totalTooLarge(label, sheet: sheet.name),
                            limit: .numberSize)
        }
        values[column] = result
        contents[column] = CellContent.of(formula, result)
    }
}

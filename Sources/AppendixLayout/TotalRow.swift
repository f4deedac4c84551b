import AppendixData
import AppendixDefinition
import AppendixExpression

/// A subtotal or grand-total row: `SUBTOTAL(9, range)` for each totalled column, with the
/// running total as its cached value; computed columns whose inputs are all on the row (e.g. a
/// % of two totals) recomputed there.
package struct TotalRow {
    package let bound: BoundSheet
    package let label: String
    let grand: Bool
    private var sheet: SheetDefinition { bound.sheet }

    /// The row's cells; `rows` is the body range added up (`nil` for an empty body).
    /// - Throws: ``/AppendixData/DataError`` (naming `file` and the column) when a value is too large for Excel.
    package func cells(row: Int, rows: ClosedRange<Int>?, totals: RunningTotals) throws -> [LayoutCell] {
        var values = Array(repeating: ExcelValue.blank, count: sheet.columns.count)
        var contents = Array(repeating: CellContent.blank, count: sheet.columns.count)
        var available: Set<Int> = []
        if let rows {
            for column in bound.totalled {
                let range = RangeReference(sheet: nil, column: column, firstRow: rows.lowerBound, lastRow: rows.upperBound)
                let formula = Formula.function(.subtotal, [.number(9), .range(range, totals.rangeValues(column))])
                try place(formula, column, &values, &contents)
                available.insert(column)
            }
        }
        for computed in bound.computed where !computed.readsRelated && !available.contains(computed.column) {
            guard computed.inputs.allSatisfy(available.contains) else { continue }
            let formula = FormulaCompiler(missingText: computed.missingText)
                .compile(computed.expression, in: TotalRowContext(columns: bound.positions, row: row, values: values))
            try place(formula, computed.column, &values, &contents)
            available.insert(computed.column)
        }
        let labelColumn = sheet.totals?.labelColumn.map(bound.positions.index) ?? 0
        if case .blank = contents[labelColumn] { contents[labelColumn] = .text(label) }
        return sheet.columns.indices.map { column in
            LayoutCell(row: row, column: column, content: contents[column], style: bound.roles.total(sheet.columns[column], grand: grand))
        }
    }

    private func place(_ formula: Formula, _ column: Int, _ values: inout [ExcelValue], _ contents: inout [CellContent]) throws {
        let result = formula.evaluate()
        if formula.overflowed(result) {
            throw DataError(file: bound.file, column: sheet.columns[column].header, message: FormulaLimits.totalTooLarge(label, sheet: sheet.name),
                            limit: .numberSize)
        }
        values[column] = result
        contents[column] = CellContent.of(formula, result)
    }
}

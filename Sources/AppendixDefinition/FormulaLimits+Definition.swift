// Measuring a column's formula needs the sheet and definition it lives in, so this part of
// ``FormulaLimits`` sits in the Definition stage, above Expression.
import AppendixData
import AppendixExpression

extension FormulaLimits {
    /// Why the formula of `expression` in a column of `sheet` would break Excel's limits, or
    /// `nil`. The formula is compiled for the sheet's last possible row, so cell references are
    /// as long as they can be; a cheap lower bound first refuses expressions whose formula
    /// would be huge (over ``ColumnExpression/lengthCeiling``) (`rag` and `dot` repeat their arguments) without building it.
    package static func problem(with expression: ColumnExpression, in sheet: SheetDefinition, of definition: ReportDefinition, missingText: String) -> Breach? {
        if expression.shortestFormulaLength >= ColumnExpression.lengthCeiling {
            return Breach(limit: .formulaCharacters(found: ColumnExpression.lengthCeiling, maximum: characters),
                          message: "the formula Excel would get is more than \(ColumnExpression.lengthCeiling.groupedDigits) characters long; Excel allows at most \(characters.groupedDigits) (split the expression over several columns)")
        }
        let context = LastRowContext(sheet: sheet, definition: definition)
        return problem(with: FormulaCompiler(missingText: missingText).compile(expression, in: context))
    }
}

/// Names resolved to the last row Excel has, for measuring formulas before any data is read.
private struct LastRowContext: FormulaContext {
    package let sheet: SheetDefinition
    package let definition: ReportDefinition
    private var lastRow: Int { ExcelLimits.rows - 1 }

    package func cell(for id: String) -> (CellReference, ExcelValue) {
        (CellReference(row: lastRow, column: sheet.columnIndex(id) ?? 0), .blank)
    }

    package func cells(from first: String, to last: String) -> (RangeReference, [ExcelValue]) {
        let a = sheet.columnIndex(first) ?? 0, b = sheet.columnIndex(last) ?? 0
        return (RangeReference(sheet: nil, firstRow: lastRow, lastRow: lastRow, firstColumn: Swift.min(a, b), lastColumn: Swift.max(a, b)),
                Array(repeating: .blank, count: Swift.abs(b - a) + 1))
    }

    package func related(source: String, field: String) -> (RangeReference, [ExcelValue])? {
        let shown = definition.sheets.lazy.compactMap { other -> (String, Int)? in
            guard other.source == source,
                  let column = other.columns.firstIndex(where: { if case .field(field) = $0.content { return true } else { return false } })
            else { return nil }
            return (other.name, column)
        }.first
        guard let (name, column) = shown else { return nil }
        return (RangeReference(sheet: name, column: column, firstRow: lastRow - 1, lastRow: lastRow), [.blank, .blank])
    }
}

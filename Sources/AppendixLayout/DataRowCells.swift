import AppendixData
import AppendixDefinition
import AppendixExpression

/// One data row's cells and the values formulas and totals read.
package struct RowCells {
    package var contents: [CellContent]
    package var values: [ExcelValue]
}

extension BoundSheet {
    /// The one function that turns a data row into cells: fields (blank where `continuesBlock`
    /// suppresses a repeated label), then computed columns with their cached results. `row` is
    /// overwritten column by column, so one buffer serves every row of a sheet (its `contents`
    /// may have been handed on with the last row: then they start anew).
    /// - Throws: ``/AppendixData/DataError`` for a text too long for a cell or a result too large for Excel.
    package func cells(for dataRow: DataRow, at sheetRow: Int, continuesBlock: Bool, related: RelatedRowIndex, into row: inout RowCells) throws {
        let count = sheet.columns.count
        if row.contents.count != count { row.contents = Array(repeating: .blank, count: count) }
        if row.values.count != count { row.values = Array(repeating: .blank, count: count) }
        for (column, index) in fieldIndex.enumerated() {
            row.contents[column] = .blank
            row.values[column] = .blank
            guard let index else { continue }
            let value = dataRow.values[index]
            if case .text(let text) = value {
                try ExcelLimits.checkCellText(text, file: file, line: dataRow.line, column: header[index],
                                              place: "sheet '\(sheet.name)', column '\(sheet.columns[column].header)'")
            }
            if continuesBlock && sheet.columns[column].suppressRepeats { continue }
            if needsValue[column] { row.values[column] = ExcelValue(value) }
            switch value {
            case .number(let number): row.contents[column] = .number(number)
            case .text(let text): row.contents[column] = .text(text)
            case .missing(let text): row.contents[column] = text.isEmpty ? .blank : .text(text)
            }
        }
        for index in computed.indices {  // by index: the element is borrowed, not copied (and retained)
            try fill(computed[index], in: &row, dataRow: dataRow, sheetRow: sheetRow, related: related)
        }
    }

    private func fill(_ column: ComputedColumn, in row: inout RowCells, dataRow: DataRow, sheetRow: Int, related: RelatedRowIndex) throws {
        let formula: Formula, result: ExcelValue, overflowed: Bool
        if column.readsRelated {
            let context = try RelatedRowContext(bound: self, row: sheetRow, values: row.values, related: related, dataRow: dataRow, expression: column.expression)
            formula = FormulaCompiler(missingText: column.missingText).compile(column.expression, in: context)
            result = formula.evaluate()
            overflowed = formula.overflowed(result)
        } else {
            formula = column.formula
            result = formula.evaluate(in: row.values)
            overflowed = formula.overflowed(result, in: row.values)
        }
        if overflowed {
            throw DataError(file: file, line: dataRow.line, column: sheet.columns[column.column].header, message: column.tooLarge, limit: .numberSize)
        }
        row.values[column.column] = result
        if column.readsRelated || !formula.hasReferences {
            row.contents[column.column] = CellContent.of(formula, result)
        } else {
            row.contents[column.column] = .formula(column.template.text(row: sheetRow), cached: FormulaResult(result))
        }
    }

    /// The height of a data row whose wrapped columns need more than one line.
    package func height(of contents: [CellContent], widths: [Double]) -> Double? {
        var lines = 1
        for column in wrapped {
            if case .text(let text) = contents[column] { lines = max(lines, TextMetrics.wrappedLines(text, width: widths[column])) }
        }
        return lines > 1 ? Double(lines) * TextMetrics.lineHeight : nil
    }
}

extension CellContent {
    /// How a compiled formula is written: as a formula when it reads cells, else as its value.
    package static func of(_ formula: Formula, _ result: ExcelValue) -> CellContent {
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

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
            let content: CellContent
            switch value {
            case .number(let number): content = .number(number)
            case .text(let text): content = try textContent(text, column: column, line: dataRow.line, field: header[index])
            case .missing(let text): content = CellContent.shown(sheet.columns[column].blankText ?? text)
            }
            if continuesBlock && sheet.columns[column].suppressRepeats { continue }
            row.contents[column] = links[column] == nil ? content : linked(content, column: column, values: dataRow.values)
            if needsValue[column] { row.values[column] = content.value(of: value) }
        }
        for index in computed.indices {  // by index: the element is borrowed, not copied (and retained)
            try fill(computed[index], in: &row, dataRow: dataRow, sheetRow: sheetRow, related: related)
        }
    }

    /// A text field's cell: as written, or read as HTML for a `markup: html` column; the text
    /// shown is checked against Excel's characters per cell. An empty text (a `text` field's
    /// blank, which missing markers do not apply to) shows the column's `missing:` text.
    private func textContent(_ text: String, column: Int, line: Int, field: String) throws -> CellContent {
        if text.isEmpty, let blank = sheet.columns[column].blankText { return .shown(blank) }
        let markup = sheet.columns[column].markup
        var content = CellContent.shown(text)
        if markup == .html {
            let rich = HTMLText.richText(from: text)
            content = rich.hasFonts ? .rich(rich) : .shown(rich.plainText)
        }
        let shown = content.shownText ?? ""
        guard ExcelLimits.isTooLongForACell(shown) else { return content }
        try ExcelLimits.checkCellText(shown, file: file, line: line, column: field,
                                      place: "sheet '\(sheet.name)', column '\(sheet.columns[column].header)'\(markup == nil ? "" : " after reading its HTML")")
        return content
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
        if column.readsRelated || !column.formulaReadsCells {
            row.contents[column.column] = CellContent.of(formula, result)
        } else {
            row.contents[column.column] = .formula(column.template.text(row: sheetRow), cached: FormulaResult(result))
        }
    }

    /// The height of a data row whose wrapped columns need more than one line.
    package func height(of contents: [CellContent], widths: [Double]) -> Double? {
        var lines = 1
        for column in wrapped {
            guard let text = contents[column].shownText else { continue }
            lines = max(lines, metrics.wrappedLines(text, wrappedStyle(of: contents[column]), room: metrics.wrapPoints(widths: [widths[column]])))
        }
        return metrics.rowHeight(lines: lines, size: bodyText.size, linePitch: bodyText.linePitch)
    }

    /// The style a wrapped cell is measured in: rich text with a bold run in bold throughout, so
    /// its height is never short (a run's own width is not measured apart).
    private func wrappedStyle(of content: CellContent) -> TextStyle {
        guard case .rich(let rich) = content, rich.runs.contains(where: \.font.bold) else { return bodyText }
        var bold = roles.plainBody
        bold.bold = true
        return metrics.style(bold)
    }
}

extension CellContent {
    /// A text cell, blank for an empty text (libxlsxwriter writes none).
    package static func shown(_ text: String) -> CellContent {
        text.isEmpty ? .blank : .text(text)
    }

    /// The value formulas read from this field cell: the CSV's value as the workbook holds it,
    /// or the text the cell shows when that differs (HTML read, or a column's `missing:` text).
    func value(of field: CellValue) -> ExcelValue {
        switch self {
        case .number: return ExcelValue(field)
        case .text(let text): return .text(text)
        case .rich(let rich): return .text(rich.plainText)
        case .link(let link): return .text(link.text)
        case .blank, .formula: return .blank
        }
    }

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

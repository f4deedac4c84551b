import AppendixData
import AppendixDefinition
import AppendixExpression

/// Names in a data row compiled as a template: this row's cells (values come per row).
package struct TemplateRowContext: FormulaContext {
    package let columns: ColumnPositions
    package let row: Int

    package func cell(for id: String) -> (CellReference, ExcelValue) {
        (CellReference(row: row, column: columns.index(of: id)), .blank)
    }

    package func cells(from first: String, to last: String) -> (RangeReference, [ExcelValue]) {
        let a = columns.index(of: first), b = columns.index(of: last)
        return (RangeReference(sheet: nil, firstRow: row, lastRow: row, firstColumn: min(a, b), lastColumn: max(a, b)),
                Array(repeating: .blank, count: abs(b - a) + 1))
    }

    package func related(source: String, field: String) -> (RangeReference, [ExcelValue])? { nil }
}

/// The names an expression reading another source sees in one data row: this row's cells and
/// the rows of the related source with this row's key.
package struct RelatedRowContext: FormulaContext {
    /// A `source.field` an expression reads.
    private struct RelatedField: Hashable {
        var source: String
        var field: String
    }

    package let bound: BoundSheet
    package let row: Int
    package let values: [ExcelValue]
    /// The key's rows of each `source.field` the expression reads, read before it is compiled.
    private var ranges: [RelatedField: RelatedRowIndex.KeyRange] = [:]

    /// The context of `expression` in data row `dataRow`, at sheet row `row`, holding `values`.
    /// - Throws: ``ExternalSortError`` when the related numbers cannot be read back.
    package init(bound: BoundSheet, row: Int, values: [ExcelValue], related: RelatedRowIndex, dataRow: DataRow, expression: ColumnExpression) throws {
        self.bound = bound
        self.row = row
        self.values = values
        for (source, field) in expression.relatedFields {
            let name = RelatedField(source: source, field: field)
            guard ranges[name] == nil, let keyIndex = bound.relatedKeys[source] else { continue }
            ranges[name] = try related.range(source: source, field: field, key: dataRow.values[keyIndex].displayText)
        }
    }

    package func cell(for id: String) -> (CellReference, ExcelValue) {
        TotalRowContext(columns: bound.positions, row: row, values: values).cell(for: id)
    }

    package func cells(from first: String, to last: String) -> (RangeReference, [ExcelValue]) {
        TotalRowContext(columns: bound.positions, row: row, values: values).cells(from: first, to: last)
    }

    /// The key's rows of `field` on the sheet showing `source`, carrying only their numbers in
    /// row order: the range is only ever an argument of MIN, MAX, SUM or AVERAGE and of their
    /// `COUNT(range)=0` guard, which skip text and blanks (``RelatedRowIndex``).
    package func related(source: String, field: String) -> (RangeReference, [ExcelValue])? {
        ranges[RelatedField(source: source, field: field)].map { ($0.reference, $0.values) }
    }
}

/// The names an expression sees on a subtotal or grand-total row: that row's cells.
package struct TotalRowContext: FormulaContext {
    package let columns: ColumnPositions
    package let row: Int
    package let values: [ExcelValue]

    package func cell(for id: String) -> (CellReference, ExcelValue) {
        let column = columns.index(of: id)
        return (CellReference(row: row, column: column), values[column])
    }

    package func cells(from first: String, to last: String) -> (RangeReference, [ExcelValue]) {
        let a = columns.index(of: first), b = columns.index(of: last)
        return (RangeReference(sheet: nil, firstRow: row, lastRow: row, firstColumn: min(a, b), lastColumn: max(a, b)),
                (min(a, b)...max(a, b)).map { values[$0] })
    }

    package func related(source: String, field: String) -> (RangeReference, [ExcelValue])? { nil }
}

/// CSV fields by name, for row filters (evaluated here, never written as formulas).
package struct FieldContext: FormulaContext {
    /// Field names and values; each field gets its own (notional) cell so guards count them apart.
    package let fields: [(name: String, value: ExcelValue)]

    package func cell(for id: String) -> (CellReference, ExcelValue) {
        let column = fields.firstIndex { $0.name == id } ?? fields.count
        return (CellReference(row: 0, column: column), column < fields.count ? fields[column].value : .blank)
    }

    package func cells(from first: String, to last: String) -> (RangeReference, [ExcelValue]) {
        (RangeReference(sheet: nil, column: 0, firstRow: 0, lastRow: 0), [cell(for: first).1, cell(for: last).1])
    }

    package func related(source: String, field: String) -> (RangeReference, [ExcelValue])? { nil }
}

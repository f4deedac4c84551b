/// The names an expression sees in one data row of a sheet.
struct RowContext: FormulaContext {
    let plan: SheetPlan
    let row: Int
    let values: [ExcelValue]
    let related: RelatedRowIndex
    let dataRow: DataRow

    func cell(for id: String) -> (CellReference, ExcelValue) {
        let column = plan.sheet.columnIndex(id)!
        return (CellReference(row: row, column: column), values[column])
    }

    func cells(from first: String, to last: String) -> (RangeReference, [ExcelValue]) {
        let a = plan.sheet.columnIndex(first)!, b = plan.sheet.columnIndex(last)!
        let columns = min(a, b)...max(a, b)
        return (RangeReference(sheet: nil, firstRow: row, lastRow: row, firstColumn: columns.lowerBound, lastColumn: columns.upperBound),
                columns.map { values[$0] })
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

/// The names an expression sees on a subtotal or grand-total row: that row's cells.
struct TotalRowContext: FormulaContext {
    let sheet: SheetDefinition
    let row: Int
    let values: [ExcelValue]

    func cell(for id: String) -> (CellReference, ExcelValue) {
        let column = sheet.columnIndex(id)!
        return (CellReference(row: row, column: column), values[column])
    }

    func cells(from first: String, to last: String) -> (RangeReference, [ExcelValue]) {
        let a = sheet.columnIndex(first)!, b = sheet.columnIndex(last)!
        return (RangeReference(sheet: nil, firstRow: row, lastRow: row, firstColumn: min(a, b), lastColumn: max(a, b)),
                (min(a, b)...max(a, b)).map { values[$0] })
    }

    func related(source: String, field: String) -> (RangeReference, [ExcelValue])? { nil }
}

/// CSV fields by name, for row filters (evaluated here, never written as formulas).
struct FieldContext: FormulaContext {
    /// Field names and values; each field gets its own (notional) cell so guards count them apart.
    let fields: [(name: String, value: ExcelValue)]

    func cell(for id: String) -> (CellReference, ExcelValue) {
        let column = fields.firstIndex { $0.name == id } ?? fields.count
        return (CellReference(row: 0, column: column), column < fields.count ? fields[column].value : .blank)
    }

    func cells(from first: String, to last: String) -> (RangeReference, [ExcelValue]) {
        (RangeReference(sheet: nil, column: 0, firstRow: 0, lastRow: 0), [cell(for: first).1, cell(for: last).1])
    }

    func related(source: String, field: String) -> (RangeReference, [ExcelValue])? { nil }
}

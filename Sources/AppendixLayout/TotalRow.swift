import AppendixData
import AppendixDefinition
import AppendixExpression

/// A subtotal or grand-total row: `SUBTOTAL(9, range)` for each totalled column, with the
/// running total as its cached value; computed columns whose inputs are all on the row (e.g. a
/// % of two totals) recomputed there. The accessible variant's totals table holds the same row
/// (``totalsTableCells(row:rows:totals:)``), with `SUBTOTAL(109, …)` and only its filled columns.
package struct TotalRow {
    package let bound: BoundSheet
    package let label: String
    let grand: Bool
    private var sheet: SheetDefinition { bound.sheet }

    /// The row's cells; `rows` is the body range added up (`nil` for an empty body).
    /// - Throws: ``/AppendixData/DataError`` (naming `file` and the column) when a value is too large for Excel.
    package func cells(row: Int, rows: ClosedRange<Int>?, totals: RunningTotals) throws -> [LayoutCell] {
        let placement = TotalPlacement(columns: Array(sheet.columns.indices), positions: bound.positions)
        let contents = try self.contents(row: row, rows: rows, totals: totals, function: 9, placement: placement)
        return sheet.columns.indices.map { column in
            LayoutCell(row: row, column: column, content: contents[column], style: bound.roles.total(sheet.columns[column], grand: grand))
        }
    }

    /// The columns a total row fills, left to right: the label's column, the totalled columns
    /// and the computed columns recomputed from them (all of them only when the body has rows).
    package var filledColumns: [Int] {
        var filled = Set(bound.totalled)
        for computed in bound.computed where !computed.readsRelated && !filled.contains(computed.column) {
            if computed.inputs.allSatisfy(filled.contains) { filled.insert(computed.column) }
        }
        filled.insert(labelColumn)
        return filled.sorted()
    }

    /// The accessible variant's totals row, its cells in columns 0, 1 … for ``filledColumns``:
    /// `SUBTOTAL(109, range)` (which adds up only the rows a filter shows) over the body's rows.
    package func totalsTableCells(row: Int, rows: ClosedRange<Int>, totals: RunningTotals) throws -> [LayoutCell] {
        let columns = filledColumns
        let placement = TotalPlacement(columns: columns, positions: ColumnPositions(ids: columns.map { sheet.columns[$0].id }))
        let contents = try self.contents(row: row, rows: rows, totals: totals, function: 109, placement: placement)
        return columns.enumerated().map { offset, column in
            LayoutCell(row: row, column: offset, content: contents[offset], style: .total(sheet.columns[column], grand: true))
        }
    }

    private var labelColumn: Int { sheet.totals?.labelColumn.map(bound.positions.index) ?? 0 }

    /// The row's contents by placed column: `placement` says which sheet column goes where.
    private func contents(row: Int, rows: ClosedRange<Int>?, totals: RunningTotals, function: Int, placement: TotalPlacement) throws -> [CellContent] {
        var values = Array(repeating: ExcelValue.blank, count: placement.columns.count)
        var contents = Array(repeating: CellContent.blank, count: placement.columns.count)
        var available: Set<Int> = []
        if let rows {
            for column in bound.totalled {
                guard let place = placement.place[column] else { continue }
                let range = RangeReference(sheet: nil, column: column, firstRow: rows.lowerBound, lastRow: rows.upperBound)
                let formula = Formula.function(.subtotal, [.number(Double(function)), .range(range, totals.rangeValues(column))])
                try put(formula, column, at: place, &values, &contents)
                available.insert(column)
            }
        }
        for computed in bound.computed where !computed.readsRelated && !available.contains(computed.column) {
            guard computed.inputs.allSatisfy(available.contains), let place = placement.place[computed.column] else { continue }
            let formula = FormulaCompiler(missingText: computed.missingText)
                .compile(computed.expression, in: TotalRowContext(columns: placement.positions, row: row, values: values))
            try put(formula, computed.column, at: place, &values, &contents)
            available.insert(computed.column)
        }
        if let place = placement.place[labelColumn], case .blank = contents[place] { contents[place] = .text(label) }
        return contents
    }

    private func put(_ formula: Formula, _ column: Int, at place: Int, _ values: inout [ExcelValue], _ contents: inout [CellContent]) throws {
        let result = formula.evaluate()
        if formula.overflowed(result) {
            throw DataError(file: bound.file, column: sheet.columns[column].header, message: FormulaLimits.totalTooLarge(label, sheet: sheet.name),
                            limit: .numberSize)
        }
        values[place] = result
        contents[place] = CellContent.of(formula, result)
    }
}

/// Where a total row's cells go: the sheet columns placed, in order, at columns 0, 1 …, and the
/// positions of their ids there (for the formulas of computed columns).
private struct TotalPlacement {
    let columns: [Int]
    let positions: ColumnPositions
    /// The placed column of each sheet column placed.
    let place: [Int: Int]

    init(columns: [Int], positions: ColumnPositions) {
        self.columns = columns
        self.positions = positions
        place = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($0.element, $0.offset) })
    }
}

import AppendixDefinition
import AppendixExpression

/// What an editable sheet gets after its rows: protection, validation of editable cells,
/// highlights and defined names (issue #18). The autofilter travels on a row instead
/// (``LayoutRow/autofilter``).
package struct EditingSettings: Sendable, Equatable {
    /// Protect the sheet: locked cells (formulas, headers, totals) cannot be changed.
    package var protect = false
    package var validations: [RangeValidation] = []
    package var highlights: [RangeHighlight] = []
    package var names: [RangeName] = []

    package init() {}
}

/// A column's validation over its body cells.
package struct RangeValidation: Sendable, Equatable {
    package var range: RangeReference
    package var validation: CellValidation
}

/// A conditional format over a column's body cells, its column references resolved.
package struct RangeHighlight: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        case dataBar
        case arrows
        case above(Double)
        case below(Double)
        /// True for the range's first cell (relative references, as Excel reads them).
        case formula(String)
    }

    package var range: RangeReference
    package var kind: Kind
    package var colour: HighlightColour
}

/// A workbook-wide name for a range of cells on a sheet (`'Fees 2019-20'!$E$5:$E$40`).
package struct RangeName: Sendable, Equatable {
    package var name: String
    package var range: RangeReference
}

extension SheetFrame {
    /// Protection, validations, highlights and names over the body rows `firstBodyRow...lastBodyRow`
    /// (none but protection when the body is empty).
    func editingSettings(lastBodyRow: Int) -> EditingSettings {
        let sheet = bound.sheet
        var settings = EditingSettings()
        settings.protect = sheet.isProtected
        guard lastBodyRow >= bound.firstBodyRow else { return settings }
        func body(_ column: Int, sheetName: String? = nil) -> RangeReference {
            RangeReference(sheet: sheetName, column: column, firstRow: bound.firstBodyRow, lastRow: lastBodyRow)
        }
        for (index, column) in sheet.columns.enumerated() {
            if let validation = column.validation { settings.validations.append(RangeValidation(range: body(index), validation: validation)) }
            settings.highlights += column.highlights.map { RangeHighlight(range: body(index), kind: kind(of: $0, column: index), colour: $0.colour) }
        }
        settings.names = sheet.names.map { RangeName(name: $0.name, range: body(bound.positions.index(of: $0.column), sheetName: sheet.name)) }
        return settings
    }

    private func kind(of highlight: ColumnHighlight, column: Int) -> RangeHighlight.Kind {
        switch highlight.kind {
        case .dataBar: return .dataBar
        case .arrows: return .arrows
        case .above(let value): return .above(value)
        case .below(let value): return .below(value)
        case .outside(let low, let high):
            let row = bound.firstBodyRow
            let cell = CellReference(row: row, column: column).a1
            let lowCell = CellReference(row: row, column: bound.positions.index(of: low)).a1
            let highCell = CellReference(row: row, column: bound.positions.index(of: high)).a1
            return .formula("AND(ISNUMBER(\(cell)),ISNUMBER(\(lowCell)),ISNUMBER(\(highCell)),OR(\(cell)<\(lowCell),\(cell)>\(highCell)))")
        }
    }

    /// The spacer row under the body (or under the header of an empty sheet) carrying the
    /// autofilter over the header and body rows, when the sheet asks for one.
    func autofilterRow(lastBodyRow: Int) -> LayoutRow? {
        guard bound.sheet.autofilter else { return nil }
        let last = max(lastBodyRow, bound.headerRows.upperBound)
        var row = LayoutRow(index: last + 1)
        row.autofilter = RangeReference(sheet: nil, firstRow: bound.headerRows.upperBound, lastRow: last, firstColumn: 0, lastColumn: bound.lastColumn)
        return row
    }
}

import AppendixZip

/// What the check reads of a workbook: its sheets in tab order, the document title and the
/// colours of each cell style.
package struct WorkbookContent: Sendable {
    package var sheets: [SheetContent]
    /// docProps/core.xml's `dc:title`; nil when the part or the element is missing.
    package var title: String?
    package var styles: CellStyles
}

/// One worksheet (chart sheets are not read: they hold no cells).
package struct SheetContent: Sendable {
    /// `visible`, `hidden` or `veryHidden`.
    package enum State: String, Sendable { case visible, hidden, veryHidden }

    package var name: String
    package var state: State
    package var cells: [CellAddress: SheetCell]
    package var merges: [CellRange]
    package var tables: [TablePart]
    package var drawings: [DrawingObject]

    /// The cell at `row`, `column`, when it holds something.
    package func value(_ row: Int, _ column: Int) -> SheetCell? {
        guard let cell = cells[CellAddress(row: row, column: column)], !cell.isEmpty else { return nil }
        return cell
    }

    /// Rows holding at least one non-empty cell, ascending.
    package var filledRows: [Int] { Set(cells.filter { !$0.value.isEmpty }.keys.map(\.row)).sorted() }
}

/// An Excel table (`xl/tables/tableN.xml`) on a sheet.
package struct TablePart: Sendable, Equatable {
    package var name: String
    package var range: CellRange
    /// `headerRowCount`: 1 unless the table says 0.
    package var headerRows: Int
    package var totalsRows: Int

    /// The rows below the header and above the totals.
    package var bodyRows: ClosedRange<Int>? {
        let first = range.first.row + headerRows, last = range.last.row - totalsRows
        return first <= last ? first...last : nil
    }
}

/// A chart or picture anchored on a sheet's drawing.
package struct DrawingObject: Sendable, Equatable {
    package enum Kind: String, Sendable { case chart, picture }
    package var kind: Kind
    /// `cNvPr`'s `name`.
    package var name: String
    /// `cNvPr`'s `descr` (the alt text); nil or blank when there is none.
    package var description: String?
    /// The cell of its top-left corner.
    package var anchor: CellAddress
}

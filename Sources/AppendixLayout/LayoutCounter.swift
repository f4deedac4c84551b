/// Keeps nothing of the rows it is given, only each sheet's name and how many cells it got:
/// the sink for checking a definition and its data in bounded memory (`validate` when streaming).
package final class LayoutCounter: WorkbookSink {
    /// One sheet as counted.
    package struct Sheet: Sendable, Equatable {
        package var name: String
        /// Cells written, of every kind (title, headers, data, totals, notes).
        package var cells: Int
    }

    package private(set) var sheets: [Sheet] = []

    package init() {}

    package func addSheet(name: String) throws -> Int {
        sheets.append(Sheet(name: name, cells: 0))
        return sheets.count - 1
    }

    package func setColumns(_ columns: [ColumnLayout], of sheet: Int) throws {}

    package func write(_ rows: [LayoutRow], to sheet: Int) throws {
        for row in rows { try write(row, to: sheet) }
    }

    package func write(_ row: LayoutRow, to sheet: Int) throws { sheets[sheet].cells += row.contents.count }

    package func finish(_ sheet: Int, settings: SheetSettings) throws {}
}

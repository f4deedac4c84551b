import AppendixData

/// Where laid-out sheets go: the workbook writer (Render), or ``LayoutCollector`` for a layout
/// held in memory. Sheets are added in workbook order; each then takes its rows in order.
package protocol WorkbookSink: AnyObject {
    /// Adds the next sheet; returns its position.
    func addSheet(name: String) throws -> Int
    func setColumns(_ columns: [ColumnLayout], of sheet: Int) throws
    func write(_ rows: [LayoutRow], to sheet: Int) throws
    /// Writes one row, below the rows already written.
    func write(_ row: LayoutRow, to sheet: Int) throws
    func finish(_ sheet: Int, settings: SheetSettings) throws
}

/// Keeps every sheet's rows: the whole layout, for checks, previews and small workbooks.
package final class LayoutCollector: WorkbookSink {
    package private(set) var sheets: [SheetLayout] = []

    package init() {}

    package func addSheet(name: String) throws -> Int {
        sheets.append(SheetLayout(name: name, columns: [], rows: [], settings: SheetSettings(), dataRowCount: 0))
        return sheets.count - 1
    }

    package func setColumns(_ columns: [ColumnLayout], of sheet: Int) throws { sheets[sheet].columns = columns }
    package func write(_ rows: [LayoutRow], to sheet: Int) throws { sheets[sheet].rows += rows }
    package func write(_ row: LayoutRow, to sheet: Int) throws { sheets[sheet].rows.append(row) }
    package func finish(_ sheet: Int, settings: SheetSettings) throws { sheets[sheet].settings = settings }
}

/// Where a sheet's rows come from, in sheet order: today a table in memory, sorted and grouped
/// in memory (``InMemoryRows``), or a CSV read row by row (Build); later an external merge sort.
package protocol SheetRowSource {
    /// Calls `start` once with the CSV header and file name (it binds the sheet and returns which
    /// rows it shows), then `row` for each shown row in sheet order.
    func read(start: (_ header: [String], _ file: String) throws -> SheetRowSelection, row: (DataRow) throws -> Void) throws
}

/// A loaded table's rows, filtered, then sorted and grouped in memory.
package struct InMemoryRows: SheetRowSource {
    package let table: DataTable

    package init(_ table: DataTable) {
        self.table = table
    }

    package func read(start: (_ header: [String], _ file: String) throws -> SheetRowSelection, row: (DataRow) throws -> Void) throws {
        let selection = try start(table.header, table.file)
        for shown in selection.ordered(table.rows.filter(selection.keeps)) { try row(shown) }
    }
}

/// Keeps nothing of the rows it is given, only each sheet's name and how many cells it got:
/// the sink for checking a definition and its data in bounded memory (`validate` when streaming).
public final class LayoutCounter: WorkbookSink {
    /// One sheet as counted.
    public struct Sheet: Sendable, Equatable {
        public var name: String
        /// Cells written, of every kind (title, headers, data, totals, notes).
        public var cells: Int
    }

    public private(set) var sheets: [Sheet] = []

    public init() {}

    public func addSheet(name: String) throws -> Int {
        sheets.append(Sheet(name: name, cells: 0))
        return sheets.count - 1
    }

    public func setColumns(_ columns: [ColumnLayout], of sheet: Int) throws {}

    public func write(_ rows: [LayoutRow], to sheet: Int) throws {
        for row in rows { try write(row, to: sheet) }
    }

    public func write(_ row: LayoutRow, to sheet: Int) throws { sheets[sheet].cells += row.contents.count }

    public func finish(_ sheet: Int, settings: SheetSettings) throws {}
}

import AppendixZip
/// What a sheet is for, from its name: the guidance's cover, contents and notes sheets, or a
/// sheet of tables. Names are compared in lower case with everything but letters removed, so
/// `Cover`, `Cover_sheet` and `Table of contents` are recognised.
package enum SheetRole: Equatable, Sendable {
    case cover, contents, notes, table

    package init(name: String) {
        let letters = String(name.lowercased().filter { $0.isLetter })
        switch letters {
        case "cover", "coversheet", "coverpage", "frontpage": self = .cover
        case "contents", "tableofcontents", "contentssheet", "toc": self = .contents
        case "notes", "notessheet", "footnotes": self = .notes
        default: self = .table
        }
    }
}

/// A table on a sheet as the rules see it: an Excel table, or — on a sheet without any — the
/// implied table: from the first row with two or more filled cells down to the row before the
/// first empty row, across the columns those rows fill, its first row taken as the header.
package struct TableRegion: Equatable, Sendable {
    package var range: CellRange
    /// The rows below the header (and above a totals row).
    package var bodyRows: ClosedRange<Int>?
    /// Whether this is an Excel table rather than an implied one.
    package var isMarkedUp: Bool

    /// The sheet's Excel tables, or its implied table, or none.
    package static func regions(of sheet: SheetContent) -> [TableRegion] {
        if !sheet.tables.isEmpty {
            return sheet.tables.map { TableRegion(range: $0.range, bodyRows: $0.bodyRows, isMarkedUp: true) }
        }
        return implied(in: sheet).map { [$0] } ?? []
    }

    static func implied(in sheet: SheetContent) -> TableRegion? {
        var columnsByRow: [Int: [Int]] = [:]
        for (address, cell) in sheet.cells where !cell.isEmpty { columnsByRow[address.row, default: []].append(address.column) }
        guard let start = columnsByRow.keys.sorted().first(where: { columnsByRow[$0]?.count ?? 0 >= 2 }) else { return nil }
        var end = start
        while columnsByRow[end + 1] != nil { end += 1 }
        let columns = (start...end).flatMap { columnsByRow[$0] ?? [] }
        guard let low = columns.min(), let high = columns.max() else { return nil }
        return TableRegion(range: CellRange(rows: start...end, columns: low...high), bodyRows: start < end ? (start + 1)...end : nil, isMarkedUp: false)
    }
}

extension SheetContent {
    /// The smallest range holding every non-empty cell; nil for an empty sheet.
    package var usedRange: CellRange? { Self.bounds(of: cells.filter { !$0.value.isEmpty }.map(\.key)) }

    /// The smallest range holding `cells`.
    package static func bounds(of cells: [CellAddress]) -> CellRange? {
        guard let first = cells.first else { return nil }
        var low = first, high = first
        for cell in cells {
            low = CellAddress(row: min(low.row, cell.row), column: min(low.column, cell.column))
            high = CellAddress(row: max(high.row, cell.row), column: max(high.column, cell.column))
        }
        return CellRange(first: low, last: high)
    }
}

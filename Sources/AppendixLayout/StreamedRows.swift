import AppendixData
import AppendixDefinition
import Foundation

/// A sheet's rows read in passes (``RowPasses``: a CSV file, a folder's files, or a period's
/// spilled rows), filtered as they go. A sheet shown in file order gets the rows as they are
/// read; a sorted or grouped one gets them from an external merge sort (runs spilled beside the
/// output), ordered by the same ``SheetRowOrder`` rules as in memory: a grouping sheet reads its
/// rows twice, the first pass ranking its groups (``GroupRanking``).
package struct StreamedRows: SheetRowSource {
    package let rows: RowPasses
    /// Where the external sort's temporary file goes (the output's folder).
    package let spillFolder: URL
    package let sortOptions: ExternalSortOptions

    package init(_ rows: RowPasses, spillFolder: URL, sortOptions: ExternalSortOptions) {
        self.rows = rows
        self.spillFolder = spillFolder
        self.sortOptions = sortOptions
    }

    package func read(start: (_ header: [String], _ file: String) throws -> SheetRowSelection, row: (DataRow) throws -> Void) throws {
        var selection: SheetRowSelection?
        var ranking: GroupRanking?
        var sorter: ExternalRowSorter?
        try pass(&selection, start: start) { dataRow, order in
            if order.keepsInputOrder { return try row(dataRow) }
            if order.groupFields.isEmpty {
                sorter = sorter ?? ExternalRowSorter(folder: spillFolder, order: order, options: sortOptions)
                try sorter?.add(dataRow)
            } else {
                ranking = ranking ?? GroupRanking(order: order)
                ranking?.note(dataRow)
            }
        }
        if let ranks = ranking?.ranks() {
            let grouped = ExternalRowSorter(folder: spillFolder, order: ranks.order, options: sortOptions)
            try pass(&selection, start: start) { dataRow, _ in try grouped.add(dataRow, rank: ranks.rank(of: dataRow)) }
            sorter = grouped
        }
        try sorter?.finish(row)
    }

    /// Reads the rows once, handing `body` each row the sheet's filter keeps with the sheet's
    /// order; the header binds the sheet (`start`) on the first pass only.
    private func pass(_ selection: inout SheetRowSelection?, start: (_ header: [String], _ file: String) throws -> SheetRowSelection,
                      body: (DataRow, SheetRowOrder) throws -> Void) throws {
        var bound = selection
        try rows.pass(header: { names, file in
            if bound == nil { bound = try start(names, file) }
        }, row: { dataRow in
            // `header` runs before the first row and binds the sheet.
            guard let shown = bound else { preconditionFailure("a pass gives the header before its rows") }
            if shown.keeps(dataRow) { try body(dataRow, shown.order) }
        })
        selection = bound
    }
}

/// How the sources not held in memory are read: passes over a source's rows (its CSV file, or
/// its folder's files one by one), with the temporary files of period splits and external sorts
/// in `spillFolder` (the output's folder).
package struct StreamedSources {
    /// A source's rows, in file order, unfiltered; each pass reads them again.
    package var rows: (SourceDefinition) -> RowPasses
    package var spillFolder: URL
    package var sortOptions: ExternalSortOptions

    package init(rows: @escaping (SourceDefinition) -> RowPasses, spillFolder: URL, sortOptions: ExternalSortOptions) {
        self.rows = rows
        self.spillFolder = spillFolder
        self.sortOptions = sortOptions
    }

    /// A sheet's rows from `passes`, filtered, and sorted or grouped through an external sort.
    func sheetRows(_ passes: RowPasses) -> SheetRowSource {
        StreamedRows(passes, spillFolder: spillFolder, sortOptions: sortOptions)
    }
}

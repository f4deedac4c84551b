import Foundation

extension SheetRowOrder {
    /// Hands the rows `readRows` produces to `body` in sheet order — the same order as
    /// ``ordered(_:)`` — holding at most `options.memoryBudget` of rows (plus one row per group).
    ///
    /// `readRows` feeds every row (after any filter, in file order) to the function it is given;
    /// it is called twice when the order groups (a first pass ranks the groups, see
    /// ``GroupRanking``), once otherwise. Rows that need no reordering are passed straight
    /// through. Sorted runs go to a temporary file in `folder`, deleted before this returns or throws.
    package func forEachOrdered(
        reading readRows: ((DataRow) throws -> Void) throws -> Void,
        spillingTo folder: URL,
        options: ExternalSortOptions = ExternalSortOptions(),
        _ body: (DataRow) throws -> Void
    ) throws {
        if keepsInputOrder { return try withoutActuallyEscaping(body) { try readRows($0) } }
        var ranks: GroupRanks?
        if !groupFields.isEmpty {
            var ranking = GroupRanking(order: self)
            try readRows { ranking.note($0) }
            ranks = ranking.ranks()
        }
        let sorter = ExternalRowSorter(folder: folder, order: self, options: options)
        try readRows { row in try sorter.add(row, rank: ranks?.rank(of: row) ?? 0) }
        try sorter.finish(body)
    }
}

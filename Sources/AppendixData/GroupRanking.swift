/// The rank of every group of a sheet, learnt in a first pass over its rows, so that one sort on
/// (group rank, `sort` keys, input order) gives exactly ``SheetRowOrder/ordered(_:)``.
///
/// Why it is exact: grouping moves whole combinations of group values and keeps each one's rows
/// in `sort` order, and where a combination lands depends only on the first row of each
/// combination in `sort` order (its *representative*). So the in-memory rules applied to the
/// representatives alone rank the combinations. Memory: one row per combination (≤ groups ×
/// keys), not per row.
package struct GroupRanking: Sendable {
    package let order: SheetRowOrder
    private var representatives: [[String]: Representative] = [:]
    private var rowsNoted = 0

    private struct Representative: Sendable {
        package var row: DataRow
        package var position: Int
    }

    package init(order: SheetRowOrder) {
        self.order = order
    }

    /// Notes one row; call in input order (after any filter), once per row. A row replaces its
    /// combination's representative only when it sorts strictly before it.
    package mutating func note(_ row: DataRow) {
        defer { rowsNoted += 1 }
        guard !order.groupFields.isEmpty else { return }
        let key = order.groupValues(of: row)
        if let current = representatives[key], order.compareSortKeys(row, current.row) >= 0 { return }
        representatives[key] = Representative(row: row, position: rowsNoted)
    }

    /// The rank of each combination of group values, from 0.
    package func ranks() -> GroupRanks {
        // Each representative is its combination's first row in `sort` order (ties: input order);
        // put back in input order, the in-memory rules order them as they order the full rows.
        let inInputOrder = representatives.values.sorted { $0.position < $1.position }
        let ordered = order.ordered(inInputOrder.map(\.row))
        var rank: [[String]: Int] = [:]
        for (index, row) in ordered.enumerated() { rank[order.groupValues(of: row)] = index }
        return GroupRanks(order: order, rank: rank)
    }
}

/// Each group's rank (see ``GroupRanking``).
package struct GroupRanks: Sendable {
    package let order: SheetRowOrder
    package let rank: [[String]: Int]

    /// The number of combinations of group values seen.
    package var count: Int { rank.count }

    /// The rank of `row`'s group; rows of a group never seen in the first pass come last.
    package func rank(of row: DataRow) -> Int {
        guard !order.groupFields.isEmpty else { return 0 }
        return rank[order.groupValues(of: row)] ?? rank.count
    }
}

/// The distinct rows written to one sheet, counted as libxlsxwriter will write them (a `<row>`
/// element for every row with a cell or its own height), so the finished file can be checked.
package struct RowLedger: Sendable {
    private var unordered: Set<Int> = []
    private var lastInOrder = -1
    private var inOrderCount = 0

    /// How many distinct rows were written.
    package var count: Int { inOrderCount + unordered.count }

    /// Records a row written in any order (memory mode).
    package mutating func mark(_ row: Int) {
        unordered.insert(row)
    }

    /// Records a row of a sheet written top to bottom (constant-memory mode): no set, so
    /// memory stays flat for a million rows. Rows must not go backwards.
    mutating func markInOrder(_ row: Int) {
        guard row > lastInOrder else { return }
        lastInOrder = row
        inOrderCount += 1
    }
}

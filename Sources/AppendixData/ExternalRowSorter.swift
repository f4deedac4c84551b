import Foundation

/// How much an ``ExternalRowSorter`` holds and how it merges.
package struct ExternalSortOptions: Sendable {
    /// Rows held in memory before a sorted run is written out, by estimated bytes (16 MiB).
    package var memoryBudget: Int
    /// Runs merged at once (each reads through a 64 KiB buffer); more runs are merged in passes.
    package var mergeWidth: Int
    /// The `write(2)` used for the temporary file (tests make it fail).
    package var writeCall: WriteCall = SpillFile.systemWrite

    package init(memoryBudget: Int = 16 << 20, mergeWidth: Int = 32) {
        self.memoryBudget = max(1, memoryBudget)
        self.mergeWidth = max(2, mergeWidth)
    }
}

/// A stable external merge sort of ``DataRow``s: rows are added one at a time; whenever the
/// held rows pass the memory budget they are sorted and appended as a *run* to one hidden
/// temporary file in `folder` (see `SpillFile`); ``finish(_:)`` k-way merges the runs (with
/// the rows still held as the last run) and hands the rows over in order. Ties keep the order in
/// which rows were added. The temporary file is deleted when `finish` returns or throws (also when
/// `body` throws), when the sorter is released, and on SIGINT/SIGTERM.
package final class ExternalRowSorter {
    package let folder: URL
    package let options: ExternalSortOptions
    private let order: SortEntryOrder
    private var held: [SortEntry] = []
    private var heldBytes = 0
    private var spill: SpillFile?
    private var runs: [Range<Int>] = []
    private var finished = false
    /// How many runs were written to the temporary file, counting merge passes.
    package private(set) var runsWritten = 0

    /// - Parameters:
    ///   - folder: where the temporary file goes (the output's folder).
    ///   - options: the memory budget and merge width.
    ///   - areInIncreasingOrder: a strict weak order on rows (false for ties).
    package init(folder: URL, options: ExternalSortOptions = ExternalSortOptions(),
                areInIncreasingOrder: @escaping (DataRow, DataRow) -> Bool) {
        self.folder = folder
        self.options = options
        order = SortEntryOrder(areInIncreasingOrder: areInIncreasingOrder)
    }

    /// A sorter on a sheet's `sort` keys; pass each row's group rank to ``add(_:rank:)``.
    package convenience init(folder: URL, order: SheetRowOrder, options: ExternalSortOptions = ExternalSortOptions()) {
        self.init(folder: folder, options: options, areInIncreasingOrder: order.areInIncreasingOrder)
    }

    deinit { spill?.remove() }

    /// Adds a row. `rank` is compared before the predicate (a group's rank, see ``GroupRanks``);
    /// leave it 0 when unused. Throws ``ExternalSortError`` when a run cannot be written; the
    /// temporary file is then deleted at once and the sorter must not be used again.
    package func add(_ row: DataRow, rank: Int = 0) throws {
        precondition(!finished, "ExternalRowSorter.add after finish or a failure")
        held.append(SortEntry(rank: rank, row: row))
        heldBytes += Self.estimatedBytes(of: row)
        guard heldBytes >= options.memoryBudget else { return }
        do {
            try writeHeldRun()
        } catch {
            finished = true
            held = []
            removeTemporaryFile()
            throw error
        }
    }

    /// Hands every row to `body` in order, then deletes the temporary file (also on a throw).
    package func finish(_ body: (DataRow) throws -> Void) throws {
        precondition(!finished, "ExternalRowSorter.finish called twice")
        finished = true
        defer { removeTemporaryFile() }
        let entries = held, last = order.sortedPositions(held)
        held = []
        guard var file = spill else {
            for position in last { try body(entries[position].row) }
            return
        }
        while runs.count + 1 > options.mergeWidth { file = try mergePass(of: file) }
        let sources = runs.map { SortRunSource.file(SortRunReader(file: file, range: $0)) }
        try order.merge(sources + [.memory(entries, order: last, next: 0)]) { try body($0.row) }
    }

    /// Bytes a held row costs, roughly: the entry, the values array, any written decimals, and
    /// text too long to be stored inline in its `String`.
    package static func estimatedBytes(of row: DataRow) -> Int {
        var bytes = MemoryLayout<SortEntry>.stride + 32 + row.values.count * MemoryLayout<CellValue>.stride
        if !row.writtenDecimals.isEmpty { bytes += 32 + row.writtenDecimals.count }
        for value in row.values {
            switch value {
            case .text(let text), .missing(let text):
                let count = text.utf8.count
                if count > 15 { bytes += 32 + count }
            case .number: break
            }
        }
        return bytes
    }

    private func writeHeldRun() throws {
        let file = try spill ?? SpillFile(in: folder, writeCall: options.writeCall)
        spill = file
        var writer = SortRunWriter(file: file)
        let start = file.size
        for position in order.sortedPositions(held) { try writer.write(held[position]) }
        try writer.flush()
        runs.append(start..<file.size)
        runsWritten += 1
        held.removeAll(keepingCapacity: true)
        heldBytes = 0
    }

    /// Merges the runs `mergeWidth` at a time into a new temporary file, which replaces the old.
    private func mergePass(of old: SpillFile) throws -> SpillFile {
        let new = try SpillFile(in: folder, writeCall: options.writeCall)
        var merged: [Range<Int>] = []
        for first in stride(from: 0, to: runs.count, by: options.mergeWidth) {
            let group = runs[first..<min(first + options.mergeWidth, runs.count)]
            var writer = SortRunWriter(file: new)
            let start = new.size
            try order.merge(group.map { .file(SortRunReader(file: old, range: $0)) }) { try writer.write($0) }
            try writer.flush()
            merged.append(start..<new.size)
            runsWritten += 1
        }
        old.remove()
        spill = new
        runs = merged
        return new
    }

    private func removeTemporaryFile() {
        spill?.remove()
        spill = nil
        runs = []
    }
}

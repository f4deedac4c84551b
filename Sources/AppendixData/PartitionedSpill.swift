import Foundation

/// Rows appended to numbered partitions of one hidden temporary file (a ``SpillFile`` beside the
/// output: removed when this is released or ``remove()`` is called, and on SIGINT/SIGTERM) and
/// read back partition by partition, each in the order its rows were added. How a per-period
/// sheet's source is split by period in one pass without holding its rows: each partition
/// buffers up to 64 KiB (a ``SortRunWriter``) and records the byte ranges it flushed.
package final class PartitionedSpill {
    private let folder: URL
    private let writeCall: WriteCall
    private var file: SpillFile?
    /// One writer per partition while rows are added; emptied by ``finishWriting()``.
    private var writers: [SortRunWriter] = []
    /// The byte ranges of each partition's rows, in the order written.
    private var ranges: [[Range<Int>]] = []

    package init(folder: URL, writeCall: @escaping WriteCall = SpillFile.systemWrite) {
        self.folder = folder
        self.writeCall = writeCall
    }

    deinit { remove() }

    /// Adds an empty partition (creating the file with the first); returns its number.
    package func addPartition() throws -> Int {
        let file = try self.file ?? SpillFile(in: folder, writeCall: writeCall)
        self.file = file
        writers.append(SortRunWriter(file: file))
        ranges.append([])
        return ranges.count - 1
    }

    /// Appends `row` to `partition` (one returned by ``addPartition()``).
    package func append(_ row: DataRow, to partition: Int) throws {
        guard let file else { preconditionFailure("rows go to a partition added before") }
        let start = file.size
        try writers[partition].write(SortEntry(rank: 0, row: row))
        if file.size > start { ranges[partition].append(start..<file.size) }
    }

    /// Writes what each partition still buffers and frees the buffers; call after the last row.
    package func finishWriting() throws {
        guard let file else { return }
        for partition in writers.indices {
            let start = file.size
            try writers[partition].flush()
            if file.size > start { ranges[partition].append(start..<file.size) }
        }
        writers = []
    }

    /// Hands `body` the rows of `partition`, in the order they were added.
    package func read(_ partition: Int, _ body: (DataRow) throws -> Void) throws {
        precondition(writers.isEmpty, "PartitionedSpill.read before finishWriting")
        guard let file else { return }
        for range in ranges[partition] {
            let reader = SortRunReader(file: file, range: range)
            while let entry = try reader.next() { try body(entry.row) }
        }
    }

    /// Closes and deletes the file; safe to call twice.
    package func remove() {
        file?.remove()
        file = nil
        writers = []
        ranges = []
    }
}

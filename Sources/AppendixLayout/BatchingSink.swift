/// The producing side of a two-thread build: a ``WorkbookSink`` that records each call into a
/// batch and hands full batches to a ``BatchQueue``, for ``SinkReplay`` to make on the real sink
/// on the writing thread. Sheet positions are its own (0, 1, …); the replay maps them.
package final class BatchingSink: WorkbookSink {
    private let queue: BatchQueue
    private let rowsPerBatch: Int
    private var batch: RowBatch
    private var sheets = 0

    package init(queue: BatchQueue, rowsPerBatch: Int) {
        self.queue = queue
        self.rowsPerBatch = rowsPerBatch
        batch = RowBatch(capacity: rowsPerBatch + 8)
    }

    package func addSheet(name: String) throws -> Int {
        try record(.addSheet(name: name))
        sheets += 1
        return sheets - 1
    }

    package func setColumns(_ columns: [ColumnLayout], of sheet: Int) throws { try record(.setColumns(columns, sheet: sheet)) }

    package func write(_ rows: [LayoutRow], to sheet: Int) throws {
        for row in rows { try record(.write(row, sheet: sheet)) }
    }

    package func write(_ row: LayoutRow, to sheet: Int) throws { try record(.write(row, sheet: sheet)) }

    package func finish(_ sheet: Int, settings: SheetSettings) throws { try record(.finish(sheet: sheet, settings: settings)) }

    /// Hands over the last, partly filled batch.
    /// - Throws: the writing side's error, if it has failed.
    package func flush() throws {
        guard !batch.steps.isEmpty else { return }
        try handOver()
    }

    private func record(_ step: SinkStep) throws {
        batch.append(step)
        if batch.rows >= rowsPerBatch { try handOver() }
    }

    private func handOver() throws {
        let full = batch
        batch = RowBatch(capacity: 0)  // releases the filled storage to the queue without a copy
        batch = try queue.put(full)
    }
}

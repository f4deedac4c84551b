import Foundation

/// How many threads one build uses: two overlap laying rows out (CSV parsing, typing, formula
/// values) with libxlsxwriter's cell writes; one keeps a build to one core, for when several
/// builds run at once (`batch --jobs N`, a server) so the cores are not oversubscribed.
public enum BuildThreads: Int, Sendable {
    /// Lay out and write on the calling thread.
    case one = 1
    /// Lay out on the calling thread while a second thread writes the cells.
    case two = 2
}

/// Runs the one layout into the one writer, on one thread or two. With two, the caller's thread
/// lays out into a ``BatchingSink`` while a writer thread replays each batch on `sink`
/// (``SinkReplay``) through a bounded ``BatchQueue``: the same calls in the same order, so the
/// same workbook. An error on either side stops the other and is thrown here, as a single-thread
/// build throws it; `sink` is not touched by the writer thread once this returns.
package struct SinkPipeline {
    package var threads: BuildThreads
    /// Rows per hand-over.
    package var rowsPerBatch = 1_000
    /// Filled batches that may wait for the writer.
    package var queuedBatches = 2

    package init(threads: BuildThreads) { self.threads = threads }

    /// Calls `produce` with the sink to lay out into, and returns what it returns once every row
    /// it laid out is in `sink`.
    package func run<Result>(into sink: WorkbookSink, _ produce: (WorkbookSink) throws -> Result) throws -> Result {
        guard threads == .two else { return try produce(sink) }
        let queue = BatchQueue(capacity: queuedBatches, batchCapacity: rowsPerBatch + 8)
        WriterThread(sink: sink, queue: queue).start()
        let batching = BatchingSink(queue: queue, rowsPerBatch: rowsPerBatch)
        let result: Result
        do {
            result = try produce(batching)
            try batching.flush()
        } catch {
            throw queue.abandon() ?? error
        }
        try queue.finishProducing()
        return result
    }
}

/// The writing side: replays batches on the sink until the queue ends or a call fails.
private struct WriterThread: @unchecked Sendable {
    /// Used only on the writer thread until it ends (``BatchQueue`` orders the hand-back).
    let sink: WorkbookSink
    let queue: BatchQueue

    func start() {
        Thread { drain() }.start()
    }

    private func drain() {
        var replay = SinkReplay(sink: sink)
        do {
            while let batch = queue.take() {
                try replay.apply(batch)
                queue.recycle(batch)
            }
            queue.endConsuming(failure: nil)
        } catch {
            queue.endConsuming(failure: error)
        }
    }
}

import Foundation

/// The bounded hand-over between the thread laying a workbook out (the producer) and the thread
/// writing it (the consumer): at most `capacity` filled batches wait, and written batches come
/// back emptied for reuse, so memory stays flat whatever the row count. Either side stopping
/// wakes the other: a consumer failure is thrown to the producer at its next hand-over, and a
/// producer that stops (an error, a cancel) makes the consumer drop what is queued and end.
package final class BatchQueue: @unchecked Sendable {
    /// Where the hand-over stands; every field is read and written under `condition`.
    private enum State {
        case running
        /// The producer has handed over its last batch.
        case produced
        /// The producer gave up; queued batches are dropped.
        case abandoned
    }

    private let condition = NSCondition()
    private let capacity: Int
    private let batchCapacity: Int
    private var filled: [RowBatch] = []
    private var spare: [RowBatch] = []
    private var state = State.running
    private var consumerFailure: (any Error)?
    private var consumerEnded = false

    /// `capacity` filled batches may wait; new batches reserve `batchCapacity` steps.
    package init(capacity: Int, batchCapacity: Int) {
        precondition(capacity > 0, "a queue holds at least one batch")
        self.capacity = capacity
        self.batchCapacity = batchCapacity
    }

    // MARK: Producer

    /// Hands `batch` over, waiting while the queue is full; returns an empty batch to fill next.
    /// - Throws: the consumer's error once it has failed (nothing more will be written).
    package func put(_ batch: RowBatch) throws -> RowBatch {
        guard var reused = try handOver(batch) else { return RowBatch(capacity: batchCapacity) }
        // Emptied here, outside the lock: the written rows' cells are freed on the thread that
        // made them, so its allocator's per-thread caches get their blocks back.
        reused.empty()
        return reused
    }

    /// Queues `batch`; returns a written batch to reuse, if one is back.
    private func handOver(_ batch: RowBatch) throws -> RowBatch? {
        condition.lock(); defer { condition.unlock() }
        while filled.count >= capacity && consumerFailure == nil && !consumerEnded { condition.wait() }
        if let consumerFailure { throw consumerFailure }
        filled.append(batch)
        condition.broadcast()
        return spare.popLast()
    }

    /// Says the last batch is in and waits for the consumer to write everything.
    /// - Throws: the consumer's error, if it failed.
    package func finishProducing() throws {
        condition.lock(); defer { condition.unlock() }
        if state == .running { state = .produced }
        condition.broadcast()
        while !consumerEnded { condition.wait() }
        if let consumerFailure { throw consumerFailure }
    }

    /// Stops the consumer (queued batches are dropped) and waits for it to end; returns its error
    /// if it had failed, which came first in row order (it fails only on rows already produced).
    package func abandon() -> (any Error)? {
        condition.lock(); defer { condition.unlock() }
        state = .abandoned
        filled.removeAll()
        condition.broadcast()
        while !consumerEnded { condition.wait() }
        return consumerFailure
    }

    // MARK: Consumer

    /// The next batch to write, waiting for one; `nil` once everything is written or the
    /// producer has given up.
    package func take() -> RowBatch? {
        condition.lock(); defer { condition.unlock() }
        while filled.isEmpty && state == .running { condition.wait() }
        guard state != .abandoned, !filled.isEmpty else { return nil }
        let batch = filled.removeFirst()
        condition.broadcast()
        return batch
    }

    /// Takes back a written batch for the producer to empty and fill again.
    package func recycle(_ batch: consuming RowBatch) {
        condition.lock(); defer { condition.unlock() }
        spare.append(batch)
    }

    /// Says the consumer has stopped, with its error if it failed.
    package func endConsuming(failure: (any Error)?) {
        condition.lock(); defer { condition.unlock() }
        consumerFailure = failure
        consumerEnded = true
        filled.removeAll()
        condition.broadcast()
    }
}

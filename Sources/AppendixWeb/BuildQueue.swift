import Foundation
import NIOPosix
import ServiceLifecycle

/// The build queue is full: the client should come back after ``retryAfter`` seconds.
struct QueueFull: Error, Equatable {
    var retryAfter: Int
}

/// Runs builds on a thread pool of its own (libxlsxwriter and the CSV reader block, so never on
/// an event loop or Swift's cooperative threads), ``workers`` at a time, with at most
/// ``queueLimit`` more waiting; beyond that a build is refused (``QueueFull``: 503 with
/// `Retry-After`). On shutdown it lets running and waiting builds finish before the pool stops.
final class BuildQueue: Service, Sendable {
    let workers: Int
    let queueLimit: Int
    private let pool: NIOThreadPool
    private let slots: Slots

    init(workers: Int, queueLimit: Int) {
        self.workers = workers
        self.queueLimit = queueLimit
        pool = NIOThreadPool(numberOfThreads: workers)
        pool.start()
        slots = Slots(workers: workers, queueLimit: queueLimit)
    }

    /// Runs `body` on the pool once a worker is free.
    /// - Throws: ``QueueFull`` when the queue is full; whatever `body` throws.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await slots.enter()
        defer { Task { await slots.leave() } }
        return try await pool.runIfActive(body)
    }

    /// Builds running or waiting.
    func load() async -> QueueLoad { await slots.load }

    /// Waits for a graceful shutdown, then for every running and waiting build, then stops the pool.
    func run() async throws {
        try? await gracefulShutdown()
        await slots.drain()
        try await pool.shutdownGracefully()
    }
}

/// How busy the build queue is.
struct QueueLoad: Sendable, Equatable {
    var running: Int
    var waiting: Int
}

/// The counting part of ``BuildQueue``: who runs, who waits, in arrival order.
private actor Slots {
    let workers: Int
    let queueLimit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var drained: [CheckedContinuation<Void, Never>] = []

    init(workers: Int, queueLimit: Int) {
        self.workers = workers
        self.queueLimit = queueLimit
    }

    var load: QueueLoad { QueueLoad(running: running, waiting: waiting.count) }

    func enter() async throws {
        if running < workers {
            running += 1
            return
        }
        guard waiting.count < queueLimit else {
            // About one build's time per worker ahead in the queue, at least a second.
            throw QueueFull(retryAfter: max(1, waiting.count / workers))
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty {
            running -= 1
            if running == 0 {
                drained.forEach { $0.resume() }
                drained = []
            }
        } else {
            waiting.removeFirst().resume()  // the slot passes to the next in line
        }
    }

    func drain() async {
        guard running > 0 || !waiting.isEmpty else { return }
        await withCheckedContinuation { drained.append($0) }
    }
}

import Foundation
import Hummingbird

/// Small `application/x-www-form-urlencoded` forms (login, delete), at most 64 KiB.
enum SmallForm {
    static func read(_ request: Request, context: WebContext) async throws -> [String: String] {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        return parse(String(buffer: buffer))
    }

    static func parse(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { part in
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            if let name = parts.first, !name.isEmpty { fields[name] = parts.count > 1 ? parts[1] : "" }
        }
        return fields
    }
}

/// Waits for a task's value, or `nil` after `seconds` (the task goes on).
func value<T: Sendable>(of task: Task<T, Error>, timeout seconds: Double) async throws -> T? {
    let once = ResumeOnce<T?>()
    return try await withCheckedThrowingContinuation { continuation in
        once.set(continuation)
        let timer = Task {
            try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            once.resume(.success(nil))
        }
        Task {
            do { once.resume(.success(try await task.value)) } catch { once.resume(.failure(error)) }
            timer.cancel()
        }
    }
}

/// A continuation resumed by whichever of two tasks comes first.
private final class ResumeOnce<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, Error>?

    func set(_ continuation: CheckedContinuation<T, Error>) {
        lock.withLock { self.continuation = continuation }
    }

    func resume(_ result: Result<T, Error>) {
        let continuation = lock.withLock { () -> CheckedContinuation<T, Error>? in
            defer { self.continuation = nil }
            return self.continuation
        }
        continuation?.resume(with: result)
    }
}

/// A new random id (32 hex digits): a build's name and folder.
func newBuildID() -> String {
    var generator = SystemRandomNumberGenerator()
    return (0..<2).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
}

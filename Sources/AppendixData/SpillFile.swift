import Foundation

/// The system call that writes bytes to a file descriptor; tests replace it to fail on purpose.
package typealias WriteCall = @Sendable (Int32, UnsafeRawPointer, Int) -> Int

/// A hidden temporary file of sorted runs, `.appendix-sort.PID.RAND.tmp` in a given folder: named,
/// registered for removal on SIGINT/SIGTERM and swept when stale exactly like the workbook's
/// temporary file (it is one ``TemporaryWorkbookFile``), and removed when this is released.
/// Runs are appended one after another; each is read back from its byte range.
package final class SpillFile {
    package let folder: String
    private let temporary: TemporaryWorkbookFile
    private var descriptor: Int32
    private let writeCall: WriteCall
    /// Bytes written so far: where the next run starts.
    package private(set) var size: Int = 0

    package init(in folder: URL, writeCall: @escaping WriteCall) throws {
        self.folder = folder.path
        self.writeCall = writeCall
        temporary = TemporaryWorkbookFile(for: folder.appendingPathComponent("appendix-sort"))
        descriptor = open(temporary.path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let cause = String(cString: strerror(errno))
            temporary.forget()
            throw ExternalSortError.cannotCreateTemporaryFile(folder: folder.path, cause: cause)
        }
    }

    deinit { remove() }

    /// Appends `bytes`, all of them or an error.
    package func append(_ bytes: UnsafeRawBufferPointer) throws {
        guard var next = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let written = writeCall(descriptor, next, left)
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                let cause = written < 0 ? String(cString: strerror(errno)) : "nothing written"
                throw ExternalSortError.cannotWriteTemporaryFile(folder: folder, cause: cause)
            }
            next += written
            left -= written
            size += written
        }
    }

    /// Reads up to `buffer.count` bytes at `offset` into `buffer`; returns how many were read.
    package func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Int {
        while true {
            let got = pread(descriptor, buffer.baseAddress, buffer.count, off_t(offset))
            if got >= 0 { return got }
            if errno == EINTR { continue }
            throw ExternalSortError.cannotReadTemporaryFile(folder: folder, cause: String(cString: strerror(errno)))
        }
    }

    /// Closes and deletes the file; safe to call twice.
    package func remove() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        temporary.remove()
    }

    /// The real `write(2)`.
    package static let systemWrite: WriteCall = { descriptor, bytes, count in write(descriptor, bytes, count) }
}

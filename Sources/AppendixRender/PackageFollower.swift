import AppendixZip
import Foundation

/// One part of a zip as read in file order: where it is, its sizes and CRC-32, and what the
/// ``PartInspector`` saw of its contents.
package struct FollowedPart: Sendable {
    package var name: String
    var localHeaderOffset: Int
    var compressedSize: Int
    package var size: Int
    var crc: UInt32
    var inspector: PartInspector
}

/// Reads a zip's parts in file order on its own thread while libxlsxwriter is still writing the
/// file, so inflating the parts back (about 1.1 s for a 715 MB sheet) overlaps the much slower
/// deflate instead of following it. The compressed bytes of a part are written once, in order;
/// only its local header is patched later, and only its sizes and CRC, which are read from the
/// central directory at the end.
package final class PackageFollower: @unchecked Sendable {
    private let path: String
    private let condition = NSCondition()
    private var writerFinished = false
    private var outcome: Result<[FollowedPart], PackageCheckFailure>?

    package init(path: String) { self.path = path }

    /// Starts following the file (which may not exist yet) on a new thread.
    package func start() {
        Thread { [self] in
            let result = Result { () throws(PackageCheckFailure) -> [FollowedPart] in try follow() }
            condition.lock()
            outcome = result
            condition.broadcast()
            condition.unlock()
        }.start()
    }

    /// Says the file is complete and waits for the parts read.
    package func finish() -> Result<[FollowedPart], PackageCheckFailure> {
        condition.lock(); defer { condition.unlock() }
        writerFinished = true
        condition.broadcast()  // a follower waiting for more bytes looks again at once
        while true {
            if let outcome { return outcome }
            condition.wait()
        }
    }

    /// Reads a file that is already complete, on the calling thread.
    package static func read(_ path: String) throws(PackageCheckFailure) -> [FollowedPart] {
        let follower = PackageFollower(path: path)
        follower.writerFinished = true
        return try follower.follow()
    }

    var isWriterFinished: Bool {
        condition.lock(); defer { condition.unlock() }
        return writerFinished
    }

    /// Waits up to 2 ms for the writer to add to the file, less if it finishes meanwhile: a
    /// small workbook is complete within one such wait, and a fixed sleep added up to 2 ms to
    /// every build.
    func waitForWriter() {
        condition.lock(); defer { condition.unlock() }
        if !writerFinished { _ = condition.wait(until: Date(timeIntervalSinceNow: 0.002)) }
    }

    private func follow() throws(PackageCheckFailure) -> [FollowedPart] {
        let file = try GrowingFile(path: path, wait: { [unowned self] in waitForWriter() }, isComplete: { [unowned self] in isWriterFinished })
        var parts: [FollowedPart] = []
        var offset = 0
        while try file.bytes(at: offset, count: 4).le32(0) == 0x0403_4B50 {
            let header = try file.bytes(at: offset, count: 30)
            let nameLength = Int(header.le16(26)), start = offset + 30 + nameLength + Int(header.le16(28))
            let name = String(decoding: try file.bytes(at: offset + 30, count: nameLength), as: UTF8.self)
            guard header.le16(8) == 8 else { throw PackageCheckFailure(reason: "\(name) uses zip method \(header.le16(8)), expected deflate") }
            var part = try PartInflater(file: file, name: name).inflate(from: start)
            part.localHeaderOffset = offset
            parts.append(part)
            offset = start + part.compressedSize
            if header.le16(6) & 8 != 0 {  // a data descriptor follows, with or without its signature
                offset += try file.bytes(at: offset, count: 4).le32(0) == 0x0807_4B50 ? 16 : 12
            }
        }
        return parts
    }
}

/// A file another thread may still be appending to: reads wait for bytes (`wait`, between
/// tries) until the writer says it has finished (`isComplete`), then a read past the end is an
/// error.
package final class GrowingFile: @unchecked Sendable {
    private let descriptor: Int32
    private let wait: () -> Void
    private let isComplete: () -> Bool

    package init(path: String, wait: @escaping () -> Void, isComplete: @escaping () -> Bool) throws(PackageCheckFailure) {
        var opened = open(path, O_RDONLY)
        var failure = errno
        while opened < 0 && failure == ENOENT {
            // The writer may finish (and create the file) between a failed open and this check,
            // so one more open after it has finished is the last word.
            let finished = isComplete()
            if !finished { wait() }
            opened = open(path, O_RDONLY)
            failure = errno
            if finished { break }
        }
        guard opened >= 0 else { throw PackageCheckFailure(reason: "the file cannot be read back (\(String(cString: strerror(failure))))") }
        descriptor = opened
        self.wait = wait
        self.isComplete = isComplete
    }

    deinit { close(descriptor) }

    /// Exactly `count` bytes at `offset`.
    package func bytes(at offset: Int, count: Int) throws(PackageCheckFailure) -> [UInt8] {
        var bytes: [UInt8] = []
        while bytes.count < count { bytes += try available(at: offset + bytes.count, upTo: count - bytes.count) }
        return bytes
    }

    /// Between 1 and `limit` bytes at `offset`, waiting for the writer if need be.
    package func available(at offset: Int, upTo limit: Int) throws(PackageCheckFailure) -> [UInt8] {
        while true {
            let complete = isComplete()  // before reading: a complete file read empty really ends here
            // Read straight into an uninitialised array of the size read: no zeroing, no copy.
            var got = 0
            let bytes = [UInt8](unsafeUninitializedCapacity: limit) { buffer, initialized in
                got = pread(descriptor, buffer.baseAddress, limit, off_t(offset))
                initialized = Swift.max(got, 0)
            }
            guard got >= 0 else { throw PackageCheckFailure(reason: "the file cannot be read back (\(String(cString: strerror(errno))))") }
            if got > 0 { return bytes }
            if complete { throw PackageCheckFailure(reason: "the file is cut short") }
            wait()
        }
    }
}

import CAppendixZlib
import Foundation

/// How much of a zip ``ZipArchive`` reads before it gives up: limits for files from anyone
/// (a zip bomb inflates a small file into gigabytes).
package struct ZipLimits: Sendable, Equatable {
    /// Entries in the central directory.
    package var entries = 10_000
    /// Bytes of one entry, inflated.
    package var entrySize = 256 << 20
    /// Bytes of all the entries read, inflated.
    package var totalSize = 1 << 30
    /// Inflated bytes per compressed byte, for entries over ``ratioFloor`` bytes inflated.
    package var ratio = 200
    /// Entries up to this size (1 MiB) may have any ratio: small parts of repeated markup
    /// compress very well and cannot do harm.
    package var ratioFloor = 1 << 20

    package init() {}
}

/// A zip file opened for reading whole entries with limits on what they inflate to: for files
/// from anyone. Stored and deflated entries, zip64 sizes and offsets; no encryption.
package final class ZipArchive {
    package let entries: [ZipEntry]
    private let directory: ZipDirectory
    private let limits: ZipLimits
    private var totalRead = 0

    /// Opens `path` and reads its directory.
    package init(path: String, limits: ZipLimits = ZipLimits()) throws(ZipReadFailure) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw ZipReadFailure(reason: "it cannot be opened (\(String(cString: strerror(errno))))") }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw ZipReadFailure(reason: "it is not a regular file")
        }
        directory = ZipDirectory(descriptor: descriptor, fileSize: Int(status.st_size))
        self.limits = limits
        do throws(ZipReadFailure) {
            guard status.st_size >= 4, try directory.read(at: 0, count: 4) == [0x50, 0x4B, 0x03, 0x04] else {
                throw ZipReadFailure(reason: "it is not a zip file, so not an xlsx workbook")
            }
            entries = try directory.entries()
        } catch {
            close(descriptor)
            throw error
        }
        guard entries.count <= limits.entries else {
            close(descriptor)
            throw ZipReadFailure(reason: "it holds \(entries.count) zip entries, more than the \(limits.entries) allowed")
        }
    }

    deinit { close(directory.descriptor) }

    /// The entry called `name`, if there is one.
    package func entry(_ name: String) -> ZipEntry? { entries.first { $0.name == name } }

    /// The whole of `entry`, inflated and checked against its CRC-32, within the limits.
    package func contents(of entry: ZipEntry) throws(ZipReadFailure) -> [UInt8] {
        try checkDeclared(entry)
        let start = try directory.dataOffset(of: entry)
        var bytes: [UInt8] = []
        if entry.method == 0 {
            guard entry.compressedSize == entry.size else { throw ZipReadFailure(reason: "\(entry.name) is damaged in the zip (size or CRC-32 does not match)") }
            bytes = try directory.read(at: start, count: entry.size)
        } else {
            let inflater = try RawInflater(name: entry.name)
            while !inflater.finished {
                let available = min(RawInflater.chunk, entry.compressedSize - inflater.consumed)
                guard available > 0 else { throw ZipReadFailure(reason: "\(entry.name) is cut short in the zip") }
                try inflater.inflate(try directory.read(at: start + inflater.consumed, count: available)) { chunk throws(ZipReadFailure) in
                    bytes.append(contentsOf: chunk)
                    try checkInflated(entry, size: bytes.count)
                }
            }
        }
        guard bytes.count == entry.size, Self.crc(bytes) == entry.crc else {
            throw ZipReadFailure(reason: "\(entry.name) is damaged in the zip (size or CRC-32 does not match)")
        }
        totalRead += bytes.count
        return bytes
    }

    /// The sizes the directory claims, before anything is inflated.
    private func checkDeclared(_ entry: ZipEntry) throws(ZipReadFailure) {
        guard !entry.isEncrypted else { throw ZipReadFailure(reason: "\(entry.name) is encrypted") }
        guard entry.method == 0 || entry.method == 8 else {
            throw ZipReadFailure(reason: "\(entry.name) uses zip method \(entry.method); only stored (0) and deflate (8) are read")
        }
        try checkInflated(entry, size: entry.size)
    }

    /// A size inflated so far (or claimed) against the limits: a directory can lie, so this runs
    /// as the bytes come out too.
    private func checkInflated(_ entry: ZipEntry, size: Int) throws(ZipReadFailure) {
        guard size <= limits.entrySize else {
            throw ZipReadFailure(reason: "\(entry.name) inflates to more than \(Self.describe(limits.entrySize)) (the limit for one part)")
        }
        guard totalRead + size <= limits.totalSize else {
            throw ZipReadFailure(reason: "the parts inflate to more than \(Self.describe(limits.totalSize)) (the limit for a workbook)")
        }
        guard size <= limits.ratioFloor || size / limits.ratio <= entry.compressedSize else {
            throw ZipReadFailure(reason: "\(entry.name) inflates more than \(limits.ratio) times its compressed size (a zip bomb?)")
        }
    }

    /// `256 MiB`, or `1000 bytes` for a size that is not whole mebibytes.
    static func describe(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }

    private static func crc(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { UInt32(truncatingIfNeeded: crc32(crc32(0, nil, 0), $0.baseAddress, uInt($0.count))) }
    }
}

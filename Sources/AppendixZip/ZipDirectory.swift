import Foundation

/// One file stored in a zip, as its central directory describes it.
package struct ZipEntry: Sendable {
    package var name: String
    /// General-purpose flags: bit 0 is encryption, bit 3 a data descriptor after the data.
    package var flags: UInt16
    /// 0 stored, 8 deflate.
    package var method: UInt16
    package var crc: UInt32
    package var compressedSize: Int
    package var size: Int
    package var localHeaderOffset: Int

    /// Whether the entry is encrypted (flag bit 0).
    package var isEncrypted: Bool { flags & 1 != 0 }
}

/// Why a zip could not be read; `reason` says what is wrong, without the file's name.
package struct ZipReadFailure: Error, Sendable, Equatable {
    package var reason: String
    package init(reason: String) { self.reason = reason }
}

/// Reads a zip's central directory with `pread`, with its zip64 records and fields where the
/// zip has them (Appendix's zip layer writes them for sizes and offsets of 4 GiB or more, and
/// for the sizes of every entry when libxlsxwriter's `use_zip64` is set). Shared by Render's
/// check of a finished workbook and the accessibility check of any workbook, so every size and
/// offset read from the file is clamped and compared without overflow.
package struct ZipDirectory {
    package let descriptor: Int32
    package let fileSize: Int

    package init(descriptor: Int32, fileSize: Int) {
        self.descriptor = descriptor
        self.fileSize = fileSize
    }

    /// The entries, in directory order.
    package func entries() throws(ZipReadFailure) -> [ZipEntry] {
        let tailLength = min(fileSize, 65_557)
        let tail = try read(at: fileSize - tailLength, count: tailLength)
        guard let end = Self.lastOffset(of: 0x0605_4B50, in: tail), end + 22 <= tail.count else {
            throw ZipReadFailure(reason: "the zip directory is missing")
        }
        let location = try directoryLocation(tail: tail, end: end)
        guard location.offset <= fileSize, location.size <= fileSize - location.offset else {
            throw ZipReadFailure(reason: "the zip directory is cut short")
        }
        let directory = try read(at: location.offset, count: location.size)
        var entries: [ZipEntry] = []
        var offset = 0
        for _ in 0..<location.count {
            guard offset + 46 <= directory.count, directory.le32(offset) == 0x0201_4B50 else {
                throw ZipReadFailure(reason: "the zip directory is damaged")
            }
            let nameLength = Int(directory.le16(offset + 28)), extraLength = Int(directory.le16(offset + 30))
            let skip = nameLength + extraLength + Int(directory.le16(offset + 32))
            guard offset + 46 + nameLength + extraLength <= directory.count else { throw ZipReadFailure(reason: "the zip directory is damaged") }
            var entry = ZipEntry(name: String(decoding: directory[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self),
                                 flags: directory.le16(offset + 8), method: directory.le16(offset + 10), crc: directory.le32(offset + 16),
                                 compressedSize: Int(directory.le32(offset + 20)), size: Int(directory.le32(offset + 24)),
                                 localHeaderOffset: Int(directory.le32(offset + 42)))
            try entry.applyZip64(extra: Array(directory[(offset + 46 + nameLength)..<(offset + 46 + nameLength + extraLength)]))
            entries.append(entry)
            offset += 46 + skip
        }
        return entries
    }

    /// Where the central directory is and how many entries it has: from the end record, or from
    /// the zip64 end record when the end record's fields are full (0xFFFF, 0xFFFFFFFF).
    private func directoryLocation(tail: [UInt8], end: Int) throws(ZipReadFailure) -> DirectoryLocation {
        let count = Int(tail.le16(end + 10)), size = Int(tail.le32(end + 12)), offset = Int(tail.le32(end + 16))
        guard count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF else {
            return DirectoryLocation(count: count, size: size, offset: offset)
        }
        guard end >= 20, tail.le32(end - 20) == 0x0706_4B50 else { throw ZipReadFailure(reason: "the zip64 directory record is missing") }
        let record = try read(at: Int(clamping: tail.le64(end - 12)), count: 56)
        guard record.le32(0) == 0x0606_4B50 else { throw ZipReadFailure(reason: "the zip64 directory record is damaged") }
        return DirectoryLocation(count: Int(clamping: record.le64(32)), size: Int(clamping: record.le64(40)), offset: Int(clamping: record.le64(48)))
    }

    /// Where `entry`'s stored bytes begin, after its local header.
    package func dataOffset(of entry: ZipEntry) throws(ZipReadFailure) -> Int {
        let header = try read(at: entry.localHeaderOffset, count: 30)
        guard header.le32(0) == 0x0403_4B50 else { throw ZipReadFailure(reason: "\(entry.name) has no zip header") }
        let start = entry.localHeaderOffset + 30 + Int(header.le16(26)) + Int(header.le16(28))
        guard start <= fileSize, entry.compressedSize <= fileSize - start else { throw ZipReadFailure(reason: "\(entry.name) is cut short in the zip") }
        return start
    }

    /// `count` bytes at `offset`, all of them or an error.
    package func read(at offset: Int, count: Int) throws(ZipReadFailure) -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= fileSize, count <= fileSize - offset else {
            throw ZipReadFailure(reason: offset >= 0 && count >= 0 ? "the file is cut short" : "the zip directory is damaged")
        }
        var bytes = [UInt8](repeating: 0, count: count)
        let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
        guard got == count else {
            throw ZipReadFailure(reason: got < 0 ? "the file cannot be read (\(String(cString: strerror(errno))))" : "the file is cut short")
        }
        return bytes
    }

    private static func lastOffset(of signature: UInt32, in bytes: [UInt8]) -> Int? {
        var offset = bytes.count - 22
        while offset >= 0 {
            if bytes.le32(offset) == signature { return offset }
            offset -= 1
        }
        return nil
    }
}

/// The central directory's place and entry count, from the end record or the zip64 one.
private struct DirectoryLocation {
    var count: Int
    var size: Int
    var offset: Int
}

extension ZipEntry {
    /// Takes the sizes and offset stored in a zip64 extra field (id 1) for each of them that is
    /// 0xFFFFFFFF in the record, in the order the format gives: size, compressed size, offset.
    mutating func applyZip64(extra: [UInt8]) throws(ZipReadFailure) {
        let full = 0xFFFF_FFFF
        guard size == full || compressedSize == full || localHeaderOffset == full else { return }
        var position = 0
        while position + 4 <= extra.count, extra.le16(position) != 1 { position += 4 + Int(extra.le16(position + 2)) }
        guard position + 4 <= extra.count else { throw ZipReadFailure(reason: "\(name) has no zip64 sizes in the zip directory") }
        var field = position + 4
        let fieldEnd = field + Int(extra.le16(position + 2))
        for keyPath in [\ZipEntry.size, \ZipEntry.compressedSize, \ZipEntry.localHeaderOffset] where self[keyPath: keyPath] == full {
            guard field + 8 <= fieldEnd, fieldEnd <= extra.count else { throw ZipReadFailure(reason: "\(name) has a damaged zip64 field") }
            self[keyPath: keyPath] = Int(clamping: extra.le64(field))
            field += 8
        }
    }
}

extension Array where Element == UInt8 {
    /// Little-endian integers, as zip stores them.
    package func le16(_ offset: Int) -> UInt16 { UInt16(self[offset]) | UInt16(self[offset + 1]) << 8 }
    package func le32(_ offset: Int) -> UInt32 { UInt32(le16(offset)) | UInt32(le16(offset + 2)) << 16 }
    package func le64(_ offset: Int) -> UInt64 { UInt64(le32(offset)) | UInt64(le32(offset + 4)) << 32 }
}

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
    /// Whether a size or offset is zip64's placeholder (0xFFFFFFFF): the real value is in an
    /// extra field this reader does not read.
    package var usesZip64: Bool { [compressedSize, size, localHeaderOffset].contains(0xFFFF_FFFF) }
}

/// Why a zip could not be read; `reason` says what is wrong, without the file's name.
package struct ZipReadFailure: Error, Sendable, Equatable {
    package var reason: String
    package init(reason: String) { self.reason = reason }
}

/// Reads a zip's central directory (no zip64: libxlsxwriter writes without it) with `pread`.
/// Shared by Render's check of a finished workbook and the accessibility check of any workbook.
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
        let count = Int(tail.le16(end + 10))
        let directorySize = Int(tail.le32(end + 12)), directoryOffset = Int(tail.le32(end + 16))
        guard directoryOffset + directorySize <= fileSize else { throw ZipReadFailure(reason: "the zip directory is cut short") }
        let directory = try read(at: directoryOffset, count: directorySize)
        var entries: [ZipEntry] = []
        var offset = 0
        for _ in 0..<count {
            guard offset + 46 <= directory.count, directory.le32(offset) == 0x0201_4B50 else {
                throw ZipReadFailure(reason: "the zip directory is damaged")
            }
            let nameLength = Int(directory.le16(offset + 28))
            let skip = nameLength + Int(directory.le16(offset + 30)) + Int(directory.le16(offset + 32))
            guard offset + 46 + nameLength <= directory.count else { throw ZipReadFailure(reason: "the zip directory is damaged") }
            entries.append(ZipEntry(name: String(decoding: directory[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self),
                                    flags: directory.le16(offset + 8), method: directory.le16(offset + 10), crc: directory.le32(offset + 16),
                                    compressedSize: Int(directory.le32(offset + 20)), size: Int(directory.le32(offset + 24)),
                                    localHeaderOffset: Int(directory.le32(offset + 42))))
            offset += 46 + skip
        }
        return entries
    }

    /// Where `entry`'s stored bytes begin, after its local header.
    package func dataOffset(of entry: ZipEntry) throws(ZipReadFailure) -> Int {
        let header = try read(at: entry.localHeaderOffset, count: 30)
        guard header.le32(0) == 0x0403_4B50 else { throw ZipReadFailure(reason: "\(entry.name) has no zip header") }
        let start = entry.localHeaderOffset + 30 + Int(header.le16(26)) + Int(header.le16(28))
        guard start + entry.compressedSize <= fileSize else { throw ZipReadFailure(reason: "\(entry.name) is cut short in the zip") }
        return start
    }

    /// `count` bytes at `offset`, all of them or an error.
    package func read(at offset: Int, count: Int) throws(ZipReadFailure) -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= fileSize else { throw ZipReadFailure(reason: "the zip directory is damaged") }
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

extension Array where Element == UInt8 {
    /// Little-endian integers, as zip stores them.
    package func le16(_ offset: Int) -> UInt16 { UInt16(self[offset]) | UInt16(self[offset + 1]) << 8 }
    package func le32(_ offset: Int) -> UInt32 { UInt32(le16(offset)) | UInt32(le16(offset + 2)) << 16 }
}

import CAppendixSupport
import Foundation

/// Reads a finished workbook back before it replaces anything: the zip directory must be
/// readable and agree with the parts as read (offsets, sizes, CRC-32s), every XML part must end
/// with its root element's closing tag, and each worksheet must hold as many `<row>` elements
/// as rows were written. libxlsxwriter ignores failed writes of its staged parts, so a part cut
/// short by a full disk is otherwise zipped and reported as success.
///
/// The parts are inflated by a ``PackageFollower`` while libxlsxwriter writes the file; what
/// is left to do after it closes the file is reading the directory and comparing.
package struct PackageCheck {
    /// The file to check.
    package let path: String
    /// Rows written to each worksheet, in the order the sheets were added.
    package let sheetRows: [Int]

    /// Checks a complete file, reading its parts now.
    package func run() throws(PackageCheckFailure) {
        try run(parts: PackageFollower.read(path))
    }

    /// Checks the file against `parts`, as read by a ``PackageFollower``.
    package func run(parts: [FollowedPart]) throws(PackageCheckFailure) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw PackageCheckFailure(reason: "the file cannot be read back (\(String(cString: strerror(errno))))") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw PackageCheckFailure(reason: "the file cannot be read back") }
        let entries = try ZipDirectory(descriptor: descriptor, fileSize: Int(status.st_size)).entries()
        guard entries.count == parts.count else {
            throw PackageCheckFailure(reason: "the zip directory lists \(entries.count) parts, the file holds \(parts.count)")
        }
        var worksheetsSeen = 0
        for (entry, part) in zip(entries, parts) {
            try Self.compare(entry, part)
            guard entry.name.hasSuffix(".xml") || entry.name.hasSuffix(".rels") else { continue }
            guard part.inspector.endsWithRootClosingTag else {
                throw PackageCheckFailure(reason: "\(entry.name) is incomplete: it does not end with \(part.inspector.rootName.map { "</\($0)>" } ?? "a closing tag")")
            }
            guard let sheet = Self.worksheetNumber(entry.name) else { continue }
            worksheetsSeen += 1
            let expected = sheet <= sheetRows.count ? sheetRows[sheet - 1] : 0
            guard part.inspector.rows == expected else {
                throw PackageCheckFailure(reason: "\(entry.name) has \(part.inspector.rows) rows, expected \(expected)")
            }
        }
        guard worksheetsSeen == sheetRows.count else {
            throw PackageCheckFailure(reason: "the file has \(worksheetsSeen) worksheets, expected \(sheetRows.count)")
        }
    }

    /// The directory's record of a part must match the part as read.
    package static func compare(_ entry: ZipEntry, _ part: FollowedPart) throws(PackageCheckFailure) {
        guard entry.name == part.name, entry.localHeaderOffset == part.localHeaderOffset else {
            throw PackageCheckFailure(reason: "the zip directory does not match the parts (\(entry.name))")
        }
        guard entry.method == 8, entry.compressedSize == part.compressedSize, entry.size == part.size, entry.crc == part.crc else {
            throw PackageCheckFailure(reason: "\(entry.name) is damaged in the zip (size or CRC-32 does not match)")
        }
    }

    /// N for `xl/worksheets/sheetN.xml`.
    static func worksheetNumber(_ name: String) -> Int? {
        guard name.hasPrefix("xl/worksheets/sheet"), name.hasSuffix(".xml") else { return nil }
        return Int(name.dropFirst("xl/worksheets/sheet".count).dropLast(4))
    }
}

/// Inflates one raw-deflate part from a ``GrowingFile`` in fixed-size chunks (constant memory),
/// computing its size and CRC-32 and passing the contents to a ``PartInspector``.
package struct PartInflater {
    package let file: GrowingFile
    package let name: String
    /// 64 KiB: under glibc's mmap threshold (128 KiB), so the buffers come from the heap and are
    /// reused. With 1 MiB every part and every read mapped and unmapped its buffers: system
    /// calls, fresh pages, and a TLB shootdown across cores per unmap.
    private static let chunk = 1 << 16

    func inflate(from start: Int) throws(PackageCheckFailure) -> FollowedPart {
        var stream = z_stream()
        guard appendix_inflate_init_raw(&stream) == Z_OK else { throw PackageCheckFailure(reason: "zlib could not start") }
        defer { inflateEnd(&stream) }
        var part = FollowedPart(name: name, localHeaderOffset: 0, compressedSize: 0, size: 0, crc: 0, inspector: PartInspector())
        var crc: UInt = crc32(0, nil, 0)
        // Uninitialised: zlib writes before anything is read (zeroing it was most of a small
        // build's check).
        var output = [UInt8](unsafeUninitializedCapacity: Self.chunk) { _, initialized in initialized = Self.chunk }
        var result = Z_OK
        while result != Z_STREAM_END {
            var input = try file.available(at: start + Int(stream.total_in), upTo: Self.chunk)
            result = try input.withUnsafeMutableBufferPointer { input throws(PackageCheckFailure) -> Int32 in
                stream.next_in = input.baseAddress
                stream.avail_in = uInt(input.count)
                defer { stream.next_in = nil; stream.avail_in = 0 }
                return try drain(&stream, into: &output) { bytes in
                    crc = crc32(crc, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), uInt(bytes.count))
                    part.size += bytes.count
                    part.inspector.consume(bytes)
                }
            }
        }
        part.compressedSize = Int(stream.total_in)
        part.crc = UInt32(truncatingIfNeeded: crc)
        return part
    }

    /// Inflates what `stream` holds as input, passing each output chunk to `body`.
    private func drain(_ stream: inout z_stream, into output: inout [UInt8], _ body: (UnsafeRawBufferPointer) -> Void) throws(PackageCheckFailure) -> Int32 {
        var result = Z_OK
        repeat {
            let produced = output.withUnsafeMutableBufferPointer { buffer -> Int in
                stream.next_out = buffer.baseAddress
                stream.avail_out = uInt(buffer.count)
                result = CAppendixSupport.inflate(&stream, Z_NO_FLUSH)
                return buffer.count - Int(stream.avail_out)
            }
            guard result == Z_OK || result == Z_STREAM_END || (result == Z_BUF_ERROR && produced == 0) else {
                throw PackageCheckFailure(reason: "\(name) is damaged in the zip (\(String(cString: zError(result))))")
            }
            output.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0.prefix(produced))) }
        } while result == Z_OK && (stream.avail_in > 0 || stream.avail_out == 0)
        return result
    }
}

import CAppendixSupport
import Foundation

/// Reads a finished workbook back before it replaces anything: the zip directory must be
/// readable, every part must inflate to its recorded size and CRC-32, every XML part must end
/// with its root element's closing tag, and each worksheet must hold as many `<row>` elements
/// as rows were written. libxlsxwriter ignores failed writes of its staged parts, so a part cut
/// short by a full disk is otherwise zipped and reported as success.
///
/// Cost: one streaming inflate of the package (constant memory), measured at about 1 % of a
/// 1M-row release build.
struct PackageCheck {
    /// The file to check.
    let path: String
    /// Rows written to each worksheet, in the order the sheets were added.
    let sheetRows: [Int]

    func run() throws(PackageCheckFailure) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw PackageCheckFailure(reason: "the file cannot be read back (\(String(cString: strerror(errno))))") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw PackageCheckFailure(reason: "the file cannot be read back") }
        let zip = ZipDirectory(descriptor: descriptor, fileSize: Int(status.st_size))
        let entries = try zip.entries()
        var worksheetsSeen = 0
        for entry in entries {
            let inspector = try PartReader(zip: zip, entry: entry).inspect()
            guard entry.name.hasSuffix(".xml") || entry.name.hasSuffix(".rels") else { continue }
            guard inspector.endsWithRootClosingTag else {
                throw PackageCheckFailure(reason: "\(entry.name) is incomplete: it does not end with \(inspector.rootName.map { "</\($0)>" } ?? "a closing tag")")
            }
            if let sheet = Self.worksheetNumber(entry.name) {
                worksheetsSeen += 1
                let expected = sheet <= sheetRows.count ? sheetRows[sheet - 1] : 0
                guard inspector.rows == expected else {
                    throw PackageCheckFailure(reason: "\(entry.name) has \(inspector.rows) rows, expected \(expected)")
                }
            }
        }
        guard worksheetsSeen == sheetRows.count else {
            throw PackageCheckFailure(reason: "the file has \(worksheetsSeen) worksheets, expected \(sheetRows.count)")
        }
    }

    /// N for `xl/worksheets/sheetN.xml`.
    static func worksheetNumber(_ name: String) -> Int? {
        guard name.hasPrefix("xl/worksheets/sheet"), name.hasSuffix(".xml") else { return nil }
        return Int(name.dropFirst("xl/worksheets/sheet".count).dropLast(4))
    }
}

/// Inflates one zip entry in fixed-size chunks, checking its size and CRC-32.
struct PartReader {
    let zip: ZipDirectory
    let entry: ZipEntry
    private static let chunk = 1 << 20

    func inspect() throws(PackageCheckFailure) -> PartInspector {
        var inspector = PartInspector()
        var crc: UInt = crc32(0, nil, 0)
        var size = 0
        try forEachChunk { bytes in
            crc = crc32(crc, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), uInt(bytes.count))
            size += bytes.count
            inspector.consume(bytes)
        }
        guard size == entry.size, UInt32(truncatingIfNeeded: crc) == entry.crc else {
            throw PackageCheckFailure(reason: "\(entry.name) is damaged in the zip (size or CRC-32 does not match)")
        }
        return inspector
    }

    /// Calls `body` with each piece of the entry's contents.
    private func forEachChunk(_ body: (UnsafeRawBufferPointer) -> Void) throws(PackageCheckFailure) {
        var offset = try zip.dataOffset(of: entry)
        let end = offset + entry.compressedSize
        switch entry.method {
        case 0:
            while offset < end {
                let bytes = try zip.read(at: offset, count: min(Self.chunk, end - offset))
                bytes.withUnsafeBytes(body)
                offset += bytes.count
            }
        case 8:
            try inflate(from: offset, to: end, body)
        default:
            throw PackageCheckFailure(reason: "\(entry.name) uses zip method \(entry.method), expected deflate")
        }
    }

    private func inflate(from start: Int, to end: Int, _ body: (UnsafeRawBufferPointer) -> Void) throws(PackageCheckFailure) {
        var stream = z_stream()
        guard appendix_inflate_init_raw(&stream) == Z_OK else { throw PackageCheckFailure(reason: "zlib could not start") }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Self.chunk)
        var offset = start
        var result = Z_OK
        while result != Z_STREAM_END {
            guard offset < end || stream.avail_in > 0 else { throw PackageCheckFailure(reason: "\(entry.name) is cut short in the zip") }
            var input = try zip.read(at: offset, count: min(Self.chunk, end - offset))
            offset += input.count
            result = try input.withUnsafeMutableBufferPointer { input throws(PackageCheckFailure) -> Int32 in
                stream.next_in = input.baseAddress
                stream.avail_in = uInt(input.count)
                return try drain(&stream, into: &output, body)
            }
        }
    }

    /// Inflates everything `stream` holds as input, passing each output chunk to `body`.
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
                throw PackageCheckFailure(reason: "\(entry.name) is damaged in the zip (\(String(cString: zError(result))))")
            }
            output.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0.prefix(produced))) }
        } while result == Z_OK && (stream.avail_in > 0 || stream.avail_out == 0)
        stream.next_in = nil
        stream.avail_in = 0
        return result
    }
}

import CLibCSV
import Foundation

/// A streaming CSV reader built on libcsv.
///
/// Reads the file in fixed-size chunks and hands each record to a closure as soon as it is
/// complete, so memory does not grow with the file. Handles quoted fields with commas and
/// newlines, CRLF and LF line ends, a UTF-8 byte-order mark, and skips blank lines. Malformed
/// quoting and invalid UTF-8 are reported with the line on which they occur.
public struct CSVReader: Sendable {
    /// The file to read.
    public var url: URL
    /// The name used for the file in error messages (defaults to its path).
    public var displayName: String
    /// The field delimiter (a comma by default).
    public var delimiter: UInt8
    /// Bytes read per chunk.
    public var chunkSize: Int

    public init(url: URL, displayName: String? = nil, delimiter: UInt8 = UInt8(ascii: ","), chunkSize: Int = 1 << 16) {
        self.url = url
        self.displayName = displayName ?? url.path
        self.delimiter = delimiter
        self.chunkSize = chunkSize
    }

    /// Calls `body` with every non-blank record of the file, in order.
    ///
    /// - Throws: ``DataError`` for unreadable files, bad quoting or invalid UTF-8; rethrows
    ///   whatever `body` throws, stopping the read.
    public func forEachRecord(_ body: (CSVRecord) throws -> Void) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            throw DataError(file: displayName, message: "this is a folder, not a CSV file")
        }
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            let reason = FileManager.default.fileExists(atPath: url.path) ? "cannot be read" : "does not exist"
            throw DataError(file: displayName, message: "the CSV file \(reason)")
        }
        defer { try? handle.close() }

        var parser = csv_parser()
        guard csv_init(&parser, UInt8(CSV_STRICT | CSV_REPALL_NL | CSV_STRICT_FINI)) == 0 else {
            throw DataError(file: displayName, message: "internal error: libcsv could not start")
        }
        defer { csv_free(&parser) }
        csv_set_delim(&parser, delimiter)
        // Keep spaces and tabs around unquoted fields: they are data (libcsv trims them by default).
        csv_set_space_func(&parser) { _ in 0 }

        try withoutActuallyEscaping(body) { body in
            let state = RecordAssembler(file: displayName, body: body)
            let context = Unmanaged.passUnretained(state).toOpaque()
            var linesBeforeChunk = 0
            while true {
                let chunk: Data
                do {
                    chunk = try handle.read(upToCount: chunkSize) ?? Data()
                } catch {
                    throw DataError(file: displayName, message: "read failed: \(error.localizedDescription)")
                }
                if chunk.isEmpty { break }
                try chunk.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                    let bytes = raw
                    let parsed = csv_parse(&parser, bytes.baseAddress, bytes.count, fieldEnded, recordEnded, context)
                    if let error = state.error { throw error }
                    if parsed != bytes.count {
                        let line = linesBeforeChunk + 1 + bytes[..<parsed].lazy.filter { $0 == 0x0A }.count
                        throw DataError(file: displayName, line: line, message: "malformed quoting: a quote must open and close a whole field (\(String(cString: csv_strerror(csv_error(&parser)))))")
                    }
                    linesBeforeChunk += bytes.lazy.filter { $0 == 0x0A }.count
                }
            }
            if csv_fini(&parser, fieldEnded, recordEnded, context) != 0 {
                throw DataError(file: displayName, line: state.recordStart, message: "a quoted field is not closed before the end of the file")
            }
            if let error = state.error { throw error }
        }
    }

    /// Reads every record into memory. Use ``forEachRecord(_:)`` for large files.
    public func readAll() throws -> [CSVRecord] {
        var records: [CSVRecord] = []
        try forEachRecord { records.append($0) }
        return records
    }
}

/// Collects libcsv's field and record callbacks into ``CSVRecord`` values and tracks lines.
private final class RecordAssembler {
    let file: String
    let body: (CSVRecord) throws -> Void
    var fields: [String] = []
    var line = 1
    var recordStart = 1
    var lastTerminator: Int32 = 0
    var isFirstField = true
    var error: Error?

    init(file: String, body: @escaping (CSVRecord) throws -> Void) {
        self.file = file
        self.body = body
    }

    func field(_ bytes: UnsafeRawBufferPointer) {
        guard error == nil else { return }
        if fields.isEmpty { recordStart = line }
        lastTerminator = 0
        guard let text = RecordAssembler.text(bytes) else {
            error = DataError(file: file, line: line, message: "field \(fields.count + 1) is not valid UTF-8 text (save the export as UTF-8 CSV)")
            return
        }
        if let base = bytes.baseAddress, memchr(base, 0x0A, bytes.count) != nil {
            line += bytes.lazy.filter { $0 == 0x0A }.count
        }
        // A UTF-8 byte-order mark starts the first field of some exports: it is not data.
        if isFirstField, text.hasPrefix("\u{FEFF}") {
            fields.append(String(text.dropFirst()))
        } else {
            fields.append(text)
        }
        isFirstField = false
    }

    /// The field as a String, or nil if it is not valid UTF-8. ASCII (most fields) needs no
    /// validation, which skips the generic validating initialiser on the hot path.
    static func text(_ bytes: UnsafeRawBufferPointer) -> String? {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self)
    }

    func recordEnd(_ terminator: Int32) {
        guard error == nil else { return }
        // CSV_REPALL_NL reports every CR and LF; a LF straight after a CR ends the same line.
        let isLineBreak = terminator == 0x0A || terminator == 0x0D
        let isSecondHalfOfCRLF = terminator == 0x0A && lastTerminator == 0x0D && fields.isEmpty
        if !fields.isEmpty {
            let record = CSVRecord(line: recordStart, fields: fields)
            fields.removeAll(keepingCapacity: true)
            do { try body(record) } catch { self.error = error }
        }
        if isLineBreak && !isSecondHalfOfCRLF { line += 1 }
        lastTerminator = terminator
    }
}

private func fieldEnded(_ data: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
    let assembler = Unmanaged<RecordAssembler>.fromOpaque(context!).takeUnretainedValue()
    assembler.field(UnsafeRawBufferPointer(start: data, count: length))
}

private func recordEnded(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    let assembler = Unmanaged<RecordAssembler>.fromOpaque(context!).takeUnretainedValue()
    assembler.recordEnd(terminator)
}

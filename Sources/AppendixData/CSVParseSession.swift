import CLibCSV
import Foundation

/// One pass of libcsv over decoded UTF-8 text: feeds it chunk by chunk, and places problems
/// at the line where they start.
package final class CSVParseSession {
    private var parser = csv_parser()
    private let assembler: CSVRecordAssembler
    private(set) var hasStarted = false

    package init(file: String, body: @escaping (CSVFields) throws -> Void) throws {
        assembler = CSVRecordAssembler(file: file, body: body)
        guard csv_init(&parser, UInt8(CSV_STRICT | CSV_REPALL_NL | CSV_STRICT_FINI)) == 0 else {
            throw DataError(file: file, message: "internal error: libcsv could not start")
        }
        // Keep spaces and tabs around unquoted fields: they are data (libcsv trims them by default).
        csv_set_space_func(&parser) { _ in 0 }
    }

    deinit { csv_free(&parser) }

    package var skippedEmptyRows: Int { assembler.skippedEmptyRows }

    package func start(delimiter: UInt8, firstLine: Int) {
        csv_set_delim(&parser, delimiter)
        assembler.line = firstLine
        hasStarted = true
    }

    package func parse(_ text: Data) throws {
        let context = Unmanaged.passUnretained(assembler).toOpaque()
        try text.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            // One memchr per chunk: fields are only searched for NUL once a chunk has one.
            if !assembler.checksForNUL, let base = bytes.baseAddress, memchr(base, 0, bytes.count) != nil {
                assembler.checksForNUL = true
            }
            let parsed = csv_parse(&parser, bytes.baseAddress, bytes.count, fieldEnded, recordEnded, context)
            if let error = assembler.error { throw error }
            if parsed != bytes.count { throw malformedQuoting() }
        }
    }

    package func finish() throws {
        let context = Unmanaged.passUnretained(assembler).toOpaque()
        if csv_fini(&parser, fieldEnded, recordEnded, context) != 0 {
            throw DataError(file: assembler.file, line: assembler.line, column: assembler.columnName(assembler.fieldCount),
                            message: "a quoted field opens here and is not closed before the end of the file")
        }
        if let error = assembler.error { throw error }
    }

    /// A problem at the current position (the end of the text parsed so far).
    func errorHere(_ message: String) -> DataError {
        DataError(file: assembler.file, line: currentLine, column: assembler.columnName(assembler.fieldCount), message: message)
    }

    /// The line of the last byte parsed: the current field's first line plus the line ends in it so far.
    private var currentLine: Int {
        assembler.line + LineBreaks.count(UnsafeRawBufferPointer(start: parser.entry_buf, count: parser.entry_pos))
    }

    private func malformedQuoting() -> DataError {
        let reason = String(cString: csv_strerror(csv_error(&parser)))
        let start = assembler.line, end = currentLine
        let column = assembler.columnName(assembler.fieldCount)
        guard end > start else {
            return DataError(file: assembler.file, line: start, column: column, message: "malformed quoting: a quote must open and close a whole field (\(reason))")
        }
        return DataError(file: assembler.file, line: start, column: column,
                         message: "malformed quoting: the quoted field that opens here closes on line \(end) and is followed by more text; a quote must open and close a whole field")
    }
}

private func fieldEnded(_ data: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
    // libcsv passes back the context given to csv_parse, which is always the assembler.
    guard let context else { return }
    let assembler = Unmanaged<CSVRecordAssembler>.fromOpaque(context).takeUnretainedValue()
    assembler.field(UnsafeRawBufferPointer(start: data, count: length))
}

private func recordEnded(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    // As above: the context is always the assembler.
    guard let context else { return }
    let assembler = Unmanaged<CSVRecordAssembler>.fromOpaque(context).takeUnretainedValue()
    assembler.recordEnd(terminator)
}

import CLibCSV
import Foundation

/// A streaming CSV reader built on libcsv.
///
/// Reads the file in fixed-size chunks and hands each record to a closure as soon as it is
/// complete, so memory does not grow with the file. Detects the encoding (byte-order mark,
/// UTF-8, else Windows-1252; see `CSVTextDecoder`) and the delimiter (comma, semicolon or tab,
/// or Excel's `sep=` line) unless they are given. Handles quoted fields with delimiters and
/// newlines, CRLF, LF and CR line ends, skips blank lines and records whose fields are all
/// empty (`,,,`), and normalises non-ASCII text to NFC. Malformed quoting, undecodable bytes
/// and NUL bytes are reported at the line where they occur.
public struct CSVReader: Sendable {
    /// The file to read.
    public var url: URL
    /// The name used for the file in error messages (defaults to its path).
    public var displayName: String
    /// The field delimiter, or `nil` to detect it from the header line.
    public var delimiter: UInt8?
    /// The encoding to read, or `nil` to detect it.
    public var encoding: EncodingChoice?
    /// Bytes read per chunk.
    package var chunkSize: Int

    /// A reader of the CSV file at `url`, named `displayName` in messages (default: its path); `delimiter` and `encoding` are detected when `nil`; `chunkSize` bytes are read at a time.
    public init(url: URL, displayName: String? = nil, delimiter: UInt8? = nil, encoding: EncodingChoice? = nil, chunkSize: Int = 1 << 16) {
        self.url = url
        self.displayName = displayName ?? url.path
        self.delimiter = delimiter
        self.encoding = encoding
        self.chunkSize = chunkSize
    }

    /// Calls `body` with the fields of every non-blank record of the file, in order, as bytes
    /// (``CSVFields``: valid only during the call).
    ///
    /// - Returns: how the file was read (encoding, delimiter, empty records skipped).
    /// - Throws: ``DataError`` for unreadable files, bad quoting, undecodable text or NUL
    ///   bytes; rethrows whatever `body` throws, stopping the read.
    @discardableResult
    package func forEachFields(_ body: (CSVFields) throws -> Void) throws -> CSVReadReport {
        let handle = try openFile()
        defer { try? handle.close() }
        return try withoutActuallyEscaping(body) { body in
            let session = try CSVParseSession(file: displayName, body: body)
            var decoder = CSVTextDecoder(choice: encoding)
            var prelude = CSVPrelude(explicitDelimiter: delimiter)
            while true {
                let chunk = try read(handle)
                let decoded = decoder.decode(chunk, isLast: chunk.isEmpty)
                let text = prelude.take(decoded.text, isLast: chunk.isEmpty || decoded.problem != nil)
                if prelude.isDecided, !session.hasStarted {
                    session.start(delimiter: prelude.delimiter, firstLine: 1 + prelude.skippedLines)
                }
                if !text.isEmpty { try session.parse(text) }
                if let problem = decoded.problem { throw session.errorHere(problem) }
                if chunk.isEmpty { break }
            }
            try session.finish()
            return CSVReadReport(file: displayName, encoding: decoder.encoding, delimiter: prelude.delimiter,
                                 skippedEmptyRows: session.skippedEmptyRows)
        }
    }

    /// Reads every record into memory. Use ``forEachFields(_:)`` for large files.
    package func readAll() throws -> [CSVRecord] {
        var records: [CSVRecord] = []
        try forEachRecord { records.append($0) }
        return records
    }

    private func openFile() throws -> FileHandle {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            throw DataError(file: displayName, message: "this is a folder, not a CSV file")
        }
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            let reason = FileManager.default.fileExists(atPath: url.path) ? "cannot be read" : "does not exist"
            throw DataError(file: displayName, message: "the CSV file \(reason)")
        }
        return handle
    }

    private func read(_ handle: FileHandle) throws -> Data {
        do {
            return try handle.read(upToCount: chunkSize) ?? Data()
        } catch {
            throw DataError(file: displayName, message: "read failed: \(error.localizedDescription)")
        }
    }
}

/// How a CSV file was read.
public struct CSVReadReport: Sendable, Equatable {
    /// The file's name as shown in messages.
    public var file: String
    /// The encoding the text was read in (detected or chosen).
    public var encoding: CSVEncoding
    /// The field delimiter (detected or chosen).
    public var delimiter: UInt8
    /// Records whose fields were all empty (`,,,`, as Excel leaves below a table), skipped.
    public var skippedEmptyRows: Int

    /// The delimiter's name: "comma", "semicolon", "tab" or the character.
    public var delimiterName: String {
        switch delimiter {
        case UInt8(ascii: ","): return "comma"
        case UInt8(ascii: ";"): return "semicolon"
        case 0x09: return "tab"
        default: return "'\(Character(Unicode.Scalar(delimiter)))'"
        }
    }
}

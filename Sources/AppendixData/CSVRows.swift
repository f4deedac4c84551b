import Foundation

/// A source's data given in memory rather than as a file: a header and rows of text, as the
/// records of a CSV file would hold them. A build types them exactly as it types a CSV file's
/// records (the source's `fields:`, `missing:`, `decimal:` and `strict:`), with the same errors
/// and warnings, naming ``name`` as the file, the header as line 1 and `rows[i]` as line `i + 2`.
/// Rows whose fields are all empty are skipped and counted, as the CSV reader does; text is
/// normalised to NFC, as the CSV reader does.
public struct CSVRows: Sendable, Equatable {
    /// The name errors and warnings give as the file (for example `fees.csv`).
    public var name: String
    /// The field names, as a CSV file's first record.
    public var header: [String]
    /// The records under the header, each a row of field texts.
    public var rows: [[String]]

    /// Rows named `name` in messages, under `header`.
    public init(name: String, header: [String], rows: [[String]]) {
        self.name = name
        self.header = header
        self.rows = rows
    }
}

/// Records with line numbers, for ``DataTable/stream(_:types:parser:strict:writtenDecimals:header:row:)``: a CSV
/// file (``CSVReader``) or rows given in memory (``CSVRows``).
package protocol CSVRecordSource: Sendable {
    /// The name messages give as the file.
    var displayName: String { get }
    /// Calls `body` with the fields of every non-empty record, header first, as bytes (valid
    /// only during the call); returns how they were read.
    func forEachFields(_ body: (CSVFields) throws -> Void) throws -> CSVReadReport
}

extension CSVRecordSource {
    /// Calls `body` with every non-empty record as text, header first; returns how they were read.
    @discardableResult
    package func forEachRecord(_ body: (CSVRecord) throws -> Void) throws -> CSVReadReport {
        try forEachFields { try body($0.record) }
    }
}

extension CSVReader: CSVRecordSource {}

extension CSVRows: CSVRecordSource {
    package var displayName: String { name }

    /// The header as line 1 and `rows[i]` as line `i + 2`; reported as UTF-8, comma-separated.
    package func forEachFields(_ body: (CSVFields) throws -> Void) throws -> CSVReadReport {
        var buffer = CSVFieldBuffer()
        func lend(_ fields: [String], line: Int) throws {
            buffer.removeAll()
            for field in fields { buffer.append(field) }
            try buffer.withFields(line: line, body)
        }
        try lend(header, line: 1)
        var skipped = 0
        for (index, fields) in rows.enumerated() {
            guard fields.contains(where: { !$0.isEmpty }) else {
                skipped += 1
                continue
            }
            try lend(fields, line: index + 2)
        }
        return CSVReadReport(file: name, encoding: .utf8, delimiter: UInt8(ascii: ","), skippedEmptyRows: skipped)
    }
}

import Foundation

/// One data row of a CSV file, typed.
package struct DataRow: Sendable, Equatable {
    /// The line of the CSV file on which the row starts.
    package var line: Int
    /// The row's values, in header order.
    package var values: [CellValue]
    /// The decimal places each field's text wrote (``WrittenDecimals``), by field position, for
    /// the fields a `decimals: as_written` column shows; empty when no column asks (a plain
    /// table keeps no more per row). ``WrittenDecimals/unknown`` for any other field.
    package var writtenDecimals: [UInt8] = []

    package init(line: Int, values: [CellValue]) {
        self.line = line
        self.values = values
    }

    /// The decimal places field `position`'s text wrote, when it was kept and is a number.
    package func writtenDecimals(ofField position: Int) -> Int? {
        guard position < writtenDecimals.count, writtenDecimals[position] != WrittenDecimals.unknown else { return nil }
        return Int(writtenDecimals[position])
    }
}

/// A CSV file read into typed rows: a header and the records under it.
package struct DataTable: Sendable {
    /// The file's name as shown in messages.
    package var file: String
    /// The header row's field names.
    package var header: [String]
    /// The data rows, in file order.
    package var rows: [DataRow]
    /// How each CSV file was read (one for a file, one per file for a folder).
    package var readReports: [CSVReadReport] = []
    /// What reading found that a reader of the workbook should know.
    package var warnings: [BuildWarning] = []

    package init(file: String, header: [String], rows: [DataRow]) {
        self.file = file
        self.header = header
        self.rows = rows
    }

    /// The position of `field` in the header.
    package func index(of field: String) -> Int? {
        header.firstIndex(of: field)
    }

    /// Reads a CSV file whose first record is a header.
    ///
    /// - Parameters:
    ///   - reader: the CSV file.
    ///   - types: how to parse each field, by header name; unlisted fields use `auto`.
    ///   - parser: the missing-value markers and decimal separator.
    ///   - strict: whether a value of an `auto` column that looks like a number but is not read
    ///     as one (`1 234`) is an error (else a warning).
    ///   - writtenDecimals: the fields whose numbers keep the decimal places their text wrote
    ///     (``DataRow/writtenDecimals``).
    ///   - checkHeader: called with the header before any row is read (to check the names a
    ///     definition uses).
    /// - Returns: the header and the rows, with the warnings reading them gave.
    /// - Throws: ``DataError`` naming the file, line and column for an empty file, a duplicate
    ///   or blank header, a row with the wrong number of fields, or a value that does not parse.
    package static func load(
        _ reader: some CSVRecordSource,
        types: [String: FieldType] = [:],
        parser: FieldParser = FieldParser(),
        strict: Bool = false,
        writtenDecimals: Set<String> = [],
        checkHeader: ([String]) throws -> Void = { _ in }
    ) throws -> DataTable {
        var header: [String] = []
        var rows: [DataRow] = []
        let report = try stream(reader, types: types, parser: parser, strict: strict, writtenDecimals: writtenDecimals, header: { header = $0; try checkHeader($0) }, row: { rows.append($0) })
        var table = DataTable(file: reader.displayName, header: header, rows: rows)
        table.readReports = [report.read]
        table.warnings = report.warnings
        return table
    }

    /// Reads a CSV file row by row without keeping it: `header` gets the field names first,
    /// then `row` each typed row. Throws the same errors as ``load(_:types:parser:strict:writtenDecimals:checkHeader:)``.
    @discardableResult
    package static func stream(
        _ reader: some CSVRecordSource,
        types: [String: FieldType] = [:],
        parser: FieldParser = FieldParser(),
        strict: Bool = false,
        writtenDecimals: Set<String> = [],
        header headerBody: ([String]) throws -> Void,
        row rowBody: (DataRow) throws -> Void
    ) throws -> DataReadReport {
        var header: [String]? = nil
        var fieldTypes: [FieldType] = []
        var decimalFields = WrittenDecimalFields(positions: [])
        var audit = AutoColumnAudit(columnCount: 0)
        let read = try reader.forEachFields { record in
            guard let names = header else {
                let names = try validatedHeader(record.record, file: reader.displayName)
                header = names
                fieldTypes = names.map { types[$0] ?? .auto }
                audit = AutoColumnAudit(columnCount: names.count)
                decimalFields = WrittenDecimalFields(positions: names.indices.filter { writtenDecimals.contains(names[$0]) })
                try headerBody(names)
                return
            }
            var row = try typedRow(record, names: names, types: fieldTypes, parser: parser, audit: &audit, file: reader.displayName)
            if !decimalFields.positions.isEmpty { row.writtenDecimals = decimalFields.places(of: record, values: row.values, decimal: parser.decimal) }
            try rowBody(row)
        }
        guard let header else {
            throw DataError(file: reader.displayName, message: "the file is empty: expected a header row")
        }
        let findings = audit.findings(header: header, decimal: parser.decimal)
        if strict, let first = findings.first { throw first.error(file: reader.displayName) }
        return DataReadReport(read: read, warnings: findings.map { $0.warning(file: reader.displayName) })
    }

    /// The record's typed values: numbers read from the field bytes, a String made only for a
    /// value that is text (``FieldParser/parse(utf8:as:)``).
    private static func typedRow(_ record: CSVFields, names: [String], types: [FieldType], parser: FieldParser,
                                 audit: inout AutoColumnAudit, file: String) throws -> DataRow {
        guard record.count == names.count else {
            throw DataError(file: file, line: record.line, message: "expected \(names.count) fields as in the header, found \(record.count)")
        }
        var values: [CellValue] = []
        values.reserveCapacity(names.count)
        for position in 0..<record.count {
            let type = types[position]
            guard let value = parser.parse(utf8: record[position], as: type) else {
                let text = record.string(position)
                throw DataError(file: file, line: record.line, column: names[position], message: parser.problem(with: text, as: type), value: text)
            }
            if type == .auto, case .text(let text) = value { audit.noteText(text, column: position, line: record.line) }
            values.append(value)
        }
        return DataRow(line: record.line, values: values)
    }

    private static func validatedHeader(_ record: CSVRecord, file: String) throws -> [String] {
        let names = record.fields.map { $0.trimmingSpaces() }
        var seen: Set<String> = []
        for (position, name) in names.enumerated() {
            if name.isEmpty {
                throw DataError(file: file, line: record.line, message: "header field \(position + 1) is blank: every column needs a name")
            }
            if !seen.insert(name).inserted {
                throw DataError(file: file, line: record.line, column: name, message: "the header names this column twice")
            }
        }
        return names
    }
}

/// The fields whose numbers keep the decimal places their text wrote (`decimals: as_written`).
struct WrittenDecimalFields {
    /// The fields' positions in the header.
    let positions: [Int]

    /// ``DataRow/writtenDecimals`` for a record and its typed values.
    func places(of record: CSVFields, values: [CellValue], decimal: DecimalSeparator) -> [UInt8] {
        var places = [UInt8](repeating: WrittenDecimals.unknown, count: values.count)
        for position in positions {
            guard case .number = values[position] else { continue }
            places[position] = UInt8(WrittenDecimals.places(in: record.string(position), decimal: decimal))
        }
        return places
    }
}

/// What reading a CSV file into typed rows found besides the rows.
package struct DataReadReport: Sendable, Equatable {
    /// How the file was read.
    package var read: CSVReadReport
    /// `auto` columns with values that look like numbers but were read as text.
    package var warnings: [BuildWarning]
}

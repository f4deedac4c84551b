import Foundation

/// One data row of a CSV file, typed.
public struct DataRow: Sendable, Equatable {
    /// The line of the CSV file on which the row starts.
    public var line: Int
    /// The row's values, in header order.
    public var values: [CellValue]

    public init(line: Int, values: [CellValue]) {
        self.line = line
        self.values = values
    }
}

/// A CSV file read into typed rows: a header and the records under it.
public struct DataTable: Sendable {
    /// The file's name as shown in messages.
    public var file: String
    /// The header row's field names.
    public var header: [String]
    /// The data rows, in file order.
    public var rows: [DataRow]

    public init(file: String, header: [String], rows: [DataRow]) {
        self.file = file
        self.header = header
        self.rows = rows
    }

    /// The position of `field` in the header.
    public func index(of field: String) -> Int? {
        header.firstIndex(of: field)
    }

    /// Reads a CSV file whose first record is a header.
    ///
    /// - Parameters:
    ///   - reader: the CSV file.
    ///   - types: how to parse each field, by header name; unlisted fields use `auto`.
    ///   - parser: the missing-value markers.
    ///   - checkHeader: called with the header before any row is read (to check the names a
    ///     definition uses).
    /// - Throws: ``DataError`` naming the file, line and column for an empty file, a duplicate
    ///   or blank header, a row with the wrong number of fields, or a value that does not parse.
    public static func load(
        _ reader: CSVReader,
        types: [String: FieldType] = [:],
        parser: FieldParser = FieldParser(),
        checkHeader: ([String]) throws -> Void = { _ in }
    ) throws -> DataTable {
        var header: [String] = []
        var rows: [DataRow] = []
        try stream(reader, types: types, parser: parser, header: { header = $0; try checkHeader($0) }, row: { rows.append($0) })
        return DataTable(file: reader.displayName, header: header, rows: rows)
    }

    /// Reads a CSV file row by row without keeping it: `header` gets the field names first,
    /// then `row` each typed row. Throws the same errors as ``load(_:types:parser:)``.
    public static func stream(
        _ reader: CSVReader,
        types: [String: FieldType] = [:],
        parser: FieldParser = FieldParser(),
        header headerBody: ([String]) throws -> Void,
        row rowBody: (DataRow) throws -> Void
    ) throws {
        var header: [String]? = nil
        var fieldTypes: [FieldType] = []
        try reader.forEachRecord { record in
            guard let names = header else {
                let names = try validatedHeader(record, file: reader.displayName)
                header = names
                fieldTypes = record.fields.map { types[$0.trimmingSpaces()] ?? .auto }
                try headerBody(names)
                return
            }
            guard record.fields.count == names.count else {
                throw DataError(file: reader.displayName, line: record.line,
                                message: "expected \(names.count) fields as in the header, found \(record.fields.count)")
            }
            var values: [CellValue] = []
            values.reserveCapacity(names.count)
            for (position, text) in record.fields.enumerated() {
                guard let value = parser.parse(text, as: fieldTypes[position]) else {
                    throw DataError(file: reader.displayName, line: record.line, column: names[position],
                                    message: "expected \(FieldParser.expectation(for: fieldTypes[position])), found '\(text)'")
                }
                values.append(value)
            }
            try rowBody(DataRow(line: record.line, values: values))
        }
        guard header != nil else {
            throw DataError(file: reader.displayName, message: "the file is empty: expected a header row")
        }
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

import AppendixData

/// A fee CSV read whole (fee tables are small): the header and the rows under it, each with as
/// many fields as the header. The one reader of fee tables and comparator files.
struct FeeCSV {
    /// The file as messages name it.
    let file: String
    let header: [String]
    let rows: [CSVRecord]

    init(_ reader: CSVReader) throws {
        let records = try reader.readAll()
        guard let header = records.first?.fields else { throw DataError(file: reader.displayName, message: "the file is empty: expected a header row") }
        for record in records.dropFirst() where record.fields.count != header.count {
            throw DataError(file: reader.displayName, line: record.line, message: "expected \(header.count) fields as in the header, found \(record.fields.count)")
        }
        file = reader.displayName
        self.header = header
        rows = Array(records.dropFirst())
    }

    /// The position of column `name`; `neededBy` says who named it (`--key`, a policy key).
    func column(_ name: String, neededBy: String) throws -> Int {
        guard let index = header.firstIndex(of: name) else {
            throw DataError(file: file, line: 1, message: "no column '\(name)' (\(neededBy)); the header has: \(header.joined(separator: ", "))")
        }
        return index
    }

    /// Throws at the first row whose key (column `index`, named `name`) an earlier row has.
    func checkUniqueKeys(at index: Int, named name: String) throws {
        var seen: Set<String> = []
        for row in rows where !seen.insert(row.fields[index]).inserted {
            throw DataError(file: file, line: row.line, column: name, message: "the fee key '\(row.fields[index])' appears twice; keys must be unique")
        }
    }
}

import AppendixData
import AppendixDefinition
import AppendixLayout
import Foundation

/// A source's rows as the definition reads them, without holding them: its CSV file, or every
/// CSV of its folder one file at a time, in name order, each row given its file's period (from
/// the file name) in a new column. Each header is checked against the definition (a folder's
/// first; the others must match it). Every pass reads the files again.
package struct SourceRows: RowPasses {
    package let source: SourceDefinition
    package let definition: ReportDefinition
    /// The CSV file or the folder (``ReportBuild/sourceURL(_:)``).
    package let url: URL
    /// Where passes leave how the files were read (the first pass's is kept), when streaming.
    let log: ReadingLog?
    /// Rows given in memory instead of the file or folder (``ReportBuild/sourceRows``).
    let memory: CSVRows?

    package func pass(header: (_ names: [String], _ file: String) throws -> Void, row: (DataRow) throws -> Void) throws {
        let reports = try read(header: header, row: row)
        log?.note(reports, of: source.name)
    }

    /// Reads every row once; returns how each file was read (one per file of a folder).
    package func read(header: (_ names: [String], _ file: String) throws -> Void, row: (DataRow) throws -> Void) throws -> [DataReadReport] {
        if let memory { return [try single(memory, header: header, row: row)] }
        guard source.isFolder else { return [try single(source.reader(url), header: header, row: row)] }
        var firstHeader: [String]?
        var reports: [DataReadReport] = []
        for name in try csvFileNames() {
            let fileURL = url.appendingPathComponent(name)
            guard let period = Period.inFileName(name) else {
                throw DataError(file: fileURL.relativeDisplayPath, message: "the file name has no period such as 2018-10 (expected e.g. enforcement-2018-10.csv)")
            }
            let reader = source.reader(fileURL), periodValue = CellValue.text(period.code)
            reports.append(try stream(reader, header: { names in
                try checkFolderHeader(names, first: firstHeader, file: reader.displayName)
                if firstHeader == nil { try header(names + [source.periodField], url.relativeDisplayPath) }
                firstHeader = firstHeader ?? names
            }, row: { fileRow in
                var dataRow = fileRow
                dataRow.values.append(periodValue)
                try row(dataRow)
            }))
        }
        return reports
    }

    /// One file's (or the in-memory rows') records, the header checked against the definition.
    private func single(_ records: some CSVRecordSource, header: (_ names: [String], _ file: String) throws -> Void,
                        row: (DataRow) throws -> Void) throws -> DataReadReport {
        try stream(records, header: { names in
            try definition.checkFieldReferences(inSource: source.name, header: names, csvFile: records.displayName)
            try header(names, records.displayName)
        }, row: row)
    }

    private func stream(_ reader: some CSVRecordSource, header: ([String]) throws -> Void, row: (DataRow) throws -> Void) throws -> DataReadReport {
        try DataTable.stream(reader, types: source.fieldTypes, parser: source.fieldParser, strict: source.strict,
                             writtenDecimals: definition.writtenDecimalFields(ofSource: source.name), header: header, row: row)
    }

    /// The folder's `.csv` files, in name order.
    private func csvFileNames() throws -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.lowercased().hasSuffix(".csv") }.sorted()
        } catch {
            throw DataError(file: url.relativeDisplayPath, message: "the folder cannot be read (\(error.localizedDescription))")
        }
        guard !names.isEmpty else { throw DataError(file: url.relativeDisplayPath, message: "the folder has no .csv files") }
        return names
    }

    /// The first file's header is checked against the definition (with the period column); each
    /// file must lack the period column, and the others must have the first one's header.
    private func checkFolderHeader(_ names: [String], first: [String]?, file: String) throws {
        if first == nil {
            try definition.checkFieldReferences(inSource: source.name, header: names + [source.periodField], csvFile: file)
        }
        if names.contains(source.periodField) {
            throw DataError(file: file, line: 1, column: source.periodField, message: "the file already has a '\(source.periodField)' column; the period comes from the file name")
        }
        if let first, first != names {
            throw DataError(file: file, line: 1, message: "the header differs from the folder's first file: expected \(first.joined(separator: ", "))")
        }
    }
}

/// How each streamed source's files were read: the first pass over it (a second sheet on it, or
/// a grouped sheet's second pass, reads it again).
package final class ReadingLog {
    package var reports: [String: [DataReadReport]] = [:]

    func note(_ reports: [DataReadReport], of source: String) {
        if self.reports[source] == nil { self.reports[source] = reports }
    }
}

import AppendixData
import AppendixDefinition
import AppendixLayout
import Foundation

extension SourceDefinition {
    /// A reader for one of the source's files, with its `encoding:` and `delimiter:`.
    package func reader(_ url: URL) -> CSVReader {
        CSVReader(url: url, displayName: url.relativeDisplayPath, delimiter: delimiter, encoding: encoding)
    }

    /// The parser for the source's values: its `missing:` markers, `decimal:` separator and
    /// `date_format:`.
    var fieldParser: FieldParser {
        FieldParser(missingMarkers: missingMarkers, decimal: decimal, dateOrder: dateOrder)
    }
}

extension DataTable {
    /// Adds how `other` was read and its warnings to this table's (for a folder's files).
    mutating func noteReading(of other: DataTable) {
        readReports += other.readReports
        warnings += other.warnings
    }
}

extension ReportBuild.Summary {
    /// The summary with the warnings and read reports of `tables`, in the definition's source order.
    package func reading(_ tables: [String: DataTable], of definition: ReportDefinition) -> Self {
        var summary = self
        for source in definition.sources {
            guard let table = tables[source.name] else { continue }
            summary.warnings += table.warnings
            summary.inputs += table.readReports
        }
        return summary
    }

    /// The summary with what reading one streamed file found (once per file).
    package mutating func note(_ report: DataReadReport) {
        guard !inputs.contains(where: { $0.file == report.read.file }) else { return }
        inputs.append(report.read)
        warnings += report.warnings
    }
}

extension ReportBuild {
    /// What ``check()`` found: the definition, the laid-out workbook, and the warnings and
    /// read reports of its CSV files.
    public struct Check: Sendable {
        /// The definition, loaded and checked.
        public var definition: ReportDefinition
        package var layout: WorkbookLayout
        /// What a build would warn about.
        public var warnings: [BuildWarning]
        /// How each CSV file was read.
        public var inputs: [CSVReadReport]
    }

    /// Reads and checks the definition and its data in memory, as ``validation(mode:)`` does in
    /// memory mode, and reports the warnings a build would give; writes nothing.
    public func check() throws -> Check {
        let definition = try loadDefinition()
        let tables = try loadTables(definition)
        let layout = try WorkbookLayoutBuilder(definition: definition, tables: tables).build()
        let reading = Summary(output: URL(fileURLWithPath: "/"), sheets: [], formulas: 0).reading(tables, of: definition)
        return Check(definition: definition, layout: layout, warnings: reading.warnings + layout.warnings, inputs: reading.inputs)
    }
}

extension ReportBuild {
    /// Where a source's data is read from: a batch's file for it, else its `file:` (absolute, or
    /// relative to the data folder). The one place that resolves it, for reading, for `auto`'s
    /// size test and for the output check.
    func sourceURL(_ source: SourceDefinition) -> URL {
        sourceFiles[source.name] ?? (source.file.hasPrefix("/") ? URL(fileURLWithPath: source.file) : dataDirectory.appendingPathComponent(source.file))
    }

    /// A source's rows: its ``sourceRows`` when given, else its file or folder.
    func rows(of source: SourceDefinition, in definition: ReportDefinition, log: ReadingLog?) -> SourceRows {
        SourceRows(source: source, definition: definition, url: sourceURL(source), log: log, memory: sourceRows[source.name])
    }
}

import AppendixData
import AppendixDefinition
import AppendixLayout
import AppendixRender
import Foundation

extension ReportBuild {
    /// CSV bytes above which `auto` streams, by default.
    public static let defaultStreamingThreshold = 1 << 20

    /// Whether this build streams: `mode` when it is `memory` or `streaming`; for `auto`, the
    /// definition's `mode:` when it names one, else whether the CSV input is over
    /// ``streamingThreshold``.
    ///
    /// The accessible variant never streams (Excel tables cannot be written in constant memory):
    /// with it, `streaming` (asked for here or by the definition) is an error.
    public func streams(_ definition: ReportDefinition, mode: BuildMode) throws -> Bool {
        if definition.publish == .accessible { return try AccessibleBuild.streams(definition, mode: mode) }
        switch mode == .auto ? definition.mode : mode {
        case .memory: return false
        case .streaming: return true
        case .auto: return definition.sources.map(inputBytes).reduce(0, +) > streamingThreshold
        }
    }

    /// The bytes of a source's CSV file, or of every CSV of its folder.
    private func inputBytes(_ source: SourceDefinition) -> Int {
        guard sourceRows[source.name] == nil else { return 0 }
        let url = sourceURL(source)
        func size(_ path: String) -> Int {  // stat(2): FileManager's attribute dictionary took ~0.9M instructions of casts
            var status = stat()
            return stat(path, &status) == 0 ? Int(status.st_size) : 0
        }
        guard source.isFolder else { return size(url.path) }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { $0.lowercased().hasSuffix(".csv") }.map { size(url.appendingPathComponent($0).path) }.reduce(0, +)
    }

    /// Lays out and writes the workbook: sources in `tables` (else loaded here: all of them in
    /// memory mode, none when streaming) come from memory, the others are read row by row
    /// (``SourceRows``), with temporary files beside the output; on ``threads`` threads
    /// (``SinkPipeline``).
    func assemble(_ given: ReportDefinition, to target: URL, streaming: Bool, tables givenTables: [String: DataTable]? = nil) throws -> Summary {
        let definition = try resolvingLogo(given)
        let tables = try givenTables ?? heldTables(definition, streaming: streaming)
        if definition.publish == .accessible { try AccessibleBuild.checkRows(of: definition, in: tables) }
        let writer = try WorkbookWriter(url: target, displayName: target.relativeDisplayPath, constantMemory: streaming, zip: packageZip)
        var properties = definition.documentProperties
        if definition.publish == .accessible { properties[.title] = AccessibleVariant.documentTitle(of: definition) }
        if !properties.isEmpty { try writer.setProperties(properties) }
        let laidOut = try SinkPipeline(threads: threads).run(into: writer) { sink in
            try layOut(definition, tables: tables, into: sink, spillFolder: target.deletingLastPathComponent())
        }
        try writer.close()
        var summary = Summary(output: target, sheets: laidOut.facts.sheets, formulas: laidOut.facts.formulas)
        summary.warnings = laidOut.warnings
        summary.inputs = laidOut.inputs
        summary.checks = laidOut.facts.checks
        return summary
    }

    /// The sources read into memory before laying out: all of them in memory mode, none when
    /// streaming (every sheet, keyed, sorted, grouped or per period, is read row by row).
    func heldTables(_ definition: ReportDefinition, streaming: Bool) throws -> [String: DataTable] {
        guard !streaming else { return [:] }
        var tables: [String: DataTable] = [:]
        for source in definition.sources { tables[source.name] = try load(source, of: definition) }
        return tables
    }

    /// What laying a workbook out found: its sheets and formulas, and how its CSV files were read.
    struct LaidOut {
        var facts: WorkbookAssembly.Facts
        var warnings: [BuildWarning] = []
        var inputs: [CSVReadReport] = []
    }

    /// Lays the workbook out into `sink` — the one path of builds, checks and previews: sources
    /// in `tables` from memory, the others read row by row (a sorted sheet's external sort
    /// spills into `spillFolder`).
    func layOut(_ definition: ReportDefinition, tables: [String: DataTable], into sink: WorkbookSink, spillFolder: URL) throws -> LaidOut {
        let log = ReadingLog()
        let streamed = StreamedSources(rows: { source in rows(of: source, in: definition, log: log) },
                                       spillFolder: spillFolder, sortOptions: sortOptions)
        let facts = try WorkbookAssembly(definition: definition, tables: tables, streamed: streamed).run(into: sink, checks: checkMode)
        // A summary gathers the warnings and read reports in source order, once per file.
        var reading = Summary(output: spillFolder, sheets: [], formulas: 0)
        for source in definition.sources {
            if let table = tables[source.name] {
                reading.warnings += table.warnings
                reading.inputs += table.readReports
            } else {
                for report in log.reports[source.name] ?? [] { reading.note(report) }
            }
        }
        return LaidOut(facts: facts, warnings: reading.warnings + facts.warnings, inputs: reading.inputs)
    }
}

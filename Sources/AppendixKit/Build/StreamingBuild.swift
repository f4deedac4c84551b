import Foundation

/// How a build holds its data: all in memory (needed for sorting, grouping and cross-sheet
/// formulas) or streamed row by row in constant memory (for large exports).
/// `auto` streams when every sheet can and the CSV files are larger than
/// ``ReportBuild/streamingThreshold`` (1 MiB, about 9,000 rows of a typical export).
public enum BuildMode: String, Sendable, CaseIterable {
    /// Stream when every sheet can and the CSV files are larger than ``ReportBuild/streamingThreshold``.
    case auto
    case memory
    case streaming
}

extension ReportBuild {
    /// CSV bytes above which `auto` streams, by default.
    public static let defaultStreamingThreshold = 1 << 20

    /// Whether this build streams, or why it cannot when streaming is asked for.
    public func streams(_ definition: ReportDefinition, mode: BuildMode) throws -> Bool {
        if mode == .memory { return false }
        for sheet in definition.sheets {
            if let reason = StreamingSheet.ineligibility(sheet, in: definition) {
                guard mode == .auto else {
                    throw DefinitionError(sheet.location, "sheet '\(sheet.name)' cannot be streamed: \(reason); build it with --mode memory")
                }
                return false
            }
        }
        if mode == .streaming { return true }
        let bytes = definition.sources.map { source -> Int in
            let url = sourceURL(source)
            return ((try? FileManager.default.attributesOfItem(atPath: url.path)[.size]) as? Int) ?? 0
        }.reduce(0, +)
        return bytes > streamingThreshold
    }

    /// Reads each sheet's CSV once, row by row, and writes the workbook in constant memory.
    func runStreaming(_ definition: ReportDefinition, to target: URL) throws -> Summary {
        let writer = try StreamingWorkbookWriter(url: target, displayName: target.relativeDisplayPath)
        if let title = definition.title { writer.setTitle(title) }
        var sheets: [(String, Int)] = []
        var formulas = 0
        var reading = Summary(output: target, sheets: [], formulas: 0)
        for sheet in definition.sheets {
            let source = definition.source(named: sheet.source)!
            let url = sourceURL(source)
            let reader = source.reader(url)
            var header: [String] = []
            var sample: [DataRow] = []
            var streaming: StreamingSheet?
            var filter: RowFilter?
            func start() throws {
                var sheetStream = try StreamingSheet(sheet: sheet, header: header, file: reader.displayName, sample: sample)
                try writer.beginSheet(name: sheet.name, columns: sheetStream.columns, styles: sheetStream.styles)
                try writer.write(sheetStream.prelude, heights: sheetStream.preludeHeights)
                for dataRow in sample {
                    let sheetRow = sheetStream.nextRow
                    let (contents, height) = try sheetStream.cells(for: dataRow)
                    try writer.writeRow(sheetRow, contents, height: height)
                }
                sample = []
                streaming = sheetStream
            }
            let report = try DataTable.stream(reader, types: source.fieldTypes, parser: source.fieldParser, strict: source.strict, header: { names in
                header = names
                try definition.checkFieldReferences(inSource: source.name, header: names, csvFile: reader.displayName)
                filter = try sheet.filter.map { try RowFilter($0, header: names, file: reader.displayName, sheet: sheet) }
            }, row: { row in
                if let filter, !filter.keeps(row) { return }
                guard streaming != nil else {
                    sample.append(row)
                    if sample.count == 1_000 { try start() }
                    return
                }
                let sheetRow = streaming!.nextRow
                let (contents, height) = try streaming!.cells(for: row)
                try writer.writeRow(sheetRow, contents, height: height)
            })
            reading.note(report)
            if streaming == nil { try start() }
            let (cells, fills) = try streaming!.finish()
            try writer.write(cells)
            try writer.finishSheet(freeze: streaming!.freeze, repeatedRows: streaming!.repeatedRows, print: sheet.print, conditionalFills: fills)
            sheets.append((sheet.name, streaming!.rowCount))
            formulas += streaming!.rowCount * sheet.columns.filter { if case .expression = $0.content { return true } else { return false } }.count
            formulas += cells.filter { if case .formula = $0.content { return true } else { return false } }.count
        }
        try writer.close()
        var summary = Summary(output: target, sheets: sheets, formulas: formulas)
        (summary.warnings, summary.inputs) = (reading.warnings, reading.inputs)
        return summary
    }
}

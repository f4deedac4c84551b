import AppendixData
import AppendixDefinition

/// Feeds one sheet's rows to a ``WorkbookSink`` as they are laid out, counting formulas.
package struct SheetWriter {
    /// What laying out a sheet found.
    package struct Result {
        package var dataRows: Int
        /// The label and value cells of each data row, for a summary over period sheets.
        var periodFacts: PeriodSheetFacts?
        /// What the laid-out sheet warns about (a table too wide to print, a header word cut).
        var warnings: [BuildWarning]
        /// What the sheet's checks recorded.
        var checks: SheetCheckTally?
        /// What the fee key sheet needs of each data row, for a `fee_import:` sheet.
        var feeKeys: FeeKeyRecording?
    }

    let sink: WorkbookSink
    package let position: Int
    private(set) var formulas = 0
    /// The table's charts, gathering their cells as data rows are written.
    private var charts: TableCharts?

    package init(sink: WorkbookSink, position: Int) {
        self.sink = sink
        self.position = position
    }

    /// Streams `sheet` from `rows` through a ``SheetStream``, each row written as it is laid out.
    /// `summary` says what a period sheet records for its summary.
    package mutating func write(_ sourced: SourcedSheet, from rows: SheetRowSource, definition: ReportDefinition, related: RelatedRowIndex,
                                summary: SummaryRecording?, checks: SheetCheckTally? = nil) throws -> Result {
        let sheet = sourced.sheet
        var stream: SheetStream?
        try rows.read(start: { header, file in
            let bound = try BoundSheet(sheet: sheet, header: header, file: file, definition: definition)
            let selection = try SheetRowSelection(sheet: sheet, source: sourced.source, header: header, file: file)
            stream = SheetStream(bound: bound, groupFields: selection.groupFields, related: related, facts: summary?.facts(sheet: sheet.name, file: file), checks: checks,
                                 keyed: sourced.source.key != nil)
            charts = bound.sheet.charts.isEmpty ? nil : TableCharts(bound: bound)
            return selection
        }, row: { dataRow in
            guard stream != nil else { preconditionFailure("a row source calls start before the first row") }
            try stream?.add(dataRow) { try emit($0, frame: $1) }
        })
        guard var finished = stream else { preconditionFailure("a row source calls start before it returns") }
        var settings = try finished.finish { try emit($0, frame: $1) }
        settings.charts += charts?.layouts(lastBodyRow: finished.lastRowUsed ?? finished.lastBodyRow) ?? []
        try sink.setColumns(finished.columns, of: position)
        try sink.finish(position, settings: settings)
        return Result(dataRows: finished.dataRowCount, periodFacts: finished.facts, warnings: finished.warnings, checks: finished.checks,
                      feeKeys: finished.feeKeys)
    }

    /// Writes a period summary, each row as it is made from the period sheets' facts.
    package mutating func write(_ summary: SummaryBuilder) throws {
        try sink.setColumns(summary.columnLayouts, of: position)
        // A drawn chart has at most 255 label rows: their cells give its cached values.
        var chartCells: [LayoutCell] = []
        try summary.rows { row in
            countFormulas(row)
            if summary.drawsChart { chartCells += row.cells }
            try sink.write(row, to: position)
        }
        try sink.finish(position, settings: summary.settings(cells: chartCells))
    }

    /// Writes one row (the columns are set when the sheet finishes, from every row's widths).
    private mutating func emit(_ row: LayoutRow, frame: SheetFrame) throws {
        countFormulas(row)
        try charts?.record(row)
        try sink.write(row, to: position)
    }

    private mutating func countFormulas(_ row: LayoutRow) {
        if let body = row.body {
            for content in body.contents { if case .formula = content { formulas += 1 } }
        } else {
            for cell in row.cells { if case .formula = cell.content { formulas += 1 } }
        }
    }
}

import AppendixData
import AppendixDefinition

/// Lays out a whole workbook into a ``WorkbookSink``, sheet by sheet and row by row: per-period
/// sheets expanded, keyed sources placed for related lookups, each sheet streamed from its row
/// source, and period summaries written after their period sheets (sheets stay open at once).
package struct WorkbookAssembly {
    /// What was laid out: each sheet's data rows, in workbook order, the formulas written, and
    /// what a reader should know (a summary's chart left out).
    package struct Facts: Sendable {
        package var sheets: [SheetRowCount] = []
        package var formulas = 0
        package var warnings: [BuildWarning] = []
    }

    private let expansion: PeriodExpansion
    private let streamed: StreamedSources?
    private var definition: ReportDefinition { expansion.definition }

    /// `tables` holds the sources read into memory (every one in memory mode, none when
    /// streaming); the others are read through `streamed` (needed unless every source is in
    /// `tables`). Per-period sheets' sources are split by period here, before any sheet is laid
    /// out.
    package init(definition: ReportDefinition, tables: [String: DataTable], streamed: StreamedSources? = nil) throws {
        expansion = try PeriodExpansion(definition: definition, tables: tables, streamed: streamed)
        self.streamed = streamed
    }

    /// Lays every sheet out into `sink`.
    package func run(into sink: WorkbookSink) throws -> Facts {
        let names = sheetOrder()
        let positions = Dictionary(uniqueKeysWithValues: try names.map { ($0, try sink.addSheet(name: $0)) })
        let related = try relatedIndex()
        var facts = Facts()
        var rows: [String: Int] = [:]
        let labels = expansion.summaries.map { _ in SummaryLabels() }
        let recordings = summaryRecordings(labels)
        let store = SummaryCellStore(folder: streamed?.spillFolder, writeCall: streamed?.sortOptions.writeCall ?? SpillFile.systemWrite)
        var periodSheets: [String: PeriodSheetCells] = [:]
        for sheet in definition.sheets {
            // swift-format-ignore: NeverForceUnwrap
            var writer = SheetWriter(sink: sink, position: positions[sheet.name]!)  // every name was added above
            var result = try writer.write(sheet, from: rowSource(of: sheet), definition: definition, related: related, summary: recordings[sheet.name])
            rows[sheet.name] = result.dataRows
            facts.formulas += writer.formulas
            // Taken, so the facts' cells are sorted in place rather than copied.
            periodSheets[sheet.name] = try result.periodFacts.take()?.stored(in: store)
        }
        for (placement, labels) in zip(expansion.summaries, labels) {
            let sheets = placement.sheetNames.compactMapValues { periodSheets[$0] }
            let summary = SummaryBuilder(summary: placement.summary, template: placement.template, periods: placement.periods, sheets: sheets,
                                         store: store, labels: labels)
            // swift-format-ignore: NeverForceUnwrap
            var writer = SheetWriter(sink: sink, position: positions[placement.summary.name]!)  // the summary's name was added above
            try writer.write(summary)
            rows[placement.summary.name] = labels.count
            facts.formulas += writer.formulas
            facts.warnings += summary.warnings
        }
        facts.sheets = names.map { SheetRowCount(name: $0, rows: rows[$0] ?? 0) }
        return facts
    }

    /// Where a sheet's rows come from: its table in memory, its period's spilled rows, or its
    /// source read row by row.
    private func rowSource(of sheet: SheetDefinition) -> SheetRowSource {
        if let table = expansion.tables[sheet.source] { return InMemoryRows(table) }
        guard let streamed else { preconditionFailure("a source not in memory is read through StreamedSources") }
        if let spilled = expansion.spilled[sheet.source] { return streamed.sheetRows(spilled) }
        // Every sheet's source is in the definition (checked when it loaded).
        // swift-format-ignore: NeverForceUnwrap
        return streamed.sheetRows(streamed.rows(definition.source(named: sheet.source)!))
    }

    /// Sheet names in workbook order: each summary before the first of its period sheets.
    private func sheetOrder() -> [String] {
        var names = definition.sheets.map(\.name)
        for summary in expansion.summaries {
            let position = names.firstIndex(of: summary.insertBefore) ?? names.count
            names.insert(summary.summary.name, at: position)
        }
        return names
    }

    /// What each period sheet records for its summary, by sheet name; the sheets of one summary
    /// share its labels.
    private func summaryRecordings(_ labels: [SummaryLabels]) -> [String: SummaryRecording] {
        var recordings: [String: SummaryRecording] = [:]
        for (placement, labels) in zip(expansion.summaries, labels) {
            // Validated with the definition: the summary's columns exist on its template.
            // swift-format-ignore: NeverForceUnwrap
            let labelColumn = placement.template.columnIndex(placement.summary.rowColumn)!
            // swift-format-ignore: NeverForceUnwrap
            let valueColumn = placement.template.columnIndex(placement.summary.valueColumn)!
            for (period, name) in placement.sheetNames {
                recordings[name] = SummaryRecording(summary: placement.summary, labels: labels, period: period,
                                                    labelColumn: labelColumn, valueColumn: valueColumn)
            }
        }
        return recordings
    }

    /// Where each keyed source's rows sit on the first sheet showing it, and the numbers formulas
    /// read there: a pass over that sheet's rows through the same row source and selection the
    /// sheet is written from, so filter, sort, group_by, the external sort and heading rows place
    /// them exactly as written, holding one row at a time (the numbers go to temporary files
    /// beside the output). A keyed sheet is therefore read twice (this pass, then the write), the
    /// price of not holding its rows.
    private func relatedIndex() throws -> RelatedRowIndex {
        var index = RelatedRowIndex(definition: definition, spillFolder: streamed?.spillFolder, writeCall: streamed?.sortOptions.writeCall ?? SpillFile.systemWrite)
        for sheet in definition.sheets {
            guard let source = definition.source(named: sheet.source), source.key != nil, index.placements[source.name] == nil else { continue }
            try index.place(sheet, source: source, from: rowSource(of: sheet), definition: definition)
        }
        return index
    }
}

/// A sheet's name and how many data rows (CSV rows shown) it has.
public struct SheetRowCount: Sendable, Equatable {
    /// The sheet's name.
    public var name: String
    /// Its data rows (CSV rows shown).
    public var rows: Int

    package init(name: String, rows: Int) {
        self.name = name
        self.rows = rows
    }
}

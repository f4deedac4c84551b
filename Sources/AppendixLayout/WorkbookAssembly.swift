import AppendixData
import AppendixDefinition

/// Lays out a whole workbook into a ``WorkbookSink``, sheet by sheet and row by row: per-period
/// sheets expanded, keyed sources placed for related lookups, each sheet streamed from its row
/// source, and period summaries written after their period sheets (sheets stay open at once).
public struct WorkbookAssembly {
    /// What was laid out: each sheet's data rows, in workbook order, and the formulas written.
    public struct Facts: Sendable {
        public var sheets: [(name: String, rows: Int)] = []
        public var formulas = 0
    }

    private let expansion: PeriodExpansion
    private var definition: ReportDefinition { expansion.definition }

    /// `tables` holds the sources read into memory: at least ``heldSources(_:)``.
    public init(definition: ReportDefinition, tables: [String: DataTable]) throws {
        expansion = try PeriodExpansion(definition: definition, tables: tables)
    }

    /// The sources whose rows must all be in memory before their sheets are laid out: per-period
    /// or keyed sheets' sources, and folders (one file per period). Sorted and grouped sheets
    /// stream through an external sort.
    public static func heldSources(_ definition: ReportDefinition) -> Set<String> {
        var names: Set<String> = []
        for sheet in definition.sheets {
            let source = definition.source(named: sheet.source)
            if sheet.perPeriod != nil || source?.key != nil || source?.isFolder == true {
                names.insert(sheet.source)
            }
        }
        return names
    }

    /// Lays every sheet out into `sink`; sources not held in memory are read through `streamed`.
    public func run(into sink: WorkbookSink, streamed: (SourceDefinition) -> SheetRowSource) throws -> Facts {
        let names = sheetOrder()
        let positions = Dictionary(uniqueKeysWithValues: try names.map { ($0, try sink.addSheet(name: $0)) })
        let related = try relatedIndex()
        var facts = Facts()
        var rows: [String: Int] = [:]
        var periodSheets: [String: PeriodSheetFacts] = [:]
        let summarised = Set(expansion.summaries.flatMap { $0.sheetNames.values })
        for sheet in definition.sheets {
            // Every sheet's source is in the definition (checked when it loaded).
            // swift-format-ignore: NeverForceUnwrap
            let source = definition.source(named: sheet.source)!
            let rowSource = expansion.tables[sheet.source].map { InMemoryRows($0) as SheetRowSource } ?? streamed(source)
            // swift-format-ignore: NeverForceUnwrap
            var writer = SheetWriter(sink: sink, position: positions[sheet.name]!)  // every name was added above
            let result = try writer.write(sheet, from: rowSource, definition: definition, related: related,
                                          summaryColumns: summarised.contains(sheet.name) ? summaryColumns(of: sheet) : nil)
            rows[sheet.name] = result.dataRows
            facts.formulas += writer.formulas
            periodSheets[sheet.name] = result.periodFacts
        }
        for summary in expansion.summaries {
            let sheets = summary.sheetNames.compactMapValues { periodSheets[$0] }
            let layout = try SummaryBuilder(summary: summary.summary, template: summary.template, periods: summary.periods, sheets: sheets).layout()
            // swift-format-ignore: NeverForceUnwrap
            var writer = SheetWriter(sink: sink, position: positions[layout.name]!)  // the summary's name was added above
            try writer.write(layout)
            rows[layout.name] = layout.dataRowCount
            facts.formulas += writer.formulas
        }
        facts.sheets = names.map { ($0, rows[$0] ?? 0) }
        return facts
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

    /// The label and value columns a summary reads from its period sheets.
    private func summaryColumns(of sheet: SheetDefinition) -> (label: Int, value: Int)? {
        guard let summary = expansion.summaries.first(where: { $0.sheetNames.values.contains(sheet.name) }) else { return nil }
        // Validated with the definition: the summary's columns exist on its template.
        // swift-format-ignore: NeverForceUnwrap
        return (summary.template.columnIndex(summary.summary.rowColumn)!, summary.template.columnIndex(summary.summary.valueColumn)!)
    }

    /// Where each keyed source's rows sit on the first sheet showing it.
    private func relatedIndex() throws -> RelatedRowIndex {
        var index = RelatedRowIndex()
        for sheet in definition.sheets {
            guard let source = definition.source(named: sheet.source), source.key != nil,
                  index.placements[source.name] == nil, let table = expansion.tables[sheet.source] else { continue }
            let bound = try BoundSheet(sheet: sheet, header: table.header, file: table.file, definition: definition)
            let selection = try SheetRowSelection(sheet: sheet, source: source, header: table.header, file: table.file)
            try index.add(bound, source: source, selection: selection, rows: selection.ordered(table.rows.filter(selection.keeps)))
        }
        return index
    }
}

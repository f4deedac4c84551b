import AppendixData
import AppendixDefinition
import Foundation

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
        /// Every check's outcome, in definition order.
        package var checks: [CheckOutcome] = []
    }

    private let expansion: PeriodExpansion
    private let streamed: StreamedSources?
    /// The accessible variant's plan, when the definition is published so (`publish: accessible`).
    private let accessible: AccessibleVariant?
    /// The day the cover sheet gives when the definition's `cover:` has no `date:`.
    package var buildDate = Date()
    private var definition: ReportDefinition { expansion.definition }

    /// `tables` holds the sources read into memory (every one in memory mode, none when
    /// streaming); the others are read through `streamed` (needed unless every source is in
    /// `tables`). Per-period sheets' sources are split by period here, before any sheet is laid
    /// out.
    package init(definition: ReportDefinition, tables: [String: DataTable], streamed: StreamedSources? = nil) throws {
        accessible = definition.publish == .accessible ? AccessibleVariant(definition) : nil
        expansion = try PeriodExpansion(definition: accessible?.definition ?? definition, tables: tables, streamed: streamed)
        self.streamed = streamed
    }

    /// Lays every sheet out into `sink`, then works out the definition's checks: when one fails,
    /// throws ``CheckFailures`` (before the sink's workbook is closed, so nothing is written),
    /// or with `checks: .warnOnly` adds a Checks sheet and a warning per failed check.
    package func run(into sink: WorkbookSink, checks mode: CheckMode = .enforce) throws -> Facts {
        let order = sheetOrder()
        var plan = SheetPlan(sheets: expansion.sheets.count, summaries: expansion.summaries.count)
        var publication = accessible.map { PublicationSheets(title: $0.title, cover: definition.cover, buildDate: buildDate) }
        try publication?.add(to: sink, avoiding: order.map(name))
        for slot in order {
            switch slot {
            case .sheet(let index): plan.sheetPositions[index] = try sink.addSheet(name: expansion.sheets[index].sheet.name)
            case .summary(let index): plan.summaryPositions[index] = try sink.addSheet(name: expansion.summaries[index].summary.name)
            }
        }
        let related = try relatedIndex()
        var checks = try WorkbookChecks(definition: definition, passes: { passes(of: $0) })
        var facts = Facts()
        let labels = expansion.summaries.map { _ in SummaryLabels() }
        let recordings = summaryRecordings(labels)
        let store = SummaryCellStore(folder: streamed?.spillFolder, writeCall: streamed?.sortOptions.writeCall ?? SpillFile.systemWrite)
        var periodSheets: [PeriodSheetCells?] = Array(repeating: nil, count: expansion.sheets.count)
        var feeKeys: FeeKeyRecording?
        for (index, sourced) in expansion.sheets.enumerated() {
            var writer = SheetWriter(sink: sink, position: plan.sheetPositions[index])
            var result = try writer.write(sourced, from: rowSource(of: sourced), definition: definition, related: related, summary: recordings[index],
                                          checks: checks.tally(forSheet: sourced.sheet.name))
            checks.keep(result.checks, forSheet: sourced.sheet.name)
            plan.sheetRows[index] = result.dataRows
            facts.formulas += writer.formulas
            facts.warnings += result.warnings
            feeKeys = feeKeys ?? result.feeKeys
            // Taken, so the facts' cells are sorted in place rather than copied.
            periodSheets[index] = try result.periodFacts.take()?.stored(in: store)
        }
        var notes = accessible?.notes ?? []
        for (index, (placement, labels)) in zip(expansion.summaries, labels).enumerated() {
            let summary = SummaryBuilder(placement: placement, sheets: placement.sheets.compactMapValues { periodSheets[$0] }, store: store, labels: labels, roles: CellRoles(definition.style),
                                         firstNote: accessible.map { _ in notes.count + 1 })
            if accessible != nil {
                notes += summary.notes().enumerated().map { AccessibleVariant.Note(number: notes.count + $0.offset + 1, sheet: placement.summary.name, text: $0.element) }
            }
            var writer = SheetWriter(sink: sink, position: plan.summaryPositions[index])
            try writer.write(summary)
            plan.summaryRows[index] = labels.count
            facts.formulas += writer.formulas
            facts.warnings += summary.warnings
        }
        facts.sheets = order.map { slot in
            switch slot {
            case .sheet(let index): SheetRowCount(name: expansion.sheets[index].sheet.name, rows: plan.sheetRows[index])
            case .summary(let index): SheetRowCount(name: expansion.summaries[index].summary.name, rows: plan.summaryRows[index])
            }
        }
        if let publication {
            let listed = order.map { PublicationSheets.Listed(name: name($0), title: title($0)) }
            facts.sheets = try publication.write(into: sink, listed: listed, notes: notes) + facts.sheets
        }
        try finishChecks(checks, mode: mode, into: sink, facts: &facts)
        // Hidden, last, and not listed in the facts (it is not part of the report).
        try feeKeys.map { try FeeKeySheet(recording: $0).write(into: sink, avoiding: facts.sheets.map(\.name)) }
        return facts
    }

    /// The checks' outcomes in `facts`; a failure thrown, or with `.warnOnly` a Checks sheet
    /// written and a warning per failed check.
    private func finishChecks(_ checks: WorkbookChecks, mode: CheckMode, into sink: WorkbookSink, facts: inout Facts) throws {
        guard !definition.checks.isEmpty else { return }
        facts.checks = checks.outcomes()
        let failures = facts.checks.filter { !$0.passed }
        guard !failures.isEmpty else { return }
        guard mode == .warnOnly else { throw CheckFailures(file: definition.file, failures: failures, checked: facts.checks.count) }
        facts.sheets.append(try ChecksSheet(outcomes: facts.checks, roles: CellRoles(definition.style), accessible: accessible != nil).write(into: sink, avoiding: facts.sheets.map(\.name)))
        facts.warnings += failures.map { failure in
            BuildWarning(file: definition.file, column: nil, lines: [], count: failure.rowCount, message: failure.message + "; built anyway (--warn-only), see sheet '\(facts.sheets.last?.name ?? "Checks")'")
        }
    }

    /// A source's rows from the start, for the checks: its table in memory, else read through `streamed`.
    private func passes(of source: SourceDefinition) -> RowPasses {
        if let table = expansion.tables[source.name] { return table }
        guard let streamed else { preconditionFailure("a source not in memory is read through StreamedSources") }
        return streamed.rows(source)
    }

    /// Where a sheet's rows come from: its table in memory, its period's spilled rows, or its
    /// source read row by row.
    private func rowSource(of sourced: SourcedSheet) -> SheetRowSource {
        if let table = expansion.tables[sourced.source.name] { return InMemoryRows(table) }
        guard let streamed else { preconditionFailure("a source not in memory is read through StreamedSources") }
        if let spilled = expansion.spilled[sourced.source.name] { return streamed.sheetRows(spilled) }
        return streamed.sheetRows(streamed.rows(sourced.source))
    }

    /// The name of the sheet in `slot`.
    private func name(_ slot: SheetSlot) -> String {
        switch slot {
        case .sheet(let index): expansion.sheets[index].sheet.name
        case .summary(let index): expansion.summaries[index].summary.name
        }
    }

    /// The title of the sheet in `slot` (its name when it has none).
    private func title(_ slot: SheetSlot) -> String {
        switch slot {
        case .sheet(let index): expansion.sheets[index].sheet.title ?? name(slot)
        case .summary(let index): expansion.summaries[index].summary.title ?? name(slot)
        }
    }

    /// The workbook's sheets in order: each summary before the first of its period sheets.
    private func sheetOrder() -> [SheetSlot] {
        var order: [SheetSlot] = []
        for index in expansion.sheets.indices {
            for (summary, placement) in expansion.summaries.enumerated() where placement.insertBefore == index { order.append(.summary(summary)) }
            order.append(.sheet(index))
        }
        return order
    }

    /// What each sheet records for its summary, by index into the expanded sheets (`nil` for a
    /// sheet that no summary reads); the sheets of one summary share its labels.
    private func summaryRecordings(_ labels: [SummaryLabels]) -> [SummaryRecording?] {
        var recordings: [SummaryRecording?] = Array(repeating: nil, count: expansion.sheets.count)
        for (placement, labels) in zip(expansion.summaries, labels) {
            for (period, index) in placement.sheets {
                recordings[index] = SummaryRecording(summary: placement.summary, labels: labels, period: period,
                                                     labelColumn: placement.labelColumn, valueColumn: placement.valueColumn)
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
        for sourced in expansion.sheets {
            guard sourced.source.key != nil, index.placements[sourced.source.name] == nil else { continue }
            try index.place(sourced.sheet, source: sourced.source, from: rowSource(of: sourced), definition: definition)
        }
        return index
    }
}

/// One sheet of the workbook: a (period-expanded) sheet or a summary, by index into
/// ``PeriodExpansion/sheets`` or ``PeriodExpansion/summaries``.
private enum SheetSlot {
    case sheet(Int)
    case summary(Int)
}

/// Each sheet's and summary's position in the sink and the rows laid out there, by index as in
/// ``SheetSlot``.
private struct SheetPlan {
    var sheetPositions: [Int]
    var summaryPositions: [Int]
    var sheetRows: [Int]
    var summaryRows: [Int]

    init(sheets: Int, summaries: Int) {
        sheetPositions = Array(repeating: 0, count: sheets)
        sheetRows = Array(repeating: 0, count: sheets)
        summaryPositions = Array(repeating: 0, count: summaries)
        summaryRows = Array(repeating: 0, count: summaries)
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

import AppendixData
import AppendixDefinition

/// Repeats per-period sheets once per period found in their data, chronologically, and
/// records what the summary sheet needs. Each per-period sheet's source is split once
/// (``PeriodSplit``): in memory when its table is held, else streamed into a spill file.
package struct PeriodExpansion {
    /// The definition with per-period sheets replaced by one sheet per period.
    package var definition: ReportDefinition
    /// Its sheets in order, each with the source it reads (resolved once, here).
    package var sheets: [SourcedSheet] = []
    /// The tables held in memory, with one derived table per period sheet split in memory.
    package var tables: [String: DataTable]
    /// The rows of period sheets split to a spill file, by their derived source name.
    package var spilled: [String: SpilledPeriodRows] = [:]
    /// Each summary, where it goes and what it summarises.
    var summaries: [SummaryPlacement] = []

    /// Splits each per-period sheet's source: its table in `tables`, else read through `streamed`.
    /// - Throws: ``/AppendixDefinition/DefinitionError`` when a sheet's source is not defined or two
    ///   sheets would share a name; what reading a source throws.
    package init(definition: ReportDefinition, tables: [String: DataTable], streamed: StreamedSources?) throws {
        self.definition = definition
        self.tables = tables
        for sheet in definition.sheets {
            let source = try definition.source(of: sheet)
            guard let field = sheet.perPeriod else { sheets.append(SourcedSheet(sheet: sheet, source: source)); continue }
            let split = try Self.split(sheet, source: source, field: field, tables: tables, streamed: streamed)
            let first = sheets.count
            var names: [Period: Int] = [:]
            for part in split.present {
                names[part.period] = sheets.count
                sheets.append(try add(sheet, source: source, part: part))
            }
            if let summary = sheet.summary, !split.present.isEmpty {
                let columns = ColumnPositions(sheet)
                summaries.append(SummaryPlacement(insertBefore: first, summary: summary, template: sheet, periods: split.all, sheets: names,
                                                  labelColumn: columns.index(of: summary.rowColumn), valueColumn: columns.index(of: summary.valueColumn)))
            }
        }
        var seen: Set<String> = []
        for sheet in sheets.map(\.sheet) where !seen.insert(sheet.name.lowercased()).inserted {
            throw DefinitionError(sheet.location, "two sheets would be called '\(sheet.name)'; put {period} in the per-period sheet's name")
        }
        self.definition.sheets = sheets.map(\.sheet)
    }

    private static func split(_ sheet: SheetDefinition, source: SourceDefinition, field: String, tables: [String: DataTable],
                              streamed: StreamedSources?) throws -> PeriodSplit {
        if let table = tables[source.name] { return try PeriodSplit(table, sheet: sheet, field: field) }
        guard let streamed else { preconditionFailure("a source not in memory is read through StreamedSources") }
        return try PeriodSplit(streaming: streamed.rows(source), sheet: sheet, field: field,
                               folder: streamed.spillFolder, writeCall: streamed.sortOptions.writeCall)
    }

    /// Adds the sheet of one period, reading its rows through a derived source `SOURCE@CODE`.
    private mutating func add(_ sheet: SheetDefinition, source: SourceDefinition, part: PeriodSplit.PeriodPart) throws -> SourcedSheet {
        let period = part.period
        var expanded = sheet
        expanded.perPeriod = nil
        expanded.summary = nil
        expanded.name = sheet.name.replacingOccurrences(of: "{period}", with: period.label)
        expanded.title = sheet.title?.replacingOccurrences(of: "{period}", with: period.label)
        expanded.subtitle = sheet.subtitle?.replacingOccurrences(of: "{period}", with: period.label)
        expanded.source = "\(sheet.source)@\(period.code)"
        try DefinitionValidator.validateSheetName(expanded)
        var derived = source
        derived.name = expanded.source
        definition.sources.append(derived)
        switch part.rows {
        case .table(let table): tables[expanded.source] = table
        case .spilled(let spilledRows): spilled[expanded.source] = spilledRows
        }
        return SourcedSheet(sheet: expanded, source: derived)
    }
}

/// A sheet and the source it reads.
package struct SourcedSheet {
    package var sheet: SheetDefinition
    package var source: SourceDefinition
}

/// Where a period summary goes and what it summarises.
struct SummaryPlacement {
    /// The first of its period sheets, as an index into ``PeriodExpansion/sheets``: the summary
    /// is placed before it.
    var insertBefore: Int
    var summary: PeriodSummary
    /// The per-period sheet as defined: its columns give the summary's label and value columns.
    var template: SheetDefinition
    /// Every period from the first to the last, those without data included.
    var periods: [Period]
    /// The sheet of each period with data, as an index into ``PeriodExpansion/sheets``.
    var sheets: [Period: Int]
    /// The template's column holding each row's label (`row_column`).
    var labelColumn: Int
    /// The template's column holding each row's value (`value_column`).
    var valueColumn: Int
}

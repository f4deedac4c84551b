import AppendixData
import AppendixDefinition

/// Repeats per-period sheets once per period found in their data, chronologically, and
/// records what the summary sheet needs. Each per-period sheet's source is split once
/// (``PeriodSplit``): in memory when its table is held, else streamed into a spill file.
package struct PeriodExpansion {
    /// The definition with per-period sheets replaced by one sheet per period.
    package var definition: ReportDefinition
    /// The tables held in memory, with one derived table per period sheet split in memory.
    package var tables: [String: DataTable]
    /// The rows of period sheets split to a spill file, by their derived source name.
    package var spilled: [String: SpilledPeriodRows] = [:]
    /// Each summary, where it goes and what it summarises.
    var summaries: [SummaryPlacement] = []

    /// Splits each per-period sheet's source: its table in `tables`, else read through `streamed`.
    package init(definition: ReportDefinition, tables: [String: DataTable], streamed: StreamedSources?) throws {
        self.definition = definition
        self.tables = tables
        var sheets: [SheetDefinition] = []
        for sheet in definition.sheets {
            guard let field = sheet.perPeriod else { sheets.append(sheet); continue }
            let split = try Self.split(sheet, field: field, tables: tables, definition: definition, streamed: streamed)
            var names: [Period: String] = [:]
            for period in split.present {
                let expanded = try add(sheet, period: period, rows: split.rows(of: period))
                names[period] = expanded.name
                sheets.append(expanded)
            }
            if let summary = sheet.summary, let first = split.present.first, let firstName = names[first] {
                summaries.append(SummaryPlacement(insertBefore: firstName, summary: summary, template: sheet, periods: split.all, sheetNames: names))
            }
        }
        var seen: Set<String> = []
        for sheet in sheets where !seen.insert(sheet.name.lowercased()).inserted {
            throw DefinitionError(sheet.location, "two sheets would be called '\(sheet.name)'; put {period} in the per-period sheet's name")
        }
        self.definition.sheets = sheets
    }

    private static func split(_ sheet: SheetDefinition, field: String, tables: [String: DataTable], definition: ReportDefinition,
                              streamed: StreamedSources?) throws -> PeriodSplit {
        if let table = tables[sheet.source] { return try PeriodSplit(table, sheet: sheet, field: field) }
        guard let streamed else { preconditionFailure("a source not in memory is read through StreamedSources") }
        // Every sheet's source is in the definition (checked when it loaded).
        // swift-format-ignore: NeverForceUnwrap
        let source = definition.source(named: sheet.source)!
        return try PeriodSplit(streaming: streamed.rows(source), sheet: sheet, field: field,
                               folder: streamed.spillFolder, writeCall: streamed.sortOptions.writeCall)
    }

    /// Adds the sheet of one period, reading `rows` through a derived source `SOURCE@CODE`.
    private mutating func add(_ sheet: SheetDefinition, period: Period, rows: PeriodSplit.PeriodRows) throws -> SheetDefinition {
        var expanded = sheet
        expanded.perPeriod = nil
        expanded.summary = nil
        expanded.name = sheet.name.replacingOccurrences(of: "{period}", with: period.label)
        expanded.title = sheet.title?.replacingOccurrences(of: "{period}", with: period.label)
        expanded.subtitle = sheet.subtitle?.replacingOccurrences(of: "{period}", with: period.label)
        expanded.source = "\(sheet.source)@\(period.code)"
        try DefinitionValidator.validateSheetName(expanded)
        // Every sheet's source is in the definition (checked when it loaded).
        // swift-format-ignore: NeverForceUnwrap
        var derived = definition.source(named: sheet.source)!
        derived.name = expanded.source
        definition.sources.append(derived)
        switch rows {
        case .table(let table): tables[expanded.source] = table
        case .spilled(let spilledRows): spilled[expanded.source] = spilledRows
        }
        return expanded
    }
}

/// Where a period summary goes and what it summarises.
struct SummaryPlacement {
    /// The first of its period sheets: the summary is placed before it.
    var insertBefore: String
    var summary: PeriodSummary
    /// The per-period sheet as defined: its columns give the summary's label and value columns.
    var template: SheetDefinition
    /// Every period from the first to the last, those without data included.
    var periods: [Period]
    /// The sheet of each period with data.
    var sheetNames: [Period: String]
}

import AppendixData
import AppendixDefinition

/// Repeats per-period sheets once per period found in their data, chronologically, and
/// records what the summary sheet needs.
package struct PeriodExpansion {
    /// The definition with per-period sheets replaced by one sheet per period.
    package var definition: ReportDefinition
    /// The tables, with one derived table per period sheet.
    package var tables: [String: DataTable]
    /// For each summary: where it goes (before the first of its period sheets) and its periods.
    var summaries: [(insertBefore: String, summary: PeriodSummary, template: SheetDefinition, periods: [Period], sheetNames: [Period: String])] = []

    package init(definition: ReportDefinition, tables: [String: DataTable]) throws {
        self.definition = definition
        self.tables = tables
        var sheets: [SheetDefinition] = []
        for sheet in definition.sheets {
            guard let field = sheet.perPeriod else { sheets.append(sheet); continue }
            // Every source was loaded, and every sheet's source exists (checked when the definition loaded).
            // swift-format-ignore: NeverForceUnwrap
            let table = tables[sheet.source]!
            // swift-format-ignore: NeverForceUnwrap
            let source = definition.source(named: sheet.source)!
            let fieldIndex = try FieldBinding.index(of: field, in: table.header, file: table.file, neededBy: "\(sheet.location.path).per_period at \(sheet.location.file):\(sheet.location.line)")
            var byPeriod: [Period: [DataRow]] = [:]
            for row in table.rows {
                let text = row.values[fieldIndex].displayText
                guard let period = Period(text) else {
                    throw DataError(file: table.file, line: row.line, column: field,
                                    message: "expected a period such as 2018-10, Oct 2018 or Q2 2018/19, found '\(text)'", value: text)
                }
                byPeriod[period, default: []].append(row)
            }
            let present = byPeriod.keys.sorted()
            var all: [Period] = []
            if var period = present.first, let last = present.last, present.allSatisfy({ $0.kind == period.kind }) {
                while period <= last { all.append(period); period = period.next }
            } else {
                all = present
            }
            var names: [Period: String] = [:]
            for period in present {
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
                self.definition.sources.append(derived)
                // `period` is one of the keys of `byPeriod`.
                // swift-format-ignore: NeverForceUnwrap
                self.tables[expanded.source] = DataTable(file: table.file, header: table.header, rows: byPeriod[period]!)
                names[period] = expanded.name
                sheets.append(expanded)
            }
            if let summary = sheet.summary, let first = present.first {
                // Every present period was named in the loop above.
                // swift-format-ignore: NeverForceUnwrap
                summaries.append((names[first]!, summary, sheet, all, names))
            }
        }
        var seen: Set<String> = []
        for sheet in sheets where !seen.insert(sheet.name.lowercased()).inserted {
            throw DefinitionError(sheet.location, "two sheets would be called '\(sheet.name)'; put {period} in the per-period sheet's name")
        }
        self.definition.sheets = sheets
    }
}

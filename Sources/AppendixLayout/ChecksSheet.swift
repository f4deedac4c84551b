import AppendixDefinition

/// The sheet `--warn-only` adds when checks fail: every check with its sheet, pass or FAIL,
/// what was expected, what was found and the rows that break it.
struct ChecksSheet {
    let outcomes: [CheckOutcome]
    /// Each role's style (the definition's house style).
    let roles: CellRoles
    /// In the accessible variant: the checks an Excel table, an empty cell `none`.
    var accessible = false

    /// A sheet name no other sheet has: `Checks`, else `Checks 2`, `Checks 3` …
    static func name(avoiding taken: [String]) -> String { uniqueSheetName("Checks", avoiding: taken) }

    /// Adds the sheet to `sink` after the others; returns its name and row count.
    func write(into sink: WorkbookSink, avoiding taken: [String]) throws -> SheetRowCount {
        let name = Self.name(avoiding: taken)
        let position = try sink.addSheet(name: name)
        try sink.setColumns([30, 20, 8, 50, 40, 50].map { ColumnLayout(width: $0, hidden: false) }, of: position)
        let failed = outcomes.filter { !$0.passed }.count
        try sink.write(LayoutRow(index: 0, cells: [LayoutCell(row: 0, column: 0, content: .text("Checks: \(failed) of \(outcomes.count) failed"), style: roles.title)]), to: position)
        let headers = ["Check", "Sheet", "Result", "Expected", "Found", "Rows"]
        try sink.write(row(2, headers, style: roles.header), to: position)
        var body = roles.plainBody
        body.wrap = true
        body.alignTop = true
        body.border = true
        for (offset, outcome) in outcomes.enumerated() {
            var rows = outcome.rows.map(\.description).joined(separator: ", ")
            if outcome.rowCount > outcome.rows.count { rows += " and \(outcome.rowCount - outcome.rows.count) more" }
            let texts = [outcome.name, outcome.sheet, outcome.passed ? "pass" : "FAIL", outcome.expected, outcome.found, rows]
            try sink.write(row(3 + offset, texts.map { accessible && $0.isEmpty ? "none" : $0 }, style: body), to: position)
        }
        var settings = SheetSettings(freeze: (row: 3, column: 0))
        if accessible { settings.tables = [TableLayout(firstRow: 2, lastRow: 2 + max(outcomes.count, 1), headers: headers)] }
        try sink.finish(position, settings: settings)
        return SheetRowCount(name: name, rows: outcomes.count)
    }

    private func row(_ index: Int, _ texts: [String], style: CellStyle) -> LayoutRow {
        LayoutRow(index: index, cells: texts.enumerated().map { column, text in
            LayoutCell(row: index, column: column, content: text.isEmpty ? .blank : .text(text), style: style)
        })
    }
}

/// A sheet name none of `taken` has (ignoring case, as Excel does): `base`, else `base 2`, `base 3` …
func uniqueSheetName(_ base: String, avoiding taken: [String]) -> String {
    let lowered = Set(taken.map { $0.lowercased() })
    var name = base, number = 1
    while lowered.contains(name.lowercased()) {
        number += 1
        name = "\(base) \(number)"
    }
    return name
}

import AppendixZip
/// The rules about one sheet's layout: title, table markup, header, merges, blanks, content
/// below, name and visibility.
struct SheetRules {
    let sheet: SheetContent
    let role: SheetRole
    let regions: [TableRegion]

    init(_ sheet: SheetContent) {
        self.sheet = sheet
        role = SheetRole(name: sheet.name)
        regions = role == .cover ? [] : TableRegion.regions(of: sheet)
    }

    var findings: [AccessibilityFinding] {
        titleInA1() + tableMarkup() + headerRows() + mergedCells() + blanksInTables() + contentBelow() + name()
    }

    func finding(_ rule: AccessibilityRule, _ range: CellRange?, _ message: String) -> AccessibilityFinding {
        AccessibilityFinding(rule: rule, sheet: sheet.name, range: range?.a1, message: message)
    }

    func titleInA1() -> [AccessibilityFinding] {
        guard let a1 = sheet.value(0, 0) else { return [finding(.titleInA1, CellRange(a1: "A1"), "A1 is empty: the sheet has no title there")] }
        return a1.kind == .text ? [] : [finding(.titleInA1, CellRange(a1: "A1"), "A1 holds a \(a1.kind == .number ? "number" : "value"), not a title")]
    }

    func tableMarkup() -> [AccessibilityFinding] {
        guard role != .cover, sheet.tables.isEmpty, let used = sheet.usedRange, used.first != used.last else { return [] }
        return [finding(.tableMarkup, regions.first?.range ?? used, "the sheet's data is not marked up as an Excel table")]
    }

    func headerRows() -> [AccessibilityFinding] {
        sheet.tables.flatMap { table -> [AccessibilityFinding] in
            var found: [AccessibilityFinding] = []
            if table.headerRows != 1 { found.append(finding(.singleHeaderRow, table.range, "table \(table.name) has \(table.headerRows) header rows")) }
            let above = table.range.first.row - 1
            if above >= 0, table.range.columns.dropFirst().contains(where: { sheet.value(above, $0) != nil }) {
                found.append(finding(.singleHeaderRow, CellRange(rows: above...above, columns: table.range.columns),
                                     "row \(above + 1), right above table \(table.name), is a second header row"))
            }
            return found
        }
    }

    func mergedCells() -> [AccessibilityFinding] {
        sheet.merges.map { finding(.mergedCells, $0, "cells \($0.a1) are merged") }
    }

    func blanksInTables() -> [AccessibilityFinding] {
        regions.filter(\.isMarkedUp).flatMap { region -> [AccessibilityFinding] in
            guard let body = region.bodyRows else { return [] }
            let rows = body.filter { row in region.range.columns.allSatisfy { sheet.value(row, $0) == nil } }
            let columns = region.range.columns.filter { column in body.allSatisfy { sheet.value($0, column) == nil } }
            return Self.runs(rows).map { finding(.blankInTable, CellRange(rows: $0, columns: region.range.columns), "blank row\($0.count > 1 ? "s" : "") inside the table") }
                + Self.runs(columns).map { finding(.blankInTable, CellRange(rows: region.range.rows, columns: $0), "blank column\($0.count > 1 ? "s" : "") inside the table") }
        }
    }

    /// Everything filled below the lowest table (its last row, totals included).
    func contentBelow() -> [AccessibilityFinding] {
        guard let bottom = regions.map(\.range.last.row).max() else { return [] }
        let below = sheet.cells.filter { $0.key.row > bottom && !$0.value.isEmpty }.map(\.key)
        guard let range = SheetContent.bounds(of: below) else { return [] }
        return [finding(.contentBelowTable, range, "\(below.count) filled cell\(below.count == 1 ? "" : "s") below the table")]
    }

    /// Text below the tables that looks like a note (`Note…`), for the notes-sheet rule.
    var hasNotesBelow: Bool {
        guard let bottom = regions.map(\.range.last.row).max() else { return false }
        return sheet.cells.contains { $0.key.row > bottom && $0.value.kind == .text && $0.value.text.lowercased().hasPrefix("note") }
    }

    func name() -> [AccessibilityFinding] {
        var found: [AccessibilityFinding] = []
        if sheet.name.wholeMatch(of: /(?i)sheet\d*/) != nil {
            found.append(finding(.defaultSheetName, nil, "the sheet has the default name '\(sheet.name)'"))
        }
        if sheet.state != .visible { found.append(finding(.hiddenSheet, nil, "the sheet is \(sheet.state == .hidden ? "hidden" : "very hidden")")) }
        return found
    }

    /// Consecutive runs of ascending `values`.
    static func runs(_ values: [Int]) -> [ClosedRange<Int>] {
        var runs: [ClosedRange<Int>] = []
        for value in values {
            if let last = runs.last, last.upperBound + 1 == value { runs[runs.count - 1] = last.lowerBound...value } else { runs.append(value...value) }
        }
        return runs
    }
}

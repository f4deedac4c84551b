import Foundation

/// The rules about the workbook as a whole: cover, contents and notes sheets, alt text and the
/// document title; then each sheet's rules.
struct WorkbookRules {
    let workbook: WorkbookContent

    var findings: [AccessibilityFinding] {
        let sheets = workbook.sheets.map(SheetRules.init)
        return documentTitle() + metaSheets(sheets)
            + sheets.flatMap { rules in
                rules.findings + altText(rules.sheet)
                    + ColourRules(sheet: rules.sheet, regions: rules.regions, styles: workbook.styles).findings
            }
    }

    func documentTitle() -> [AccessibilityFinding] {
        guard workbook.title?.allSatisfy(\.isWhitespace) ?? true else { return [] }
        return [AccessibilityFinding(rule: .documentTitle, sheet: nil, range: nil, message: "the document properties have no title")]
    }

    func metaSheets(_ sheets: [SheetRules]) -> [AccessibilityFinding] {
        var found: [AccessibilityFinding] = []
        func add(_ rule: AccessibilityRule, _ message: String) { found.append(AccessibilityFinding(rule: rule, sheet: nil, range: nil, message: message)) }
        if let cover = sheets.firstIndex(where: { $0.role == .cover }) {
            if cover != 0 { add(.coverSheet, "the cover sheet '\(sheets[cover].sheet.name)' is not the first sheet") }
        } else {
            add(.coverSheet, "no cover sheet (a sheet named Cover)")
        }
        let tableSheets = sheets.filter { $0.role == .table }.count
        if tableSheets > 1 && !sheets.contains(where: { $0.role == .contents }) {
            add(.contentsSheet, "no contents sheet (a sheet named Contents) for \(tableSheets) table sheets")
        }
        if !sheets.contains(where: { $0.role == .notes }), let noted = sheets.first(where: Self.refersToNotes) {
            add(.notesSheet, "no Notes sheet, but '\(noted.sheet.name)' has notes (a [note N] reference or a note below its table)")
        }
        return found
    }

    /// Whether a sheet has a `[note N]` reference or a note written below its table.
    static func refersToNotes(_ rules: SheetRules) -> Bool {
        rules.hasNotesBelow || rules.sheet.cells.values.contains { $0.kind == .text && $0.text.range(of: "[note", options: .caseInsensitive) != nil }
    }

    func altText(_ sheet: SheetContent) -> [AccessibilityFinding] {
        sheet.drawings.filter { $0.description?.allSatisfy(\.isWhitespace) ?? true }.map { object in
            AccessibilityFinding(rule: .altText, sheet: sheet.name, range: object.anchor.a1,
                                 message: "the \(object.kind.rawValue) '\(object.name)' has no alternative text")
        }
    }
}

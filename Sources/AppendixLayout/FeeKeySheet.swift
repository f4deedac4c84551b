import AppendixData
import AppendixDefinition
import AppendixExpression

/// The hidden sheet a `fee_import:` sheet's build adds, which `appendix fees import` reads back:
/// each fee key with its description, the amount as built, its sheet row and every formula of its
/// row, the fee sheet's name and the header cells of those columns — all as text, with a SHA-256
/// of them all in C1 so an edit of the hidden sheet is detected (``FeeKeyLayout`` says where
/// each thing is). Written after the other sheets in both build modes from what
/// ``FeeKeyRecording`` kept of each data row.
package struct FeeKeySheet {
    package let recording: FeeKeyRecording

    /// Adds the sheet, hidden, to `sink` after the others.
    package func write(into sink: WorkbookSink, avoiding taken: [String]) throws {
        let position = try sink.addSheet(name: uniqueSheetName(FeeKeyLayout.sheetName, avoiding: taken))
        let rows = recording.texts()
        try sink.setColumns([20, 30, 12, 8].map { ColumnLayout(width: $0, hidden: false) }, of: position)
        var first = rows[0]
        first.append(FeeKeyLayout.hash(rows))
        for (index, texts) in ([first] + rows.dropFirst()).enumerated() {
            try sink.write(LayoutRow(index: index, cells: texts.enumerated().compactMap { column, text in
                text.isEmpty ? nil : LayoutCell(row: index, column: column, content: .text(text), style: CellStyle())
            }), to: position)
        }
        var settings = SheetSettings()
        settings.hidden = true
        try sink.finish(position, settings: settings)
    }
}

/// Where the fee key sheet keeps things, shared by the build and `appendix fees import`. All
/// cells are text. Row 1: the marker, the version, the hash. Row 2: `sheet`, the fee sheet's
/// name. Then a row per column read back: `column`, its role (``Role``), its header, the header
/// cell (A1) and its CSV field (or column id); then `fees` and a row per fee: key, description,
/// amount as built (blank when missing), the sheet row (from 1) and the formula of each
/// `formula` column in order (blank where the row has none).
package enum FeeKeyLayout {
    package static let sheetName = "Fee keys"
    package static let marker = "Appendix fee import"
    package static let version = "1"

    /// What a listed column is to the import: the key, the typed amount, the description, a
    /// computed column (its formulas are checked) or another field (its header is found, so
    /// formulas reading it can be compared after columns move).
    package enum Role: String, Sendable, CaseIterable { case key, amount, description, formula, value }

    /// The SHA-256 of every non-empty cell but the hash itself: `A2=text` for each, in row order,
    /// separated by U+001E (which a cell's text may hold, but not as a whole `A2=` prefix).
    package static func hash(_ rows: [[String]]) -> String {
        var parts: [String] = []
        for (row, texts) in rows.enumerated() {
            for (column, text) in texts.enumerated() where !text.isEmpty && !(row == 0 && column == 2) {
                parts.append(CellReference(row: row, column: column).a1 + "=" + text)
            }
        }
        return SHA256.hex(parts.joined(separator: "\u{1E}"))
    }
}

/// What a `fee_import:` sheet keeps of each data row as it is laid out, for ``FeeKeySheet``.
package struct FeeKeyRecording: Sendable {
    /// A listed column: its role, position, header, header cell and field (or id).
    struct Column: Sendable {
        var role: FeeKeyLayout.Role
        var index: Int
        var header: String
        var headerCell: String
        var field: String
    }

    let sheet: String
    let columns: [Column]
    private var fees: [[String]] = []

    /// The columns `bound`'s `fee_import` names and its computed columns, or nil without one.
    package init?(bound: BoundSheet) {
        guard let feeImport = bound.sheet.feeImport else { return nil }
        sheet = bound.sheet.name
        let sheetDefinition = bound.sheet
        func column(_ role: FeeKeyLayout.Role, _ id: String) -> Column? {
            guard let index = sheetDefinition.columnIndex(id) else { return nil }
            let definition = sheetDefinition.columns[index]
            return Column(role: role, index: index, header: definition.header, headerCell: CellReference(row: bound.headerRow(of: index), column: index).a1,
                          field: definition.field ?? definition.id)
        }
        let named = [column(.key, feeImport.key), column(.amount, feeImport.amount), feeImport.description.flatMap { column(.description, $0) }]
        let listed = named.compactMap { $0 }
        let others = sheetDefinition.columns.indices.filter { index in !listed.contains { $0.index == index } }
        let formulas = others.filter { sheetDefinition.columns[$0].field == nil }.compactMap { column(.formula, sheetDefinition.columns[$0].id) }
        let values = others.filter { sheetDefinition.columns[$0].field != nil }.compactMap { column(.value, sheetDefinition.columns[$0].id) }
        columns = listed + formulas + values
    }

    /// Keeps `dataRow`'s key, description, amount, sheet row and formulas (its laid-out `contents`).
    mutating func record(_ dataRow: DataRow, row: Int, contents: [CellContent], bound: BoundSheet) {
        func text(_ role: FeeKeyLayout.Role) -> String {
            guard let column = columns.first(where: { $0.role == role }) else { return "" }
            if let field = bound.fieldIndex[column.index] {
                let value = dataRow.values[field]
                if role == .amount { return value.number.map(ExcelNumberText.general) ?? "" }
                return value.displayText
            }
            return contents[column.index].shownText ?? ""
        }
        var texts = [text(.key), text(.description), text(.amount), String(row + 1)]
        for column in columns where column.role == .formula {
            guard case .formula(let formula, _) = contents[column.index] else { texts.append(""); continue }
            texts.append(formula)
        }
        fees.append(texts)
    }

    /// The sheet's cells as text, row by row, without the hash.
    func texts() -> [[String]] {
        [[FeeKeyLayout.marker, FeeKeyLayout.version], ["sheet", sheet]]
            + columns.map { ["column", $0.role.rawValue, $0.header, $0.headerCell, $0.field] }
            + [["fees"]] + fees
    }
}

extension BoundSheet {
    /// The row of column `index`'s header cell: the last header row, or under header groups the
    /// first for a column no group spans (its header is merged down both rows; ``SheetFrame``).
    func headerRow(of index: Int) -> Int {
        let grouped = sheet.headerGroups.contains { group in
            (positions.index(of: group.first)...positions.index(of: group.last)).contains(index)
        }
        return sheet.headerGroups.isEmpty || grouped ? headerRows.upperBound : headerRows.lowerBound
    }
}

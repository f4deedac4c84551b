import AppendixData
import AppendixDefinition
import Foundation

/// The accessible variant's first three sheets: Cover (the title, then source, contact and
/// date), Contents (a link to each table sheet, with its title) and Notes (every note, numbered).
/// They are added before the table sheets and written after them, once every sheet's title and
/// note is known.
struct PublicationSheets {
    /// A sheet listed on the Contents sheet: its name and title.
    struct Listed {
        var name: String
        var title: String
    }

    let title: String
    let cover: CoverDetails
    /// The date the build ran, for a cover without `date:`.
    let buildDate: Date
    private(set) var positions: [Int] = []
    private(set) var names: [String] = []

    init(title: String, cover: CoverDetails?, buildDate: Date) {
        self.title = title
        self.cover = cover ?? CoverDetails()
        self.buildDate = buildDate
    }

    /// Adds Cover, Contents and Notes to `sink` (named apart from `taken`, the table sheets' names).
    mutating func add(to sink: WorkbookSink, avoiding taken: [String]) throws {
        let lowered = Set(taken.map { $0.lowercased() })
        for choices in [["Cover", "Cover sheet", "Front page"], ["Contents", "Table of contents", "Contents sheet"], ["Notes", "Notes sheet", "Footnotes"]] {
            // A definition naming its sheets all three ways is told so by Render (a repeated name).
            let name = choices.first { !lowered.contains($0.lowercased()) } ?? choices[0]
            names.append(name)
            positions.append(try sink.addSheet(name: name))
        }
    }

    /// Writes the three sheets: `listed` is every table sheet in workbook order.
    func write(into sink: WorkbookSink, listed: [Listed], notes: [AccessibleVariant.Note]) throws -> [SheetRowCount] {
        try writeCover(into: sink)
        try writeTable(into: sink, position: positions[1], title: "Contents", columns: [30, 80], headers: ["Sheet", "Title"],
                       rows: (listed + [Listed(name: names[2], title: "Notes")]).map { [Self.link(to: $0.name), .text($0.title)] })
        if notes.isEmpty {
            try sink.write(Self.titleRow("Notes: this workbook has no notes"), to: positions[2])
            try sink.finish(positions[2], settings: SheetSettings())
        } else {
            try writeTable(into: sink, position: positions[2], title: "Notes", columns: [12, 30, 100], headers: ["Note number", "Sheet", "Note text"],
                           rows: notes.map { [.text($0.reference), .text($0.sheet), .text($0.text)] })
        }
        return [SheetRowCount(name: names[0], rows: 0), SheetRowCount(name: names[1], rows: listed.count + 1), SheetRowCount(name: names[2], rows: notes.count)]
    }

    /// The build date as a cover shows it: `26 November 2026`.
    var dateText: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "d MMMM yyyy"
        return formatter.string(from: buildDate)
    }

    private func writeCover(into sink: WorkbookSink) throws {
        let position = positions[0]
        try sink.setColumns([ColumnLayout(width: 14, hidden: false), ColumnLayout(width: 80, hidden: false)], of: position)
        try sink.write(Self.titleRow(title), to: position)
        var label = CellStyle()
        label.bold = true
        let lines = [("Source", cover.source), ("Contact", cover.contact), ("Date", cover.date ?? dateText),
                     ("Shorthand", "\(AccessibleVariant.notAvailable): not available (no value in the data)")]
        for (offset, line) in lines.compactMap({ line in line.1.map { (line.0, $0) } }).enumerated() {
            let row = 2 + offset
            try sink.write(LayoutRow(index: row, cells: [LayoutCell(row: row, column: 0, content: .text(line.0), style: label),
                                                         LayoutCell(row: row, column: 1, content: .text(line.1), style: CellStyle())]), to: position)
        }
        try sink.finish(position, settings: SheetSettings())
    }

    /// A sheet of a title in A1 and an Excel table from row 3: `headers`, then `rows`.
    private func writeTable(into sink: WorkbookSink, position: Int, title: String, columns: [Double], headers: [String], rows: [[CellContent]]) throws {
        try sink.setColumns(columns.map { ColumnLayout(width: $0, hidden: false) }, of: position)
        try sink.write(Self.titleRow(title), to: position)
        try sink.write(LayoutRow(index: 2, cells: headers.enumerated().map { LayoutCell(row: 2, column: $0.offset, content: .text($0.element), style: .header) }),
                       to: position)
        var body = CellStyle()
        body.wrap = true
        body.alignTop = true
        body.border = true
        for (offset, contents) in rows.enumerated() {
            try sink.write(LayoutRow(index: 3 + offset, cells: contents.enumerated().map { LayoutCell(row: 3 + offset, column: $0.offset, content: $0.element, style: body) }),
                           to: position)
        }
        var settings = SheetSettings()
        settings.tables = [TableLayout(firstRow: 2, lastRow: 2 + max(rows.count, 1), headers: headers)]
        try sink.finish(position, settings: settings)
    }

    private static func titleRow(_ text: String) -> LayoutRow {
        SheetFrame.singleCell(text, style: .title, row: 0, height: 21)
    }

    /// A link to cell A1 of sheet `name`, showing the name: `HYPERLINK("#'Name'!A1","Name")`, the
    /// name's quotes doubled (a sheet name is never a formula: it is only ever inside a string).
    static func link(to name: String) -> CellContent {
        let target = "#'" + name.replacingOccurrences(of: "'", with: "''") + "'!A1"
        let quoted = { (text: String) in "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        return .formula("HYPERLINK(\(quoted(target)),\(quoted(name)))", cached: .text(name))
    }
}

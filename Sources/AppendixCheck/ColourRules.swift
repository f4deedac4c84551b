import AppendixZip
import Foundation

/// The rules about colour: meaning carried by a fill alone, and text that does not contrast
/// with its fill.
struct ColourRules {
    let sheet: SheetContent
    let regions: [TableRegion]
    let styles: CellStyles

    /// The guidance's minimum contrast for text (WCAG 2 AA).
    static let minimumContrast = 4.5

    var findings: [AccessibilityFinding] { colourOnly() + contrast() }

    /// A column of a table's body is flagged when some of its cells are filled differently from
    /// both the column's most common fill and their row's most common fill (within the table),
    /// and either such a cell holds a number or nothing, or such a cell's text is also the text
    /// of a cell of the column with another fill. Fills of whole rows (bands, totals) and whole
    /// columns are styling.
    func colourOnly() -> [AccessibilityFinding] {
        regions.flatMap { region -> [AccessibilityFinding] in
            guard let body = region.bodyRows else { return [] }
            // Each body cell's fill, looked up once: [row][column], both from 0.
            let grid = body.map { row in region.range.columns.map { fill(row, $0) } }
            let rowFills = grid.map(Self.mostCommon)
            return region.range.columns.enumerated().compactMap { index, column in
                let fills = grid.map { $0[index] }
                let columnFill = Self.mostCommon(fills)
                let distinct = fills.indices.filter { fills[$0] != columnFill && fills[$0] != rowFills[$0] }
                let wordless = distinct.filter { sheet.value(body.lowerBound + $0, column).map { $0.kind != .text } ?? true }
                guard !distinct.isEmpty, !wordless.isEmpty || sameTextDifferentFill(body, column, fills, distinct) else { return nil }
                let example = distinct.first.flatMap { fills[$0]?.hex } ?? "none"
                return AccessibilityFinding(
                    rule: .colourOnly, sheet: sheet.name, range: CellRange(rows: body, columns: column...column).a1,
                    message: "\(distinct.count) cell\(distinct.count == 1 ? "" : "s") filled \(example) or otherwise apart from their row and column"
                        + (wordless.isEmpty ? ", and the same text has different fills" : ", \(wordless.count) of them holding a number or nothing"))
            }
        }
    }

    func fill(_ row: Int, _ column: Int) -> RGB? {
        sheet.cells[CellAddress(row: row, column: column)].flatMap { styles.colours($0.style).fill }
    }

    /// Whether a cell of `distinct` (body row indices) holds the same text as a cell of `column`
    /// with a different fill (`fills` by body row).
    func sameTextDifferentFill(_ rows: ClosedRange<Int>, _ column: Int, _ fills: [RGB?], _ distinct: [Int]) -> Bool {
        var fillsByText: [String: Set<RGB?>] = [:]
        for (index, row) in rows.enumerated() {
            guard let cell = sheet.value(row, column), cell.kind == .text else { continue }
            fillsByText[cell.text, default: []].insert(fills[index])
        }
        return distinct.contains { index in
            sheet.value(rows.lowerBound + index, column).map { (fillsByText[$0.text]?.count ?? 0) > 1 } ?? false
        }
    }

    /// The most common of `fills` (ties: the one whose hex is first, no fill before any).
    static func mostCommon(_ fills: [RGB?]) -> RGB? {
        if let first = fills.first, fills.allSatisfy({ $0 == first }) { return first }
        var counts: [RGB?: Int] = [:]
        for fill in fills { counts[fill, default: 0] += 1 }
        return counts.max { $0.value < $1.value || ($0.value == $1.value && ($0.key?.hex ?? "") > ($1.key?.hex ?? "")) }?.key ?? nil
    }

    /// Non-empty cells whose text colour contrasts with the colour behind it by less than
    /// 4.5:1, one finding per pair of colours (the range is the cells' bounding box).
    func contrast() -> [AccessibilityFinding] {
        var cellsByPair: [CellColours: [CellAddress]] = [:]
        for (address, cell) in sheet.cells where !cell.isEmpty {
            let colours = styles.colours(cell.style)
            if colours.text.contrast(with: colours.background) < Self.minimumContrast { cellsByPair[colours, default: []].append(address) }
        }
        return cellsByPair.sorted { ($0.value.min() ?? CellAddress(row: 0, column: 0)) < ($1.value.min() ?? CellAddress(row: 0, column: 0)) }
            .map { pair, cells in
                let ratio = pair.text.contrast(with: pair.background)
                return AccessibilityFinding(
                    rule: .contrast, sheet: sheet.name, range: SheetContent.bounds(of: cells)?.a1,
                    message: "text \(pair.text.hex) on \(pair.background.hex) has contrast \(String(format: "%.2f", ratio)):1 (\(cells.count) cell\(cells.count == 1 ? "" : "s"))")
            }
    }
}

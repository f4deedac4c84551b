import AppendixData
import AppendixDefinition
import AppendixExpression

/// Where the rows of each keyed source sit on the first sheet that shows them, so other sheets'
/// formulas can refer to a key's rows as one range.
package struct RelatedRowIndex {
    package struct Placement {
        package var sheet: String
        /// Sheet column of each source field shown on the sheet.
        package var columns: [String: Int] = [:]
        /// Sheet rows of each key value: contiguous, first and last.
        package var rows: [String: ClosedRange<Int>] = [:]
        /// The values of each shown field, by sheet row.
        package var values: [String: [Int: ExcelValue]] = [:]
    }

    /// The first sheet showing each keyed source.
    var placements: [String: Placement] = [:]

    package init() {}

    /// Places the rows of `bound`'s keyed source (`rows`, in sheet order) as the sheet will.
    /// - Throws: ``/AppendixData/DataError`` when the sheet's group_by splits the rows of one key.
    package mutating func add(_ bound: BoundSheet, source: SourceDefinition, selection: SheetRowSelection, rows: [DataRow]) throws {
        guard let key = source.key, placements[source.name] == nil, let keyIndex = selection.keyField else { return }
        var placement = Placement(sheet: bound.sheet.name)
        var body = GroupedBody(sheet: bound.sheet, groupFields: selection.groupFields, file: bound.file, firstBodyRow: bound.firstBodyRow, totalled: [])
        var sheetRows: [Int] = []
        for row in rows {
            _ = try body.lines(before: row)
            let sheetRow = body.place([])
            sheetRows.append(sheetRow)
            let keyValue = row.values[keyIndex].displayText
            let existing = placement.rows[keyValue]
            if let existing, existing.upperBound + 1 != sheetRow {
                throw DataError(file: bound.file, line: row.line, message: "rows with \(key) '\(keyValue)' are not together on sheet '\(bound.sheet.name)' (its group_by splits them), so formulas cannot refer to them as one range")
            }
            placement.rows[keyValue] = (existing?.lowerBound ?? sheetRow)...sheetRow
        }
        for (columnIndex, column) in bound.sheet.columns.enumerated() {
            guard case .field(let field) = column.content, let fieldIndex = bound.fieldIndex[columnIndex] else { continue }
            placement.columns[field] = columnIndex
            placement.values[field] = Dictionary(zip(sheetRows, rows.map { ExcelValue($0.values[fieldIndex]) }), uniquingKeysWith: { a, _ in a })
        }
        placements[source.name] = placement
    }
}

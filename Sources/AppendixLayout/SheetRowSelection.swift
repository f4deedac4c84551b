import AppendixData
import AppendixDefinition

/// Which CSV rows a sheet shows and in what order: its `filter`, then the one set of ordering
/// rules, `SheetRowOrder` (its `sort`, then its `group_by` levels and its source's `key`, rows
/// of a group together in order of first appearance), shared with the external sort.
package struct SheetRowSelection: Sendable {
    package let filter: RowFilter?
    /// The sheet's order: `sort` keys, then `group_by` fields and the source's key.
    package let order: SheetRowOrder
    /// The source's key field (rows of a key kept together for related lookups).
    let keyField: Int?
    /// Each group_by field, outermost first.
    package let groupFields: [Int]

    package init(sheet: SheetDefinition, source: SourceDefinition, header: [String], file: String) throws {
        filter = try sheet.filter.map { try RowFilter($0, header: header, file: file, sheet: sheet) }
        let sortPlace = "\(sheet.location.path).sort at \(sheet.location.file):\(sheet.location.line)"
        let sortFields = try sheet.sort.map { key in
            SheetRowOrder.SortField(index: try FieldBinding.index(of: key.field, in: header, file: file, neededBy: sortPlace),
                                    descending: key.descending)
        }
        keyField = try source.key.map { try FieldBinding.index(of: $0, in: header, file: file, neededBy: source.location.described + " (key)") }
        groupFields = try sheet.groupBy.map { try FieldBinding.index(of: $0.field, in: header, file: file, neededBy: $0.location.described) }
        // group_by outermost first, then the key: SheetRowOrder applies them innermost first.
        order = SheetRowOrder(sortFields: sortFields, groupFields: groupFields + (keyField.map { [$0] } ?? []))
    }

    /// Whether the filter shows `row`.
    package func keeps(_ row: DataRow) -> Bool {
        filter?.keeps(row) ?? true
    }

    /// `rows` (already filtered) in sheet order, sorted in memory.
    package func ordered(_ rows: [DataRow]) -> [DataRow] {
        order.ordered(rows)
    }
}

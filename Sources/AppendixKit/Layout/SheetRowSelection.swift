/// Which CSV rows a sheet shows and in what order: its `filter`, then its `sort`, its source's
/// `key` (rows of a key together) and its `group_by` levels (rows of a group together, groups in
/// order of first appearance). All orders are stable.
public struct SheetRowSelection: Sendable {
    struct SortField: Sendable {
        let key: SortKey
        let index: Int
    }

    let filter: RowFilter?
    let sortFields: [SortField]
    /// The source's key field (rows of a key kept together for related lookups).
    let keyField: Int?
    /// Each group_by field, outermost first.
    let groupFields: [Int]

    /// Whether the sheet's order needs every row before the first is placed.
    public var needsAllRows: Bool { !sortFields.isEmpty || keyField != nil || !groupFields.isEmpty }

    init(sheet: SheetDefinition, source: SourceDefinition, header: [String], file: String) throws {
        filter = try sheet.filter.map { try RowFilter($0, header: header, file: file, sheet: sheet) }
        let sortPlace = "\(sheet.location.path).sort at \(sheet.location.file):\(sheet.location.line)"
        sortFields = try sheet.sort.map { SortField(key: $0, index: try FieldBinding.index(of: $0.field, in: header, file: file, neededBy: sortPlace)) }
        keyField = try source.key.map { try FieldBinding.index(of: $0, in: header, file: file, neededBy: source.location.described + " (key)") }
        groupFields = try sheet.groupBy.map { try FieldBinding.index(of: $0.field, in: header, file: file, neededBy: $0.location.described) }
    }

    /// Whether the filter shows `row`.
    public func keeps(_ row: DataRow) -> Bool {
        filter?.keeps(row) ?? true
    }

    /// `rows` (already filtered) in sheet order, sorted in memory.
    public func ordered(_ rows: [DataRow]) -> [DataRow] {
        var rows = rows
        if !sortFields.isEmpty { rows = sorted(rows) }
        // The key first, then group_by from the innermost level out, so the outermost wins.
        if let keyField { rows = Self.grouped(rows, by: keyField) }
        for field in groupFields.reversed() { rows = Self.grouped(rows, by: field) }
        return rows
    }

    /// Rows with equal values of `field` brought together, in order of first appearance (stable).
    private static func grouped(_ rows: [DataRow], by field: Int) -> [DataRow] {
        var order: [String] = []
        var groups: [String: [DataRow]] = [:]
        for row in rows {
            let key = row.values[field].displayText
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(row)
        }
        return order.flatMap { groups[$0] ?? [] }
    }

    /// Rows in key order: numbers before text, text without case; stable.
    private func sorted(_ rows: [DataRow]) -> [DataRow] {
        rows.enumerated().sorted { a, b in
            for field in sortFields {
                let order = Self.compare(a.element.values[field.index], b.element.values[field.index])
                if order != 0 { return field.key.descending ? order > 0 : order < 0 }
            }
            return a.offset < b.offset
        }.map(\.element)
    }

    private static func compare(_ a: CellValue, _ b: CellValue) -> Int {
        switch (a.number, b.number) {
        case (let x?, let y?): return x == y ? 0 : (x < y ? -1 : 1)
        case (.some, nil): return -1
        case (nil, .some): return 1
        case (nil, nil):
            let x = a.displayText.lowercased(), y = b.displayText.lowercased()
            return x == y ? 0 : (x < y ? -1 : 1)
        }
    }
}

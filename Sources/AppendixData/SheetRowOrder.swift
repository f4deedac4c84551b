/// The order of a sheet's rows — its `sort` keys, then its grouping (`group_by` fields, then the
/// source's `key`) — as one value both the in-memory path and ``ExternalRowSorter`` use.
///
/// These are the only ordering rules (`SheetRowSelection` in Layout orders by them too): a stable
/// sort on the keys (numbers before text, text compared lower-cased, `descending` reverses a key),
/// then, innermost grouping first, rows with equal values (as displayed) brought together in
/// order of first appearance.
package struct SheetRowOrder: Sendable, Equatable {
    /// One `sort` key: a CSV field by position, and its direction.
    package struct SortField: Sendable, Equatable {
        package var index: Int
        package var descending: Bool

        package init(index: Int, descending: Bool = false) {
            self.index = index
            self.descending = descending
        }
    }

    /// The `sort` keys, most significant first.
    package var sortFields: [SortField]
    /// The fields whose equal values are brought together, outermost first: the sheet's
    /// `group_by` fields, then the source's `key` when it has one.
    package var groupFields: [Int]

    package init(sortFields: [SortField] = [], groupFields: [Int] = []) {
        self.sortFields = sortFields
        self.groupFields = groupFields
    }

    /// Whether rows keep their input order (nothing to sort or group).
    package var keepsInputOrder: Bool { sortFields.isEmpty && groupFields.isEmpty }

    /// -1, 0 or 1 as `a` sorts before, with or after `b`: numbers (by value) before everything
    /// else; text and missing values by their text, lower-cased.
    package static func compare(_ a: CellValue, _ b: CellValue) -> Int {
        switch (a.number, b.number) {
        case (let x?, let y?): return x == y ? 0 : (x < y ? -1 : 1)
        case (.some, nil): return -1
        case (nil, .some): return 1
        case (nil, nil):
            let x = a.displayText.lowercased(), y = b.displayText.lowercased()
            return x == y ? 0 : (x < y ? -1 : 1)
        }
    }

    /// -1, 0 or 1 as `a` comes before, ties with or comes after `b` on the `sort` keys alone.
    package func compareSortKeys(_ a: DataRow, _ b: DataRow) -> Int {
        for field in sortFields {
            let order = Self.compare(a.values[field.index], b.values[field.index])
            if order != 0 { return field.descending ? -order : order }
        }
        return 0
    }

    /// The `sort` keys as an "are in increasing order" predicate (false for ties: the sorts that
    /// use it keep ties in input order).
    package func areInIncreasingOrder(_ a: DataRow, _ b: DataRow) -> Bool {
        compareSortKeys(a, b) < 0
    }

    /// The values (as displayed) that decide a row's group at every level, outermost first.
    package func groupValues(of row: DataRow) -> [String] {
        groupFields.map { row.values[$0].displayText }
    }

    /// `rows` in sheet order, all in memory: the reference the external path must equal.
    package func ordered(_ rows: [DataRow]) -> [DataRow] {
        var rows = rows
        if !sortFields.isEmpty {
            rows = rows.enumerated().sorted { a, b in
                let order = compareSortKeys(a.element, b.element)
                return order != 0 ? order < 0 : a.offset < b.offset
            }.map(\.element)
        }
        for field in groupFields.reversed() { rows = Self.grouped(rows, by: field) }
        return rows
    }

    /// Rows with equal values of `field` brought together, in order of first appearance (stable).
    package static func grouped(_ rows: [DataRow], by field: Int) -> [DataRow] {
        var order: [String] = []
        var groups: [String: [DataRow]] = [:]
        for row in rows {
            let key = row.values[field].displayText
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(row)
        }
        return order.flatMap { groups[$0] ?? [] }
    }
}

/// One sheet bound to its CSV: which rows appear, in what order, on which sheet rows, with
/// which heading and total rows. Turned into cells by ``SheetGridBuilder``.
struct SheetPlan {
    let sheet: SheetDefinition
    let source: SourceDefinition
    let table: DataTable
    /// The rows shown, in sheet order (filtered, sorted, grouped).
    let rows: [DataRow]
    /// CSV field index of each column showing a field.
    let fieldIndex: [Int?]
    /// The key field of each related source that expressions aggregate over.
    let relatedKeys: [String: String]
    /// The lines of the table body, in order.
    let lines: [BodyLine]
    /// The sheet row of each shown data row.
    let detailRows: [Int]
    /// The first and last header rows.
    let headerRows: ClosedRange<Int>
    var firstBodyRow: Int { headerRows.upperBound + 1 }
    var lastBodyRow: Int { firstBodyRow + lines.count - 1 }

    init(sheet: SheetDefinition, definition: ReportDefinition, tables: [String: DataTable]) throws {
        self.sheet = sheet
        source = definition.source(named: sheet.source)!
        guard let table = tables[sheet.source] else {
            preconditionFailure("no data loaded for source '\(sheet.source)'")
        }
        self.table = table
        fieldIndex = try sheet.columns.map { column -> Int? in
            guard case .field(let field) = column.content else { return nil }
            return try SheetPlan.index(of: field, in: table, neededBy: column.contentLocation.described)
        }
        // Related aggregates match on the key field: it must exist on both sides.
        var relatedKeys: [String: String] = [:]
        for column in sheet.columns {
            guard case .expression(let expression, _) = column.content else { continue }
            for (relatedName, _) in expression.relatedFields {
                if let key = definition.source(named: relatedName)?.key {
                    _ = try SheetPlan.index(of: key, in: table, neededBy: column.contentLocation.described + " to match '\(relatedName)' rows by key")
                    relatedKeys[relatedName] = key
                }
            }
        }
        self.relatedKeys = relatedKeys

        var rows = table.rows
        if let filter = sheet.filter {
            rows = try SheetPlan.filtered(rows, by: filter, table: table, sheet: sheet)
        }
        if !sheet.sort.isEmpty {
            let keys = try sheet.sort.map { ($0, try SheetPlan.index(of: $0.field, in: table, neededBy: "\(sheet.location.path).sort at \(sheet.location.file):\(sheet.location.line)")) }
            rows = SheetPlan.sorted(rows, by: keys)
        }
        if let key = source.key {
            let keyIndex = try SheetPlan.index(of: key, in: table, neededBy: source.location.described + " (key)")
            rows = SheetPlan.grouped(rows, by: keyIndex)
        }
        let groupFields = try sheet.groupBy.map { try SheetPlan.index(of: $0.field, in: table, neededBy: $0.location.described) }
        for fieldIndex in groupFields.reversed() { rows = SheetPlan.grouped(rows, by: fieldIndex) }
        self.rows = rows

        let firstBody = SheetRowBudget(sheet: sheet).rowsAbove
        headerRows = (firstBody - (sheet.headerGroups.isEmpty ? 1 : 2))...(firstBody - 1)

        var lines: [BodyLine] = []
        try SheetPlan.appendLines(for: Array(rows.indices), rows: rows, level: 0, groupFields: groupFields, sheet: sheet, table: table, to: &lines)
        if let label = sheet.totals?.label {
            lines.append(.grandTotal(label: label))
        }
        self.lines = lines
        let first = headerRows.upperBound + 1
        var detailRows = Array(repeating: 0, count: rows.count)
        for (offset, line) in lines.enumerated() {
            if case .detail(let position) = line { detailRows[position] = first + offset }
        }
        self.detailRows = detailRows
        try checkExcelLimits()
    }

    /// Excel's limits, checked before anything is written.
    private func checkExcelLimits() throws {
        let budget = SheetRowBudget(sheet: sheet)
        let isDataRow = lines.map { if case .detail = $0 { return true } else { return false } }
        let trailing = sheet.totals?.label == nil ? 0 : 1
        if let position = budget.firstDataRowOverLimit(isDataRow: isDataRow, trailing: trailing) {
            throw budget.fullError(sheet: sheet.name, file: table.file, line: rows.isEmpty ? nil : rows[position].line, dataRowsThatFit: position)
        }
        for row in rows {
            for (column, index) in fieldIndex.enumerated() {
                guard let index, case .text(let text) = row.values[index] else { continue }
                try ExcelLimits.checkCellText(text, file: table.file, line: row.line, column: table.header[index],
                                              place: "sheet '\(sheet.name)', column '\(sheet.columns[column].header)'")
            }
        }
    }

    /// Adds heading, detail and subtotal lines for `positions`, grouped from `level` down.
    private static func appendLines(for positions: [Int], rows: [DataRow], level: Int, groupFields: [Int], sheet: SheetDefinition,
                                    table: DataTable, to lines: inout [BodyLine]) throws {
        guard level < groupFields.count else {
            lines += positions.map(BodyLine.detail)
            return
        }
        let group = sheet.groupBy[level]
        var start = 0
        while start < positions.count {
            let value = rows[positions[start]].values[groupFields[level]].displayText
            var end = start
            while end + 1 < positions.count, rows[positions[end + 1]].values[groupFields[level]].displayText == value { end += 1 }
            let firstLine = lines.count
            /// A heading or subtotal text, refused when too long for its cell.
            func label(_ pattern: String, _ kind: String) throws -> String {
                let text = pattern.replacingOccurrences(of: "{value}", with: value)
                try ExcelLimits.checkCellText(text, file: table.file, line: rows[positions[start]].line, column: group.field,
                                              place: "the \(kind) '\(pattern)' of sheet '\(sheet.name)', group_by[\(level)]")
                return text
            }
            if let heading = group.heading {
                lines.append(.heading(level: level, text: try label(heading, "heading")))
            }
            try appendLines(for: Array(positions[start...end]), rows: rows, level: level + 1, groupFields: groupFields, sheet: sheet, table: table, to: &lines)
            if let subtotal = group.subtotal {
                let span = (group.heading == nil ? firstLine : firstLine + 1)..<lines.count
                lines.append(.subtotal(level: level, label: try label(subtotal, "subtotal label"), span: span))
            }
            start = end + 1
        }
    }

    static func index(of field: String, in table: DataTable, neededBy place: String) throws -> Int {
        guard let index = table.index(of: field) else {
            throw DataError(file: table.file, line: 1, message: "no column '\(field)' (needed by \(place)); the header has: \(table.header.joined(separator: ", "))")
        }
        return index
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
        return order.flatMap { groups[$0]! }
    }

    /// Rows in key order: numbers before text, text without case; stable.
    private static func sorted(_ rows: [DataRow], by keys: [(SortKey, Int)]) -> [DataRow] {
        rows.enumerated().sorted { a, b in
            for (key, field) in keys {
                let order = compare(a.element.values[field], b.element.values[field])
                if order != 0 { return key.descending ? order > 0 : order < 0 }
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

    /// The rows for which `filter` is true.
    private static func filtered(_ rows: [DataRow], by filter: ColumnExpression, table: DataTable, sheet: SheetDefinition) throws -> [DataRow] {
        let rowFilter = try RowFilter(filter, header: table.header, file: table.file, sheet: sheet)
        return rows.filter(rowFilter.keeps)
    }
}

/// A sheet's `filter`: evaluated per row in Swift (never written as a formula); it reads CSV
/// fields by header name.
public struct RowFilter: Sendable {
    let expression: ColumnExpression
    let fields: [(name: String, index: Int)]

    public init(_ expression: ColumnExpression, header: [String], file: String, sheet: SheetDefinition) throws {
        self.expression = expression
        let table = DataTable(file: file, header: header, rows: [])
        let place = "\(sheet.location.path).filter at \(sheet.location.file):\(sheet.location.line)"
        fields = try expression.fields.map { ($0, try SheetPlan.index(of: $0, in: table, neededBy: place)) }
    }

    /// Whether `row` is shown.
    public func keeps(_ row: DataRow) -> Bool {
        let context = FieldContext(fields: fields.map { ($0.name, ExcelValue(row.values[$0.index])) })
        switch FormulaCompiler(missingText: "").compile(expression, in: context).evaluate() {
        case .bool(let flag): return flag
        case .number(let number): return number != 0
        default: return false
        }
    }
}

/// One line of a table body.
enum BodyLine: Equatable {
    /// A group heading, e.g. "Service Redesign".
    case heading(level: Int, text: String)
    /// A data row, by position in ``SheetPlan/rows``.
    case detail(Int)
    /// A group's subtotal; `span` is the body lines it adds up (nested subtotals excluded).
    case subtotal(level: Int, label: String, span: Range<Int>)
    case grandTotal(label: String)

    var isTotal: Bool {
        switch self {
        case .subtotal, .grandTotal: return true
        default: return false
        }
    }
}

extension DefinitionLocation {
    /// `path at file:line`, for messages that point into the definition.
    var described: String {
        "\(path) at \(file):\(line)"
    }
}

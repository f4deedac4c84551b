/// Lays out one sheet a data row at a time, rows given in sheet order: each data row becomes its
/// cells (``BoundSheet/cells(for:at:continuesBlock:related:)``), with heading and subtotal rows
/// between groups, the title and header before the first and the grand total and notes after the
/// last. Until widths are known (from the first 1,000 data rows) rows are held back; after that
/// each call returns the rows ready to write, so only the current row is held.
struct SheetStream {
    /// How many data rows size the columns.
    static let widthSample = 1_000

    let bound: BoundSheet
    private let related: RelatedRowIndex
    private var body: GroupedBody
    private var limit: RowLimitCheck
    /// Rows produced before the widths were known, with each data row's cells.
    private var heldBack: [(row: LayoutRow, isData: Bool)] = []
    private var sample: [[CellContent]] = []
    private(set) var frame: SheetFrame?
    private var previousBlock: [String]?
    private(set) var dataRowCount = 0
    /// The last data row placed: its sheet row, CSV line and cells (for summaries of period sheets).
    private(set) var lastData: (row: Int, line: Int, contents: [CellContent])?

    init(bound: BoundSheet, groupFields: [Int], related: RelatedRowIndex) {
        self.bound = bound
        self.related = related
        body = GroupedBody(sheet: bound.sheet, groupFields: groupFields, file: bound.file, firstBodyRow: bound.firstBodyRow, totalled: bound.totalled)
        limit = RowLimitCheck(bound: bound)
    }

    /// The rows ready to write after `dataRow` (none while the width sample is being taken).
    mutating func add(_ dataRow: DataRow) throws -> [LayoutRow] {
        var rows: [(row: LayoutRow, isData: Bool)] = []
        let lines = try body.lines(before: dataRow)
        for (row, line) in lines {
            try limit.check(row: row, isData: false, dataRow: dataRow)
            rows.append((try self.row(line, at: row), false))
        }
        try limit.check(row: body.nextRow, isData: true, dataRow: dataRow)
        let block = bound.suppressed.map { bound.fieldIndex[$0].map { dataRow.values[$0].displayText } ?? "" }
        let continuesBlock = !bound.suppressed.isEmpty && block == previousBlock && lines.isEmpty
        previousBlock = block
        let cells = try bound.cells(for: dataRow, at: body.nextRow, continuesBlock: continuesBlock, related: related)
        let sheetRow = body.place(cells.values)
        dataRowCount += 1
        lastData = (sheetRow, dataRow.line, cells.contents)
        rows.append((LayoutRow(index: sheetRow, cells: zip(cells.contents, bound.styles).enumerated().map {
            LayoutCell(row: sheetRow, column: $0.offset, content: $0.element.0, style: $0.element.1)
        }), true))
        if frame == nil, sample.count < Self.widthSample { sample.append(cells.contents) }
        return release(rows, flush: sample.count >= Self.widthSample)
    }

    /// The rows after the last data row: closing subtotals, the grand total and the notes (and
    /// every held-back row when there were fewer data rows than the width sample).
    mutating func finish() throws -> [LayoutRow] {
        var rows: [(row: LayoutRow, isData: Bool)] = []
        for (row, line) in body.finish() {
            try limit.check(row: row, isData: false, dataRow: nil)
            rows.append((try self.row(line, at: row), false))
        }
        if let label = bound.sheet.totals?.label {
            let row = body.nextRow
            try limit.check(row: row, isData: false, dataRow: nil)
            let span = row > bound.firstBodyRow ? bound.firstBodyRow...(row - 1) : nil
            let cells = try TotalRow(sheet: bound.sheet, file: bound.file, label: label, grand: true).cells(row: row, rows: span, totals: body.grandTotals)
            rows.append((LayoutRow(index: row, cells: cells), false))
        }
        try limit.finish()
        var released = release(rows, flush: true)
        // Frame is set by the flushing release above.
        released += frame!.closingRows(lastBodyRow: lastBodyRow)
        return released
    }

    /// The last body row (the grand total when there is one); before the first body row when empty.
    var lastBodyRow: Int { body.nextRow - (bound.sheet.totals?.label == nil ? 1 : 0) }

    /// Settings applied after the rows.
    var settings: SheetSettings? { frame?.settings(lastBodyRow: lastBodyRow) }

    private func row(_ line: GroupedBody.Line, at row: Int) throws -> LayoutRow {
        switch line {
        case .heading(_, let text):
            return .spanning(text, style: .groupHeading, row: row, lastColumn: bound.lastColumn)
        case .subtotal(_, let label, let rows, let totals):
            let cells = try TotalRow(sheet: bound.sheet, file: bound.file, label: label, grand: false).cells(row: row, rows: rows, totals: totals)
            return LayoutRow(index: row, cells: cells)
        }
    }

    /// `rows` with data row heights, once the widths are known; held back until then.
    private mutating func release(_ rows: [(row: LayoutRow, isData: Bool)], flush: Bool) -> [LayoutRow] {
        guard let frame else {
            heldBack += rows
            guard flush else { return [] }
            let frame = SheetFrame(bound: bound, widths: SheetFrame.widths(bound.sheet, sample: sample))
            self.frame = frame
            sample = []
            let held = heldBack
            heldBack = []
            return frame.openingRows() + release(held, flush: true)
        }
        return rows.map { entry in
            guard entry.isData else { return entry.row }
            var row = entry.row
            if !bound.wrapped.isEmpty { row.height = bound.height(of: row.cells.map(\.content), widths: frame.widths) }
            return row
        }
    }
}

/// Excel's row limit, checked as rows are placed, with the same answer as counting them all
/// first: the first data row that leaves no room for the grand total is refused; a heading or
/// subtotal past the limit is refused at the next data row, or, at the end, as the last data row.
private struct RowLimitCheck {
    let bound: BoundSheet
    private var dataRows = 0
    private var lastLine: Int?
    private var overflowed = false

    init(bound: BoundSheet) {
        self.bound = bound
    }

    private var trailing: Int { bound.sheet.totals?.label == nil ? 0 : 1 }

    mutating func check(row: Int, isData: Bool, dataRow: DataRow?) throws {
        let lines = row - bound.firstBodyRow + 1
        if isData {
            if lines + trailing > bound.budget.bodyCapacity {
                throw bound.budget.fullError(sheet: bound.sheet.name, file: bound.file, line: dataRow?.line, dataRowsThatFit: dataRows)
            }
            dataRows += 1
            lastLine = dataRow?.line
        } else if lines > bound.budget.bodyCapacity {
            overflowed = true
        }
    }

    func finish() throws {
        guard overflowed else { return }
        throw bound.budget.fullError(sheet: bound.sheet.name, file: bound.file, line: lastLine, dataRowsThatFit: max(dataRows - 1, 0))
    }
}

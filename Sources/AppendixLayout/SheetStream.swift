import AppendixData

/// Lays out one sheet a data row at a time, rows given in sheet order: each data row becomes its
/// cells (``BoundSheet/cells(for:at:continuesBlock:related:into:)``), with heading and subtotal
/// rows between groups, the title and header before the first and the grand total and notes after
/// the last. The first 1,000 data rows are measured before any is placed, which fixes the widths
/// of wrapped columns and so every row's height; after that a row is placed once the next one is
/// read (which says the subtotals that close after it, and whether it is the last), so the page
/// model (``PagePlan``) can keep a block of rows together, and only two rows are held. Every
/// data row is measured: columns that do not wrap widen to their widest cell when the sheet
/// finishes (``columns``); wrapped columns keep the width the first 1,000 rows gave, which their
/// rows' heights were computed with.
package struct SheetStream {
    /// How many data rows size the wrapped columns (and the title, header and wrapped rows' heights).
    static let widthSample = 1_000
    /// Where finished rows go, in order, with the frame (its widths are known by then).
    package typealias Emit = (LayoutRow, SheetFrame) throws -> Void

    package let bound: BoundSheet
    private let related: RelatedRowIndex
    private var body: GroupedBody
    private var limit: RowLimitCheck
    /// Data rows read but not placed: the width sample until the widths are fixed, then the last
    /// row read.
    private var waiting: [DataRow] = []
    private var measured: ColumnWidthTracker
    private(set) var frame: SheetFrame?
    /// Where the printed pages break; `nil` with `page_breaks: false` or fit-to-pages.
    private var pages: PagePlan?
    /// Whether a page that starts inside a group repeats its heading: not on a keyed source's
    /// sheet, whose rows other sheets' formulas find by a pass that places no such rows.
    private let repeatsHeadings: Bool
    /// The final column widths, once ``finish(emit:)`` has run.
    package private(set) var columns: [ColumnLayout] = []
    /// What the finished sheet warns about (``SheetFrame/warnings()``).
    package private(set) var warnings: [BuildWarning] = []
    private var previousBlock: [String]?
    /// The current data row's cells, overwritten for each row.
    private var buffer = RowCells(contents: [], values: [])
    private var rowStyles = RowStyleCache()
    private var linksAndNotes = LinkAndNoteTally()
    private(set) var dataRowCount = 0
    /// The label and value cells of each data row, when the sheet feeds a period summary.
    private(set) var facts: PeriodSheetFacts?
    /// What the definition's checks of this sheet record of each data row.
    private(set) var checks: SheetCheckTally?
    /// Each data row's key, amount and formulas, when the sheet has `fee_import:`.
    private(set) var feeKeys: FeeKeyRecording?

    package init(bound: BoundSheet, groupFields: [Int], related: RelatedRowIndex, facts: PeriodSheetFacts? = nil, checks: SheetCheckTally? = nil,
                 keyed: Bool = false) {
        self.bound = bound
        self.related = related
        self.facts = facts
        self.checks = checks
        self.checks?.bind(bound)
        repeatsHeadings = !keyed
        feeKeys = FeeKeyRecording(bound: bound)
        body = GroupedBody(sheet: bound.sheet, groupFields: groupFields, groupDates: bound.groupDates, file: bound.file, firstBodyRow: bound.firstBodyRow, totalled: bound.totalled)
        limit = RowLimitCheck(bound: bound)
        measured = ColumnWidthTracker(sheet: bound.sheet, metrics: bound.metrics, roles: bound.roles)
    }

    /// Takes `dataRow`; hands `emit` the rows ready to write (none while the width sample is
    /// being taken).
    package mutating func add(_ dataRow: DataRow, emit: Emit) throws {
        waiting.append(dataRow)
        if frame == nil {
            measure(dataRow)
            guard waiting.count >= Self.widthSample else { return }
            try flush(emit: emit)
        }
        try placeWaiting(keepingLast: true, emit: emit)
    }

    /// Measures `dataRow`'s cells for the widths, laid out where it would go without headings; a
    /// row whose cells fail is left to throw when placed.
    private mutating func measure(_ dataRow: DataRow) {
        guard (try? bound.cells(for: dataRow, at: body.nextRow, continuesBlock: false, related: related, into: &buffer)) != nil else { return }
        measured.observe(buffer.contents)
    }

    /// Places the waiting rows, each knowing the next (all but the last when `keepingLast`).
    private mutating func placeWaiting(keepingLast: Bool, emit: Emit) throws {
        let count = waiting.count - (keepingLast ? 1 : 0)
        guard count > 0 else { return }
        for index in 0..<count {
            try place(waiting[index], next: index + 1 < waiting.count ? waiting[index + 1] : nil, emit: emit)
        }
        waiting.removeFirst(count)
    }

    /// Lays out `dataRow` and the lines before it (`next` is the row after it, `nil` for the last).
    private mutating func place(_ dataRow: DataRow, next: DataRow?, emit: Emit) throws {
        let kept = body.keptLevels(dataRow)
        let closing = body.closing(downTo: kept)
        try release(closing, dataRow: dataRow, emit: emit)
        let headings = body.headingCount(from: kept)
        var continuesBlock = continuesBlock(dataRow, afterLines: !closing.isEmpty || headings > 0)
        var height = try layOut(dataRow, at: body.nextRow + headings, continuesBlock: continuesBlock)
        if let pages, pages.overruns(Double(headings) * pages.autoRow + (height ?? pages.autoRow) + trailingHeight(after: next, autoRow: pages.autoRow)),
           self.pages?.breakPage(before: body.nextRow) == true {
            let continued = repeatsHeadings ? body.continuation(levels: kept) : []
            try release(continued, dataRow: dataRow, emit: emit)
            if continuesBlock || !continued.isEmpty {
                // The page's first data row shows its labels, and moved below the headings.
                continuesBlock = false
                height = try layOut(dataRow, at: body.nextRow + headings, continuesBlock: false)
            }
        }
        let opening = try body.opening(dataRow, from: kept)
        try release(opening, dataRow: dataRow, emit: emit)
        try limit.check(row: body.nextRow, isData: true, dataRow: dataRow)
        let styles = try rowStyles.styles(for: dataRow, in: bound)
        let sheetRow = body.place(buffer.values)
        dataRowCount += 1
        try facts?.record(row: sheetRow, line: dataRow.line, contents: buffer.contents)
        checks?.record(line: dataRow.line, contents: buffer.contents)
        feeKeys?.record(dataRow, row: sheetRow, contents: buffer.contents, bound: bound)
        measured.observe(buffer.contents)
        // The row takes the contents (the next row makes new ones): a sink that keeps rows, such
        // as the two-thread hand-over, would otherwise copy them, retaining every cell's text.
        let notes = bound.notes(for: dataRow)
        try linksAndNotes.record(buffer.contents, notes: notes, line: dataRow.line, in: bound)
        var contents: [CellContent] = []
        swap(&contents, &buffer.contents)
        var laidOut = LayoutRow(index: sheetRow, body: BodyCells(contents: contents, styles: styles), height: height)
        laidOut.notes = notes
        try release(laidOut, isBody: true, emit: emit)
    }

    /// Lays `dataRow`'s cells out at `row` into the buffer; returns the row's height (`nil` for a default row).
    private mutating func layOut(_ dataRow: DataRow, at row: Int, continuesBlock: Bool) throws -> Double? {
        try bound.cells(for: dataRow, at: row, continuesBlock: continuesBlock, related: related, into: &buffer)
        guard let frame, !bound.wrapped.isEmpty else { return nil }
        return bound.height(of: buffer.contents, widths: frame.widths)
    }

    /// The rows that must print on a data row's page after it: the subtotals closing before
    /// `next`; after the last row, every subtotal, the grand total, and the notes.
    private func trailingHeight(after next: DataRow?, autoRow: Double) -> Double {
        let subtotals = Double(body.closingCount(before: next)) * autoRow
        guard next == nil else { return subtotals }
        let total = bound.sheet.totals?.label == nil ? 0 : autoRow
        return subtotals + total + (frame?.closingHeight ?? 0)
    }

    /// Whether `dataRow` repeats the previous row's suppressed labels (so they are left blank).
    private mutating func continuesBlock(_ dataRow: DataRow, afterLines: Bool) -> Bool {
        guard !bound.suppressed.isEmpty else { return false }
        let block = bound.suppressed.map { bound.fieldIndex[$0].map { dataRow.values[$0].displayText } ?? "" }
        defer { previousBlock = block }
        return block == previousBlock && !afterLines
    }

    /// Hands `emit` the rows after the last data row: closing subtotals, the grand total and the
    /// notes (and every waiting row). Returns the settings applied after the rows.
    package mutating func finish(emit: Emit) throws -> SheetSettings {
        try flush(emit: emit)
        try placeWaiting(keepingLast: false, emit: emit)
        let closing = body.finish()
        try release(closing, dataRow: nil, emit: emit)
        var totalsTable: TableLayout?
        if let label = bound.sheet.totals?.label {
            let row = body.nextRow
            try limit.check(row: row, isData: false, dataRow: nil)
            let span = row > bound.firstBodyRow ? bound.firstBodyRow...(row - 1) : nil
            let total = TotalRow(bound: bound, label: label, grand: true)
            if bound.accessible {
                totalsTable = try span.map { try releaseTotalsTable(total, below: $0, emit: emit) }
            } else {
                try release(LayoutRow(index: row, cells: try total.cells(row: row, rows: span, totals: body.grandTotals)), isBody: true, emit: emit)
            }
        }
        try limit.finish()
        let frame = try flush(emit: emit).widened(to: measured.widths(bound.sheet))
        self.frame = frame
        columns = frame.columns
        warnings = frame.warnings() + [pages?.warning(sheet: bound.sheet.name, at: bound.sheet.location)].compactMap { $0 }
        for row in frame.closingRows(lastBodyRow: lastBodyRow) { try emit(row, frame) }
        var settings = frame.settings(lastBodyRow: lastBodyRow, pageBreaks: pages?.breaks ?? [])
        if bound.accessible {
            settings.tables = [frame.table(lastDataRow: body.nextRow - 1)] + (totalsTable.map { [$0] } ?? [])
            lastRowUsed = totalsTable?.lastRow ?? lastBodyRow
        }
        return settings
    }

    /// The accessible variant's totals: below the data rows `dataRows`, a blank row, a line
    /// saying what follows, and a table of the total row's filled columns
    /// (``TotalRow/filledColumns``), its header row then the totals. Returns that table.
    private mutating func releaseTotalsTable(_ total: TotalRow, below dataRows: ClosedRange<Int>, emit: Emit) throws -> TableLayout {
        let labelRow = dataRows.upperBound + 2, headerRow = labelRow + 1
        let columns = total.filledColumns
        let headers = columns.map { bound.sheet.columns[$0].header }
        try release(LayoutRow(index: labelRow, cells: [LayoutCell(row: labelRow, column: 0, content: .text(Self.totalsLabel), style: CellStyle())]),
                    isBody: false, emit: emit)
        try release(LayoutRow(index: headerRow, cells: headers.enumerated().map { LayoutCell(row: headerRow, column: $0.offset, content: .text($0.element), style: .header) }),
                    isBody: false, emit: emit)
        try release(LayoutRow(index: headerRow + 1, cells: try total.totalsTableCells(row: headerRow + 1, rows: dataRows, totals: body.grandTotals)),
                    isBody: false, emit: emit)
        return TableLayout(firstRow: headerRow, lastRow: headerRow + 1, headers: headers)
    }

    /// The line above the accessible variant's totals table.
    static let totalsLabel = "Totals of the table above (they add up only the rows its filter shows)"

    /// The last body row (the grand total when there is one); before the first body row when empty.
    var lastBodyRow: Int { body.nextRow - (bound.sheet.totals?.label == nil || bound.accessible ? 1 : 0) }
    /// The last row holding anything, in the accessible variant (its totals table's, if any).
    private(set) var lastRowUsed: Int?

    private func row(_ line: GroupedBody.Line, at row: Int) throws -> LayoutRow {
        switch line {
        case .heading(_, let text):
            return .spanning(text, style: bound.roles.groupHeading, row: row, lastColumn: bound.lastColumn)
        case .subtotal(_, let label, let rows, let totals):
            let cells = try TotalRow(bound: bound, label: label, grand: false).cells(row: row, rows: rows, totals: totals)
            return LayoutRow(index: row, cells: cells)
        }
    }

    /// Heading and subtotal `lines` checked against the row limit and handed on.
    private mutating func release(_ lines: [(row: Int, line: GroupedBody.Line)], dataRow: DataRow?, emit: Emit) throws {
        for (row, line) in lines {
            try limit.check(row: row, isData: false, dataRow: dataRow)
            try release(try self.row(line, at: row), isBody: true, emit: emit)
        }
    }

    /// `row` added to the current page and handed on (the widths are known by then).
    private mutating func release(_ row: LayoutRow, isBody: Bool, emit: Emit) throws {
        guard let frame else { preconditionFailure("rows are placed once the widths are fixed") }
        pages?.add(height: row.height, body: isBody)
        try emit(row, frame)
    }

    /// Fixes the widths from the sample (once), starts the page model and hands on the opening rows.
    @discardableResult
    private mutating func flush(emit: Emit) throws -> SheetFrame {
        if let frame { return frame }
        let frame = SheetFrame(bound: bound, widths: measured.widths(bound.sheet))
        self.frame = frame
        pages = frame.pagePlan()
        for row in frame.openingRows() { try release(row, isBody: false, emit: emit) }
        return frame
    }
}

/// Excel's row limit, checked as rows are placed, with the same answer as counting them all
/// first: the first data row that leaves no room for the grand total is refused; a heading or
/// subtotal past the limit is refused at the next data row, or, at the end, as the last data row.
private struct RowLimitCheck {
    package let bound: BoundSheet
    private var dataRows = 0
    private var lastLine: Int?
    private var overflowed = false

    package init(bound: BoundSheet) {
        self.bound = bound
    }

    private var trailing: Int { bound.sheet.totals?.label == nil ? 0 : 1 }

    package mutating func check(row: Int, isData: Bool, dataRow: DataRow?) throws {
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

    package func finish() throws {
        guard overflowed else { return }
        throw bound.budget.fullError(sheet: bound.sheet.name, file: bound.file, line: lastLine, dataRowsThatFit: max(dataRows - 1, 0))
    }
}

import AppendixDefinition
import AppendixExpression
import AppendixLayout
import CXLSXWriter
import Foundation

/// The one writer over libxlsxwriter, for both build modes: sheets are added in workbook order,
/// then each takes its rows top to bottom (sheets may be written in any order: in
/// constant-memory mode each has its own temporary file) and its settings last. The modes differ
/// only in libxlsxwriter's `constant_memory` flag; the calls, and so the workbook, are the same.
///
/// It owns the library's measured limits (`toolchain.md`): merged ranges are registered once the
/// writer is on their last row, after that row's cells (the cells of the range are written with
/// the rows, so a vertical merge loses nothing in constant-memory mode). Excel tables (the
/// accessible variant's) are marked up as a sheet finishes; constant-memory mode refuses them. Output goes through `WorkbookStaging`: a
/// temporary file beside the target, checked and renamed only after a clean close.
package final class WorkbookWriter: WorkbookSink {
    package let constantMemory: Bool
    private let staging: WorkbookStaging
    private let displayName: String
    /// The open workbook, `nil` once ``close()`` has run: `workbook_close` frees it and its
    /// sheets, so every call after that throws instead of touching freed memory.
    private var workbook: UnsafeMutablePointer<lxw_workbook>?
    private var formats: FormatCache
    /// The fonts of rich-text runs (`markup: html` columns).
    private let runFonts: RunFontFormats
    private var sheets: [SheetState] = []

    /// Starts a workbook that will be moved to `url` when ``close()`` succeeds, zipped as `zip` says.
    package init(url: URL, displayName: String? = nil, constantMemory: Bool, zip: PackageZip = .singleBuild) throws(RenderError) {
        self.displayName = displayName ?? url.path
        self.constantMemory = constantMemory
        staging = try WorkbookStaging(target: url, displayName: self.displayName, zip: zip)
        let workbook = try staging.newWorkbook(constantMemory: constantMemory)
        self.workbook = workbook
        formats = FormatCache(workbook: workbook)
        runFonts = RunFontFormats(workbook: workbook)
    }

    deinit {
        if let workbook { staging.abandon(workbook) }
    }

    /// Sets the document title property.
    package func setTitle(_ title: String) throws(RenderError) {
        var properties = DocumentProperties()
        properties[.title] = title
        try setProperties(properties)
    }

    /// Sets the document properties (title, subject, author, …); libxlsxwriter copies the texts.
    package func setProperties(_ properties: DocumentProperties) throws(RenderError) {
        let workbook = try openWorkbook()
        var texts: [UnsafeMutablePointer<CChar>] = []
        defer { texts.forEach { free($0) } }
        func copy(_ property: DocumentProperty) -> UnsafeMutablePointer<CChar>? {
            // strdup returns NULL only when malloc fails; the property is then left unset.
            guard let value = properties[property], let text = strdup(value) else { return nil }
            texts.append(text)
            return text
        }
        var fields = lxw_doc_properties()
        fields.title = copy(.title); fields.subject = copy(.subject); fields.author = copy(.author)
        fields.manager = copy(.manager); fields.company = copy(.company); fields.category = copy(.category)
        fields.keywords = copy(.keywords); fields.comments = copy(.comments); fields.status = copy(.status)
        _ = workbook_set_properties(workbook, &fields)
    }

    /// Adds the next sheet of the workbook.
    package func addSheet(name: String) throws(RenderError) -> Int {
        let workbook = try openWorkbook()
        guard let worksheet = workbook_add_worksheet(workbook, name) else {
            throw RenderError(file: displayName, message: "libxlsxwriter refused the sheet name '\(name)'")
        }
        sheets.append(SheetState(name: name, worksheet: worksheet))
        return sheets.count - 1
    }

    /// Sets a sheet's column widths and visibility (any time before ``close()``).
    package func setColumns(_ columns: [ColumnLayout], of sheet: Int) throws(RenderError) {
        _ = try openWorkbook()
        let state = sheets[sheet]
        for (index, column) in columns.enumerated() {
            var options = lxw_row_col_options(hidden: column.hidden ? 1 : 0, level: 0, collapsed: 0)
            try check(worksheet_set_column_opt(state.worksheet, lxw_col_t(index), lxw_col_t(index), column.width, nil, &options),
                      sheet, "column \(index + 1)")
        }
    }

    /// Writes `rows` (in order, below the rows already written) to `sheet`.
    package func write(_ rows: [LayoutRow], to sheet: Int) throws(RenderError) {
        for row in rows { try write(row, to: sheet) }
    }

    /// Writes one row: its height, its cells, the cells of merged ranges covering it, then the
    /// merged ranges that end on it.
    package func write(_ row: LayoutRow, to sheet: Int) throws(RenderError) {
        _ = try openWorkbook()
        let worksheet = sheets[sheet].worksheet
        if let height = row.height {
            try check(worksheet_set_row(worksheet, lxw_row_t(row.index), height, nil), sheet, "row \(row.index + 1)")
            sheets[sheet].rows.markInOrder(row.index)
        }
        if !row.merges.isEmpty { sheets[sheet].openMerges += row.merges }
        if let filter = row.autofilter {
            try check(worksheet_autofilter(worksheet, lxw_row_t(filter.firstRow), lxw_col_t(filter.firstColumn), lxw_row_t(filter.lastRow), lxw_col_t(filter.lastColumn)),
                      sheet, "autofilter")
        }
        if let body = row.body, sheets[sheet].openMerges.isEmpty {
            try writeBody(body, row: row.index, to: sheet)
            try writeNotes(row.notes, row: row.index, to: sheet)
            return
        }
        var cells = row.cells
        if !sheets[sheet].openMerges.isEmpty {
            for merge in sheets[sheet].openMerges { cells += merge.cells(onRow: row.index) }
            cells.sort { $0.column < $1.column }
        }
        for cell in cells {
            try write(cell.content, row: row.index, column: cell.column, format: formats.format(for: cell.style), to: sheet)
        }
        try writeNotes(row.notes, row: row.index, to: sheet)
        try registerMerges(endingOn: row.index, of: sheet)
    }

    /// A data row: each column's format resolved once per sheet's body styles, then looked up;
    /// the row is counted once, after its cells.
    private func writeBody(_ body: BodyCells, row: Int, to sheet: Int) throws(RenderError) {
        if sheets[sheet].bodyStyles !== body.styles {
            sheets[sheet].bodyStyles = body.styles
            sheets[sheet].bodyFormats = body.styles.styles.map { formats.format(for: $0) }
        }
        let worksheet = sheets[sheet].worksheet
        // Cells and formats read in place through buffers: iterating the arrays copied (and
        // retained) every cell's content.
        let outcome = body.contents.withUnsafeBufferPointer { contents in
            sheets[sheet].bodyFormats.withUnsafeBufferPointer { formats in
                var outcome = CellWriter.Result(error: LXW_NO_ERROR, wroteCell: false), column = 0
                while column < contents.count && outcome.error == LXW_NO_ERROR {
                    let result = CellWriter.write(contents[column], row: row, column: column, format: formats[column], fonts: runFonts, to: worksheet)
                    outcome = CellWriter.Result(error: result.error, wroteCell: outcome.wroteCell || result.wroteCell)
                    column += 1
                }
                return BodyOutcome(result: outcome, column: column - 1)
            }
        }
        try check(outcome.result.error, sheet, "cell \(CellReference(row: row, column: outcome.column).a1)")
        if outcome.result.wroteCell { sheets[sheet].rows.markInOrder(row) }
    }

    private func write(_ content: CellContent, row: Int, column: Int, format: UnsafeMutablePointer<lxw_format>?, to sheet: Int) throws(RenderError) {
        let result = CellWriter.write(content, row: row, column: column, format: format, fonts: runFonts, to: sheets[sheet].worksheet)
        try check(result.error, sheet, "cell \(CellReference(row: row, column: column).a1)")
        if result.wroteCell { sheets[sheet].rows.markInOrder(row) }
    }

    /// Notes (comments) on the row's cells, after them: constant_memory mode takes them only
    /// on the row being written (docs/library-facts.md).
    private func writeNotes(_ notes: [CellNote], row: Int, to sheet: Int) throws(RenderError) {
        for note in notes {
            try check(worksheet_write_comment(sheets[sheet].worksheet, lxw_row_t(row), lxw_col_t(note.column), SpreadsheetText.escaped(note.text)),
                      sheet, "note on cell \(CellReference(row: row, column: note.column).a1)")
        }
    }

    /// Conditional fills, charts, panes and print set-up, after the sheet's last row.
    package func finish(_ sheet: Int, settings: SheetSettings) throws(RenderError) {
        let workbook = try openWorkbook()
        if let last = sheets[sheet].openMerges.map(\.lastRow).max() {
            try write(LayoutRow(index: last), to: sheet)  // merges reaching past the last written row
        }
        let worksheet = sheets[sheet].worksheet
        for fill in settings.conditionalFills {
            try addConditionalFill(fill, to: sheet)
        }
        for chart in settings.charts {
            try check(ChartWriter.insert(chart, on: worksheet, in: workbook), sheet, "chart")
        }
        for table in settings.tables {
            try addTable(table, to: sheet)
        }
        try applyEditing(settings.editing, to: sheet, in: workbook)
        if let freeze = settings.freeze {
            worksheet_freeze_panes(worksheet, lxw_row_t(freeze.row), lxw_col_t(freeze.column))
        }
        try check(PrintSettings.apply(settings.print, scale: settings.printScale, repeatedRows: settings.repeatedRows, to: worksheet), sheet, "page header")
        if !settings.pageBreaks.isEmpty {
            // libxlsxwriter copies the zero-terminated list; row 0 never starts a second page.
            let breaks = settings.pageBreaks.map { lxw_row_t($0) } + [0]
            try check(breaks.withUnsafeBufferPointer { worksheet_set_h_pagebreaks(worksheet, UnsafeMutablePointer(mutating: $0.baseAddress)) }, sheet, "page breaks")
        }
        if settings.hidden { worksheet_hide(worksheet) }
    }

    /// Closes the workbook, checks it and moves it into place. A second call does nothing; any
    /// other call after this one throws.
    package func close() throws(RenderError) {
        guard let workbook else { return }
        self.workbook = nil
        try staging.finish(workbook, sheetRows: sheets.map(\.rows.count))
    }

    /// What the zip layer reported when ``close()`` wrote the package (which layer, threads, time).
    package var zipReport: PackageZipReport? { staging.zipReport }

    // MARK: Internals

    private func openWorkbook() throws(RenderError) -> UnsafeMutablePointer<lxw_workbook> {
        guard let workbook else { throw RenderError(file: displayName, message: "the workbook is already closed") }
        return workbook
    }

    private func registerMerges(endingOn row: Int, of sheet: Int) throws(RenderError) {
        guard !sheets[sheet].openMerges.isEmpty else { return }
        let state = sheets[sheet]
        let ending = state.openMerges.filter { $0.lastRow <= row }
        guard !ending.isEmpty else { return }
        sheets[sheet].openMerges.removeAll { $0.lastRow <= row }
        for merge in ending {
            let format = formats.format(for: merge.style)
            try check(worksheet_merge_range(state.worksheet, lxw_row_t(merge.firstRow), lxw_col_t(merge.firstColumn),
                                            lxw_row_t(merge.lastRow), lxw_col_t(merge.lastColumn), SpreadsheetText.escaped(merge.text), format),
                      sheet, "merged range at row \(merge.firstRow + 1)")
        }
    }

    /// Marks `table` up as an Excel table over the cells already written: libxlsxwriter rewrites
    /// the header cells, so they are given the header style again. Constant-memory mode refuses
    /// tables (docs/probes/tables-probe.c); the accessible variant, the only layout with tables,
    /// is built in memory.
    private func addTable(_ table: TableLayout, to sheet: Int) throws(RenderError) {
        let format = formats.format(for: .header)
        let headers = table.headers.map { strdup(SpreadsheetText.escaped($0)) }
        defer { headers.forEach { free($0) } }
        var columns = headers.map { lxw_table_column(header: $0, formula: nil, total_string: nil, total_function: 0, header_format: format, format: nil, total_value: 0) }
        let worksheet = sheets[sheet].worksheet
        let result = columns.withUnsafeMutableBufferPointer { buffer -> lxw_error in
            // The buffer is the `columns` array's storage, never empty for a table (a header each).
            var pointers: [UnsafeMutablePointer<lxw_table_column>?] = buffer.indices.map { index in buffer.baseAddress.map { $0 + index } } + [nil]
            return pointers.withUnsafeMutableBufferPointer { list -> lxw_error in
                var options = lxw_table_options()
                options.columns = list.baseAddress
                options.style_type = UInt8(LXW_TABLE_STYLE_TYPE_LIGHT.rawValue)
                options.style_type_number = 1
                return worksheet_add_table(worksheet, lxw_row_t(table.firstRow), lxw_col_t(table.firstColumn),
                                           lxw_row_t(table.lastRow), lxw_col_t(table.lastColumn), &options)
            }
        }
        let range = RangeReference(sheet: nil, firstRow: table.firstRow, lastRow: table.lastRow, firstColumn: table.firstColumn, lastColumn: table.lastColumn)
        try check(result, sheet, "table \(range.formulaText)")
    }

    /// Protection, validations, highlights and defined names (``EditingWriter``).
    private func applyEditing(_ editing: EditingSettings, to sheet: Int, in workbook: UnsafeMutablePointer<lxw_workbook>) throws(RenderError) {
        let worksheet = sheets[sheet].worksheet
        for validation in editing.validations {
            try check(EditingWriter.validate(validation, on: worksheet), sheet, "validation of \(validation.range.formulaText)")
        }
        for highlight in editing.highlights {
            try check(EditingWriter.highlight(highlight, on: worksheet, formats: &formats), sheet, "highlight of \(highlight.range.formulaText)")
        }
        for name in editing.names {
            try check(EditingWriter.define(name, in: workbook), sheet, "defined name '\(name.name)'")
        }
        if editing.protect { EditingWriter.protect(worksheet) }
    }

    private func addConditionalFill(_ fill: ConditionalFill, to sheet: Int) throws(RenderError) {
        var rule = lxw_conditional_format()
        rule.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
        rule.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_EQUAL_TO.rawValue)
        rule.format = formats.conditionalFormat(fill: fill.fill, fontColour: fill.fontColour)
        let quoted = "\"" + fill.text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let worksheet = sheets[sheet].worksheet
        let result = quoted.withCString { text -> lxw_error in
            rule.value_string = UnsafeMutablePointer(mutating: text)
            return worksheet_conditional_format_range(worksheet, lxw_row_t(fill.range.firstRow), lxw_col_t(fill.range.firstColumn),
                                                      lxw_row_t(fill.range.lastRow), lxw_col_t(fill.range.lastColumn), &rule)
        }
        try check(result, sheet, "conditional format")
    }

    private func check(_ result: lxw_error, _ sheet: Int, _ what: @autoclosure () -> String) throws(RenderError) {
        guard result == LXW_NO_ERROR else {
            throw RenderError(file: displayName, message: "sheet '\(sheets[sheet].name)', \(what()): \(String(cString: lxw_strerror(result)))")
        }
    }
}

/// How writing a data row's cells went, and the last column written (the failing one on an error).
private struct BodyOutcome {
    var result: CellWriter.Result
    var column: Int
}

/// What the writer keeps per sheet: the worksheet, the rows written (for the package check) and
/// the merged ranges begun but not yet ended.
private struct SheetState {
    package let name: String
    package let worksheet: UnsafeMutablePointer<lxw_worksheet>
    package var rows = RowLedger()
    var openMerges: [MergedRange] = []
    /// The body styles last written and their formats, by column (one list per sheet in practice).
    var bodyStyles: ColumnStyles?
    var bodyFormats: [UnsafeMutablePointer<lxw_format>?] = []
}

extension MergedRange {
    /// The range's cells on `row`: its text in the top-left cell, styled blanks elsewhere (what
    /// `worksheet_merge_range` writes, but row by row, so constant-memory mode keeps them all).
    package func cells(onRow row: Int) -> [LayoutCell] {
        guard (firstRow...lastRow).contains(row) else { return [] }
        return (firstColumn...lastColumn).map { column in
            let isFirst = row == firstRow && column == firstColumn
            return LayoutCell(row: row, column: column, content: isFirst ? .text(text) : .blank, style: style)
        }
    }
}

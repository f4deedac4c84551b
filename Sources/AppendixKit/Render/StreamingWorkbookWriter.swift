import CXLSXWriter
import Foundation

/// Writes a workbook row by row in libxlsxwriter's constant-memory mode: each row is flushed
/// to disk as soon as the next begins, so memory stays flat however many rows there are. Rows
/// must come in order. Like ``WorkbookRenderer`` it writes through ``WorkbookStaging``: a
/// temporary file beside the target, checked and renamed only after a clean close.
public final class StreamingWorkbookWriter {
    private let staging: WorkbookStaging
    private let displayName: String
    private let workbook: UnsafeMutablePointer<lxw_workbook>
    private var sheetRows: [RowLedger] = []
    private var formats: FormatCache
    private var worksheet: UnsafeMutablePointer<lxw_worksheet>?
    private var sheetName = ""
    private var columnFormats: [UnsafeMutablePointer<lxw_format>?] = []
    private var closed = false

    /// Starts a workbook that will be moved to `url` when ``close()`` succeeds.
    public init(url: URL, displayName: String? = nil) throws {
        self.displayName = displayName ?? url.path
        staging = try WorkbookStaging(target: url, displayName: self.displayName)
        workbook = try staging.newWorkbook(constantMemory: true)
        formats = FormatCache(workbook: workbook)
    }

    deinit {
        if !closed { staging.abandon(workbook) }
    }

    /// Sets the document title property.
    public func setTitle(_ title: String) {
        WorkbookRenderer.setTitle(title, of: workbook)
    }

    /// Starts a sheet with its column widths and each column's body style.
    public func beginSheet(name: String, columns: [ColumnLayout], styles: [CellStyle]) throws {
        guard let sheet = workbook_add_worksheet(workbook, name) else {
            throw RenderError(file: displayName, message: "libxlsxwriter refused the sheet name '\(name)'")
        }
        worksheet = sheet
        sheetName = name
        sheetRows.append(RowLedger())
        for (index, column) in columns.enumerated() {
            var options = lxw_row_col_options(hidden: column.hidden ? 1 : 0, level: 0, collapsed: 0)
            try check(worksheet_set_column_opt(sheet, lxw_col_t(index), lxw_col_t(index), column.width, nil, &options), "column \(index + 1)")
        }
        columnFormats = styles.map { formats.format(for: $0) }
    }

    /// Writes `cells` (in row order, after any rows already written), with row heights.
    public func write(_ cells: [LayoutCell], heights: [Int: Double] = [:]) throws {
        guard let sheet = worksheet else { return }
        var currentRow = -1
        for cell in cells {
            if cell.row != currentRow {
                currentRow = cell.row
                if let height = heights[cell.row] {
                    try check(worksheet_set_row(sheet, lxw_row_t(cell.row), height, nil), "row \(cell.row + 1)")
                    sheetRows[sheetRows.count - 1].markInOrder(cell.row)
                }
            }
            try write(cell.content, row: cell.row, column: cell.column, format: formats.format(for: cell.style), to: sheet)
        }
    }

    /// Writes one body row: `contents[i]` in column `i` with that column's style.
    public func writeRow(_ row: Int, _ contents: [CellContent], height: Double?) throws {
        guard let sheet = worksheet else { return }
        if let height {
            try check(worksheet_set_row(sheet, lxw_row_t(row), height, nil), "row \(row + 1)")
            sheetRows[sheetRows.count - 1].markInOrder(row)
        }
        for (column, content) in contents.enumerated() {
            try write(content, row: row, column: column, format: columnFormats[column], to: sheet)
        }
    }

    /// Panes, print set-up and conditional fills of the current sheet.
    public func finishSheet(freeze: (row: Int, column: Int)?, repeatedRows: ClosedRange<Int>?, print: PrintSetup, conditionalFills: [ConditionalFill]) throws {
        guard let sheet = worksheet else { return }
        for fill in conditionalFills {
            try WorkbookRenderer.addConditionalFill(fill, to: sheet, formats: &formats, check: { try check($0, $1()) })
        }
        if let freeze { worksheet_freeze_panes(sheet, lxw_row_t(freeze.row), lxw_col_t(freeze.column)) }
        WorkbookRenderer.apply(print, repeatedRows: repeatedRows, to: sheet)
    }

    /// Closes the workbook, checks it and moves it into place.
    public func close() throws {
        closed = true
        try staging.finish(workbook, sheetRows: sheetRows.map(\.count))
    }

    private func write(_ content: CellContent, row: Int, column: Int, format: UnsafeMutablePointer<lxw_format>?, to sheet: UnsafeMutablePointer<lxw_worksheet>) throws {
        let result = CellWriter.write(content, row: row, column: column, format: format, to: sheet)
        try check(result.error, "cell \(CellReference(row: row, column: column).a1)")
        if result.wroteCell { sheetRows[sheetRows.count - 1].markInOrder(row) }
    }

    private func check(_ result: lxw_error, _ what: @autoclosure () -> String) throws {
        guard result == LXW_NO_ERROR else {
            throw RenderError(file: displayName, message: "sheet '\(sheetName)', \(what()): \(String(cString: lxw_strerror(result)))")
        }
    }
}

import CXLSXWriter
import Foundation

/// Writes a ``WorkbookLayout`` to an .xlsx file with libxlsxwriter.
///
/// The workbook is written to a temporary file in the target folder and renamed over the
/// target only when libxlsxwriter has closed it without error, so a failure never leaves a
/// partial workbook or touches an existing one.
public struct WorkbookRenderer: Sendable {
    public init() {}

    /// Writes `layout` to `url`, creating the folder if needed.
    /// - Throws: ``RenderError`` naming the file and the cause.
    public func write(_ layout: WorkbookLayout, to url: URL, displayName: String? = nil) throws {
        let name = displayName ?? url.path
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw RenderError(file: name, message: "cannot create the folder \(folder.path): \(error.localizedDescription)")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        defer { unlink(temporary.path) }

        guard let workbook = workbook_new(temporary.path) else {
            throw RenderError(file: name, message: "cannot create a file in \(folder.path) (is the folder writable?)")
        }
        var formats = FormatCache(workbook: workbook)
        var failure: RenderError?
        for sheet in layout.sheets where failure == nil {
            do {
                try write(sheet, to: workbook, formats: &formats, file: name)
            } catch let error as RenderError {
                failure = error
            } catch {
                failure = RenderError(file: name, message: "\(error)")
            }
        }
        let closed = workbook_close(workbook)
        if let failure { throw failure }
        guard closed == LXW_NO_ERROR else {
            throw RenderError(file: name, message: "could not write the workbook: \(String(cString: lxw_strerror(closed)))")
        }
        guard rename(temporary.path, url.path) == 0 else {
            throw RenderError(file: name, message: "could not move the finished workbook into place: \(String(cString: strerror(errno)))")
        }
    }

    private func write(_ sheet: SheetLayout, to workbook: UnsafeMutablePointer<lxw_workbook>, formats: inout FormatCache, file: String) throws {
        guard let worksheet = workbook_add_worksheet(workbook, sheet.name) else {
            throw RenderError(file: file, message: "libxlsxwriter refused the sheet name '\(sheet.name)'")
        }
        func check(_ result: lxw_error, _ what: @autoclosure () -> String) throws {
            guard result == LXW_NO_ERROR else {
                throw RenderError(file: file, message: "sheet '\(sheet.name)', \(what()): \(String(cString: lxw_strerror(result)))")
            }
        }
        for (index, column) in sheet.columns.enumerated() {
            var options = lxw_row_col_options(hidden: column.hidden ? 1 : 0, level: 0, collapsed: 0)
            try check(worksheet_set_column_opt(worksheet, lxw_col_t(index), lxw_col_t(index), column.width, nil, &options), "column \(index + 1)")
        }
        for (row, height) in sheet.rowHeights.sorted(by: { $0.key < $1.key }) {
            try check(worksheet_set_row(worksheet, lxw_row_t(row), height, nil), "row \(row + 1)")
        }
        for cell in sheet.cells {
            let row = lxw_row_t(cell.row), column = lxw_col_t(cell.column)
            let format = formats.format(for: cell.style)
            let address = CellReference(row: cell.row, column: cell.column).a1
            switch cell.content {
            case .text(let text):
                try check(worksheet_write_string(worksheet, row, column, text, format), "cell \(address)")
            case .number(let number):
                try check(worksheet_write_number(worksheet, row, column, number, format), "cell \(address)")
            case .formula(let formula, .number(let value)):
                try check(worksheet_write_formula_num(worksheet, row, column, "=" + formula, format, value), "formula in \(address)")
            case .formula(let formula, .text(let value)):
                try check(worksheet_write_formula_str(worksheet, row, column, "=" + formula, format, value), "formula in \(address)")
            case .blank:
                if format != nil { try check(worksheet_write_blank(worksheet, row, column, format), "cell \(address)") }
            }
        }
        for merge in sheet.merges {
            try check(worksheet_merge_range(worksheet, lxw_row_t(merge.firstRow), lxw_col_t(merge.firstColumn),
                                            lxw_row_t(merge.lastRow), lxw_col_t(merge.lastColumn), merge.text,
                                            formats.format(for: merge.style)), "merged range at row \(merge.firstRow + 1)")
        }
        if let freeze = sheet.freeze {
            worksheet_freeze_panes(worksheet, lxw_row_t(freeze.row), lxw_col_t(freeze.column))
        }
        apply(sheet.print, repeatedRows: sheet.repeatedRows, to: worksheet)
    }

    private func apply(_ print: PrintSetup, repeatedRows: ClosedRange<Int>?, to worksheet: UnsafeMutablePointer<lxw_worksheet>) {
        switch print.orientation {
        case .landscape: worksheet_set_landscape(worksheet)
        case .portrait: worksheet_set_portrait(worksheet)
        }
        switch print.paper {
        case .a4: worksheet_set_paper(worksheet, 9)
        case .a3: worksheet_set_paper(worksheet, 8)
        case .letter: worksheet_set_paper(worksheet, 1)
        }
        if print.fitWidth > 0 { worksheet_fit_to_pages(worksheet, UInt16(print.fitWidth), 0) }
        if let rows = repeatedRows { worksheet_repeat_rows(worksheet, lxw_row_t(rows.lowerBound), lxw_row_t(rows.upperBound)) }
        if let footer = print.footer { worksheet_set_footer(worksheet, footer) }
        if let header = print.header { worksheet_set_header(worksheet, header) }
    }
}

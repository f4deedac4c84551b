import AppendixLayout
import CXLSXWriter

/// Writes one cell's content with libxlsxwriter, for both writers: text from data is escaped
/// (``SpreadsheetText``), and the result says whether libxlsxwriter keeps a cell (it drops an
/// unformatted blank or empty text), so the row can be counted for the package check.
package enum CellWriter {
    package struct Result {
        package var error: lxw_error
        var wroteCell: Bool
    }

    package static func write(_ content: CellContent, row: Int, column: Int, format: UnsafeMutablePointer<lxw_format>?,
                              fonts: RunFontFormats, to sheet: UnsafeMutablePointer<lxw_worksheet>) -> Result {
        let r = lxw_row_t(row), c = lxw_col_t(column)
        switch content {
        case .text(let text) where !SpreadsheetText.needsEscape(text):
            // withCString lends a native String's own bytes (they end in a NUL); passing `text`
            // as the argument would copy it into a new array first (String.utf8CString).
            let error = text.withCString { worksheet_write_string(sheet, r, c, $0, format) }
            return Result(error: error, wroteCell: !text.isEmpty || format != nil)
        case .text(let text):
            return Result(error: worksheet_write_string(sheet, r, c, SpreadsheetText.escaped(text), format), wroteCell: !text.isEmpty || format != nil)
        case .rich(let rich):
            return Result(error: RichStringWriter.write(rich, row: r, column: c, format: format, fonts: fonts, to: sheet), wroteCell: true)
        case .link(let link):
            return Result(error: worksheet_write_url_opt(sheet, r, c, link.url, format, SpreadsheetText.escaped(link.text), nil), wroteCell: true)
        case .number(let number):
            return Result(error: worksheet_write_number(sheet, r, c, number, format), wroteCell: true)
        case .formula(let formula, .number(let value)):
            return Result(error: formula.withCString { worksheet_write_formula_num(sheet, r, c, $0, format, value) }, wroteCell: true)
        case .formula(let formula, .text(let value)):
            return Result(error: worksheet_write_formula_str(sheet, r, c, formula, format, SpreadsheetText.escaped(value)), wroteCell: true)
        case .blank:
            return Result(error: format == nil ? LXW_NO_ERROR : worksheet_write_blank(sheet, r, c, format), wroteCell: format != nil)
        }
    }
}

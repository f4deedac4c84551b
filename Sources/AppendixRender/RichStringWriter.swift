import AppendixData
import CXLSXWriter
import Foundation

/// Writes a cell of bold and italic runs (``/AppendixData/RichText``) with
/// `worksheet_write_rich_string`, within what libxlsxwriter 1.1.4 accepts (measured, in both
/// modes): at least 2 and at most 254 fragments (255 is refused, and 256 or more never return),
/// none empty, and at most 32,767 characters of the rich string's XML (about 118 per run beyond
/// its text). A text of one run is written as two fragments of the same font; a text that cannot
/// be written so — one character, more than 254 runs, or too long with its runs' XML — is
/// written as a plain string: every character kept, the bold and italic dropped.
enum RichStringWriter {
    /// The most fragments libxlsxwriter takes in one rich string.
    static let maximumFragments = 254

    static func write(_ rich: RichText, row: lxw_row_t, column: lxw_col_t, format: UnsafeMutablePointer<lxw_format>?,
                      fonts: RunFontFormats, to sheet: UnsafeMutablePointer<lxw_worksheet>) -> lxw_error {
        let fragments = fragments(of: rich)
        let plain = SpreadsheetText.escaped(rich.plainText)
        guard (2...maximumFragments).contains(fragments.count) else { return worksheet_write_string(sheet, row, column, plain, format) }
        let strings = fragments.map { strdup(SpreadsheetText.escaped($0.text)) }
        let tuples = UnsafeMutablePointer<lxw_rich_string_tuple>.allocate(capacity: fragments.count)
        defer {
            strings.forEach { free($0) }
            tuples.deallocate()
        }
        var pointers: [UnsafeMutablePointer<lxw_rich_string_tuple>?] = []
        for (index, fragment) in fragments.enumerated() {
            (tuples + index).initialize(to: lxw_rich_string_tuple(format: fonts.format(for: fragment.font), string: strings[index]))
            pointers.append(tuples + index)
        }
        pointers.append(nil)
        let error = worksheet_write_rich_string(sheet, row, column, &pointers, format)
        guard error == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED else { return error }
        return worksheet_write_string(sheet, row, column, plain, format)
    }

    /// The runs as fragments: one run becomes two (its first character, then the rest).
    static func fragments(of rich: RichText) -> [RichTextRun] {
        guard rich.runs.count == 1, let run = rich.runs.first, run.text.count > 1 else { return rich.runs }
        // swift-format-ignore: NeverForceUnwrap
        let first = String(run.text.first!)  // run.text has more than one character
        return [RichTextRun(text: first, font: run.font), RichTextRun(text: String(run.text.dropFirst()), font: run.font)]
    }
}

/// The fonts of rich-string runs (bold, italic, both), one libxlsxwriter format each, made on
/// first use. They are used only inside rich strings, never as a cell's format.
package final class RunFontFormats {
    private let workbook: UnsafeMutablePointer<lxw_workbook>
    private var formats: [RunFont: UnsafeMutablePointer<lxw_format>] = [:]

    init(workbook: UnsafeMutablePointer<lxw_workbook>) {
        self.workbook = workbook
    }

    /// The format of a run in `font`; `nil` (the cell's font) for a regular run.
    func format(for font: RunFont) -> UnsafeMutablePointer<lxw_format>? {
        if font == .regular { return nil }
        if let format = formats[font] { return format }
        // workbook_add_format returns NULL only when malloc fails (workbook.c, RETURN_ON_MEM_ERROR).
        // swift-format-ignore: NeverForceUnwrap
        let format = workbook_add_format(workbook)!
        if font.bold { format_set_bold(format) }
        if font.italic { format_set_italic(format) }
        formats[font] = format
        return format
    }
}

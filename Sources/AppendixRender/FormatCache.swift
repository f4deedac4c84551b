import AppendixLayout
import CXLSXWriter

/// One libxlsxwriter format per distinct ``CellStyle``, created on first use.
package struct FormatCache {
    private let workbook: UnsafeMutablePointer<lxw_workbook>
    private var formats: [CellStyle: UnsafeMutablePointer<lxw_format>] = [:]

    package init(workbook: UnsafeMutablePointer<lxw_workbook>) {
        self.workbook = workbook
    }

    /// A format for a conditional fill: background and font colour only.
    mutating func conditionalFormat(fill: UInt32, fontColour: UInt32) -> UnsafeMutablePointer<lxw_format> {
        let format = newFormat()
        format_set_bg_color(format, fill)
        format_set_font_color(format, fontColour)
        return format
    }

    /// A new format of the workbook.
    private func newFormat() -> UnsafeMutablePointer<lxw_format> {
        // workbook_add_format returns NULL only when malloc fails (workbook.c, RETURN_ON_MEM_ERROR).
        // swift-format-ignore: NeverForceUnwrap
        workbook_add_format(workbook)!
    }

    /// The format for `style`; `nil` for the default style.
    package mutating func format(for style: CellStyle) -> UnsafeMutablePointer<lxw_format>? {
        if style == CellStyle() { return nil }
        if let format = formats[style] { return format }
        let format = newFormat()
        if style.bold { format_set_bold(format) }
        if style.italic { format_set_italic(format) }
        if let size = style.fontSize { format_set_font_size(format, size) }
        if !style.numberFormat.code.isEmpty { format_set_num_format(format, style.numberFormat.code) }
        if style.wrap { format_set_text_wrap(format) }
        switch style.alignment {
        case .left?: format_set_align(format, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center?: format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right?: format_set_align(format, UInt8(LXW_ALIGN_RIGHT.rawValue))
        case nil: break
        }
        if style.alignTop { format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue)) }
        if style.centreVertically { format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue)) }
        if style.unlocked { format_set_unlocked(format) }
        if style.border { format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue)) }
        if let fill = style.fill {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, fill)
        }
        formats[style] = format
        return format
    }
}

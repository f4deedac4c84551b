import AppendixDefinition

/// How a cell looks: font, number format, alignment, borders and fill. Render turns each
/// distinct style into one workbook format.
package struct CellStyle: Sendable, Hashable {
    package var bold = false
    package var italic = false
    /// Font size in points; `nil` for the workbook default (11).
    package var fontSize: Double?
    /// The number format (Render writes its code).
    package var numberFormat = NumberFormat.general
    package var wrap = false
    package var alignment: HorizontalAlignment?
    /// Align text to the top of the cell (tables with wrapped text read better so).
    package var alignTop = false
    package var centreVertically = false
    /// A thin border on all four sides.
    package var border = false
    /// Background colour as 0xRRGGBB.
    package var fill: UInt32?
    /// Left unlocked, so an officer can type into it when the sheet is protected (`editable:`).
    package var unlocked = false

    package init() {}

    /// The report title above the table, wrapped across it.
    package static var title: CellStyle {
        var style = CellStyle(); style.bold = true; style.fontSize = 14; style.wrap = true; return style
    }

    /// The line under the title, wrapped across the table.
    package static var subtitle: CellStyle {
        var style = CellStyle(); style.italic = true; style.wrap = true; return style
    }

    /// Column headers: bold, wrapped, boxed, shaded.
    package static var header: CellStyle {
        var style = CellStyle()
        style.bold = true; style.wrap = true; style.border = true; style.fill = 0xD9E1F2
        style.alignment = .center; style.centreVertically = true
        return style
    }

    /// Notes under the table.
    package static var note: CellStyle {
        var style = CellStyle(); style.wrap = true; style.alignTop = true; return style
    }

    /// A group heading row ("Service Redesign").
    package static var groupHeading: CellStyle {
        var style = CellStyle(); style.bold = true; style.border = true; style.fill = 0xF2F2F2; return style
    }

    /// A cell of a subtotal row, or (`grand`) of the grand-total row.
    package static func total(_ column: ColumnDefinition, grand: Bool) -> CellStyle {
        var style = body(column)
        style.bold = true
        style.wrap = false
        style.unlocked = false
        style.fill = grand ? 0xD9E1F2 : 0xF2F2F2
        return style
    }

    /// A body cell of a column.
    package static func body(_ column: ColumnDefinition) -> CellStyle {
        var style = CellStyle()
        style.numberFormat = column.bodyFormat
        style.wrap = column.wrap
        // Numeric columns align right, so "N/A" and other texts line up with the numbers.
        let isNumeric = !column.format.code.isEmpty && column.format.code != "@"
        style.alignment = column.alignment ?? (isNumeric ? .right : nil)
        style.alignTop = true
        style.border = true
        style.unlocked = column.editable
        return style
    }
}

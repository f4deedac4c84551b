import AppendixDefinition

/// How a cell looks: font, number format, alignment, borders and fill. Render turns each
/// distinct style into one workbook format.
public struct CellStyle: Sendable, Hashable {
    public var bold = false
    public var italic = false
    /// Font size in points; `nil` for the workbook default (11).
    public var fontSize: Double?
    /// The number format (Render writes its code).
    public var numberFormat = NumberFormat.general
    public var wrap = false
    public var alignment: HorizontalAlignment?
    /// Align text to the top of the cell (tables with wrapped text read better so).
    public var alignTop = false
    public var centreVertically = false
    /// A thin border on all four sides.
    public var border = false
    /// Background colour as 0xRRGGBB.
    public var fill: UInt32?

    public init() {}

    /// The report title above the table.
    public static var title: CellStyle {
        var style = CellStyle(); style.bold = true; style.fontSize = 14; return style
    }

    /// The line under the title.
    public static var subtitle: CellStyle {
        var style = CellStyle(); style.italic = true; return style
    }

    /// Column headers: bold, wrapped, boxed, shaded.
    public static var header: CellStyle {
        var style = CellStyle()
        style.bold = true; style.wrap = true; style.border = true; style.fill = 0xD9E1F2
        style.alignment = .center; style.centreVertically = true
        return style
    }

    /// Notes under the table.
    public static var note: CellStyle {
        var style = CellStyle(); style.wrap = true; style.alignTop = true; return style
    }

    /// A group heading row ("Service Redesign").
    public static var groupHeading: CellStyle {
        var style = CellStyle(); style.bold = true; style.border = true; style.fill = 0xF2F2F2; return style
    }

    /// A cell of a subtotal row, or (`grand`) of the grand-total row.
    public static func total(_ column: ColumnDefinition, grand: Bool) -> CellStyle {
        var style = body(column)
        style.bold = true
        style.wrap = false
        style.fill = grand ? 0xD9E1F2 : 0xF2F2F2
        return style
    }

    /// A body cell of a column.
    public static func body(_ column: ColumnDefinition) -> CellStyle {
        var style = CellStyle()
        style.numberFormat = column.format
        style.wrap = column.wrap
        // Numeric columns align right, so "N/A" and other texts line up with the numbers.
        let isNumeric = !column.format.code.isEmpty && column.format.code != "@"
        style.alignment = column.alignment ?? (isNumeric ? .right : nil)
        style.alignTop = true
        style.border = true
        return style
    }
}

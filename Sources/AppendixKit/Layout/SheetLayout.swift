/// A workbook laid out as grids of cells, ready to render. No I/O.
public struct WorkbookLayout: Sendable {
    public var sheets: [SheetLayout]
    /// The document title in the file's properties.
    public var title: String?

    public init(sheets: [SheetLayout], title: String? = nil) {
        self.sheets = sheets
        self.title = title
    }
}

/// One sheet: cells in row-major order, merged ranges, column widths and page set-up.
public struct SheetLayout: Sendable {
    public var name: String
    public var columns: [ColumnLayout]
    /// Cells outside merged ranges, sorted by row then column.
    public var cells: [LayoutCell]
    public var merges: [MergedRange]
    /// Row heights in points, for rows that need more than the default.
    public var rowHeights: [Int: Double]
    /// The first unfrozen row and column, if panes are frozen.
    public var freeze: (row: Int, column: Int)?
    /// Rows repeated at the top of every printed page.
    public var repeatedRows: ClosedRange<Int>?
    public var print: PrintSetup
    /// The rows of the table body: data, group headings and totals.
    public var bodyRows: Range<Int>
    /// How many data rows (CSV rows shown) the sheet has.
    public var dataRowCount: Int
    /// Fills applied by conditional formats when a cell equals a text.
    public var conditionalFills: [ConditionalFill] = []
    public var charts: [ChartLayout] = []

}

/// Width and visibility of one column.
public struct ColumnLayout: Sendable, Equatable {
    /// Width in Excel character units.
    public var width: Double
    public var hidden: Bool
}

/// One cell's position, content and style.
public struct LayoutCell: Sendable, Equatable {
    public var row: Int
    public var column: Int
    public var content: CellContent
    public var style: CellStyle
}

/// A block of cells merged into one, with the content of its top-left cell.
public struct MergedRange: Sendable, Equatable {
    public var firstRow: Int
    public var firstColumn: Int
    public var lastRow: Int
    public var lastColumn: Int
    public var text: String
    public var style: CellStyle
}

/// What a cell holds.
public enum CellContent: Sendable, Equatable {
    /// Text, always written as a string (never a formula, whatever it begins with).
    case text(String)
    case number(Double)
    /// A formula (without `=`) and the result Excel computes for it.
    case formula(String, cached: FormulaResult)
    /// No value (the cell may still carry a style, e.g. borders).
    case blank
}

/// The cached result of a formula.
public enum FormulaResult: Sendable, Equatable {
    case number(Double)
    case text(String)

    /// The result as a workbook stores it: TRUE/FALSE as 1/0, a blank as 0 (what Excel shows for
    /// a formula reading an empty cell), an error as its text.
    public init(_ value: ExcelValue) {
        switch value {
        case .number(let number): self = .number(number)
        case .text(let text): self = .text(text)
        case .bool(let flag): self = .number(flag ? 1 : 0)
        case .blank: self = .number(0)
        case .error(let error): self = .text(error.rawValue)
        }
    }
}

/// A conditional format: cells in `range` equal to `text` get the fill and font colour.
public struct ConditionalFill: Sendable, Equatable {
    public var range: RangeReference
    public var text: String
    public var fill: UInt32
    public var fontColour: UInt32

    /// Green, amber and red fills for RAG status texts over `range`.
    public static func ragStatus(_ range: RangeReference) -> [ConditionalFill] {
        [ConditionalFill(range: range, text: "GREEN", fill: 0xC6EFCE, fontColour: 0x006100),
         ConditionalFill(range: range, text: "AMBER", fill: 0xFFEB9C, fontColour: 0x9C5700),
         ConditionalFill(range: range, text: "RED", fill: 0xFFC7CE, fontColour: 0x9C0006)]
    }
}

/// A chart placed on a sheet: series of values against shared categories.
public struct ChartLayout: Sendable, Equatable {
    public struct Series: Sendable, Equatable {
        /// The cell holding the series name.
        public var name: RangeReference
        public var values: RangeReference
    }

    public var kind: ChartDefinition.Kind
    public var title: String?
    public var xAxis: String?
    public var yAxis: String?
    public var categories: RangeReference
    public var series: [Series]
    /// The top-left cell the chart is placed at.
    public var anchor: CellReference
}

/// Text that spans a whole row of a table (title, subtitle, group heading, note).
enum RowSpanningText {
    /// The text of `row` across columns `0...lastColumn`: a merged range when that is several
    /// columns, else one styled cell (Excel and libxlsxwriter refuse to merge a single cell).
    static func place(_ text: String, style: CellStyle, row: Int, lastColumn: Int,
                      cells: inout [LayoutCell], merges: inout [MergedRange]) {
        if lastColumn > 0 {
            merges.append(MergedRange(firstRow: row, firstColumn: 0, lastRow: row, lastColumn: lastColumn, text: text, style: style))
        } else {
            cells.append(LayoutCell(row: row, column: 0, content: .text(text), style: style))
        }
    }
}

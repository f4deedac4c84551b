import AppendixData
import AppendixDefinition
import AppendixExpression

/// A workbook laid out as grids of cells, ready to render. No I/O.
package struct WorkbookLayout: Sendable {
    package var sheets: [SheetLayout]
    /// The document title in the file's properties.
    package var title: String?
    /// What laying out found that a reader should know (a summary's chart left out).
    package var warnings: [BuildWarning] = []

    package init(sheets: [SheetLayout], title: String? = nil) {
        self.sheets = sheets
        self.title = title
    }
}

/// One sheet: its rows in order (each with its cells, merges and height), column widths and
/// the settings applied after the rows (panes, print set-up, conditional fills, charts).
package struct SheetLayout: Sendable {
    package var name: String
    package var columns: [ColumnLayout]
    /// The rows that hold anything, top to bottom.
    package var rows: [LayoutRow]
    package var settings: SheetSettings
    /// How many data rows (CSV rows shown) the sheet has.
    package var dataRowCount: Int

    package init(name: String, columns: [ColumnLayout], rows: [LayoutRow], settings: SheetSettings, dataRowCount: Int) {
        self.name = name
        self.columns = columns
        self.rows = rows
        self.settings = settings
        self.dataRowCount = dataRowCount
    }

    /// Every cell outside merged ranges, in row order.
    package var cells: [LayoutCell] { rows.flatMap(\.cells) }
    package var merges: [MergedRange] { rows.flatMap(\.merges) }
}

/// One sheet row as the writer takes it: cells (outside merges), the merged ranges that start on
/// it, and its height. A data row carries its contents by column and the sheet's shared column
/// styles (``BodyCells``) instead of a style per cell, so the writer resolves each column's format
/// once. Rows carry everything the writer needs, so a batch of them can be handed to another
/// thread; a page position can join the height when printing becomes page-aware.
package struct LayoutRow: Sendable, Equatable {
    /// The 0-based sheet row.
    package var index: Int
    /// A data row's contents, styled by column; `nil` for other rows.
    package private(set) var body: BodyCells?
    private var styledCells: [LayoutCell]
    /// Merged ranges whose first row is this row.
    package var merges: [MergedRange] = []
    /// Height in points, when the row needs more than the default.
    package var height: Double?
    /// An autofilter over the rows above (header to last body row), carried by the empty row
    /// under the body: constant_memory mode refuses a range ending above the row being
    /// written, so it is set before the notes below (docs/library-facts.md).
    package var autofilter: RangeReference?
    /// Notes (comments) on the row's cells, written after them.
    package var notes: [CellNote] = []

    package init(index: Int, cells: [LayoutCell] = [], merges: [MergedRange] = [], height: Double? = nil) {
        self.index = index
        self.styledCells = cells
        self.merges = merges
        self.height = height
    }

    /// A data row: `body.contents[i]` in column `i` with its column's style.
    package init(index: Int, body: BodyCells, height: Double? = nil) {
        self.index = index
        self.body = body
        self.styledCells = []
        self.height = height
    }

    /// Cells by column, outside merged ranges (a data row's built from its contents and styles).
    package var cells: [LayoutCell] {
        get {
            guard let body else { return styledCells }
            return body.contents.indices.map { LayoutCell(row: index, column: $0, content: body.contents[$0], style: body.styles.styles[$0]) }
        }
        set {
            styledCells = newValue
            body = nil
        }
    }

    /// The cells' contents, without building cells for a data row.
    package var contents: [CellContent] { body?.contents ?? styledCells.map(\.content) }

    package static func == (a: LayoutRow, b: LayoutRow) -> Bool {
        a.index == b.index && a.merges == b.merges && a.height == b.height && a.cells == b.cells && a.autofilter == b.autofilter && a.notes == b.notes
    }

    /// The text spanning the row (title, subtitle, group heading, note) across columns
    /// `0...lastColumn`: a merged range when that is several columns, else one styled cell
    /// (Excel and libxlsxwriter refuse to merge a single cell).
    static func spanning(_ text: String, style: CellStyle, row: Int, lastColumn: Int, height: Double? = nil) -> LayoutRow {
        guard lastColumn > 0 else {
            return LayoutRow(index: row, cells: [LayoutCell(row: row, column: 0, content: .text(text), style: style)], height: height)
        }
        let merge = MergedRange(firstRow: row, firstColumn: 0, lastRow: row, lastColumn: lastColumn, text: text, style: style)
        return LayoutRow(index: row, merges: [merge], height: height)
    }
}

/// A data row's contents by column, with the sheet's body style of each column.
package struct BodyCells: Sendable {
    package var contents: [CellContent]
    package let styles: ColumnStyles
}

/// Each column's body style, made once per sheet and shared by all its data rows: the writer
/// recognises the list by identity and resolves its formats once.
package final class ColumnStyles: Sendable {
    package let styles: [CellStyle]

    package init(_ styles: [CellStyle]) { self.styles = styles }
}

extension LayoutRow {
    /// `cells`, `merges` and `heights` gathered into rows, top to bottom.
    package static func rows(cells: [LayoutCell], merges: [MergedRange], heights: [Int: Double]) -> [LayoutRow] {
        var rows: [Int: LayoutRow] = [:]
        for cell in cells { rows[cell.row, default: LayoutRow(index: cell.row)].cells.append(cell) }
        for merge in merges { rows[merge.firstRow, default: LayoutRow(index: merge.firstRow)].merges.append(merge) }
        for (row, height) in heights { rows[row, default: LayoutRow(index: row)].height = height }
        return rows.values.sorted { $0.index < $1.index }.map { row in
            var row = row
            row.cells.sort { $0.column < $1.column }
            return row
        }
    }
}

/// What is applied to a sheet after its rows: frozen panes, print set-up, conditional fills, charts.
package struct SheetSettings: Sendable {
    /// The first unfrozen row and column, if panes are frozen.
    package var freeze: (row: Int, column: Int)?
    /// Rows repeated at the top of every printed page.
    package var repeatedRows: ClosedRange<Int>?
    package var print: PrintSetup
    /// The print scale in percent that fits the columns to the page (``PageFit``).
    package var printScale = 100
    /// Manual page breaks: the first row (0-based) of each page after the first (``PagePlan``).
    package var pageBreaks: [Int] = []
    /// Fills applied by conditional formats when a cell equals a text.
    package var conditionalFills: [ConditionalFill] = []
    package var charts: [ChartLayout] = []
    /// Ranges marked up as Excel tables (the accessible variant's tables).
    package var tables: [TableLayout] = []
    /// Protection, validations, highlights and defined names (editable workbooks).
    package var editing = EditingSettings()
    /// Hidden from the tabs (Excel's `state="hidden"`: libxlsxwriter 1.1.4 has no veryHidden,
    /// docs/library-facts.md).
    package var hidden = false

    package init(freeze: (row: Int, column: Int)? = nil, repeatedRows: ClosedRange<Int>? = nil, print: PrintSetup = PrintSetup(),
                conditionalFills: [ConditionalFill] = [], charts: [ChartLayout] = []) {
        self.freeze = freeze
        self.repeatedRows = repeatedRows
        self.print = print
        self.conditionalFills = conditionalFills
        self.charts = charts
    }
}

/// A range marked up as an Excel table: its header row (the first row, which holds `headers`)
/// and the rows below it; the header cells are written with the rows, in the header style.
package struct TableLayout: Sendable, Equatable {
    package var firstRow: Int
    package var lastRow: Int
    package var firstColumn: Int
    /// The column headers, one per column from `firstColumn`: unique, none blank.
    package var headers: [String]

    package init(firstRow: Int, lastRow: Int, firstColumn: Int = 0, headers: [String]) {
        self.firstRow = firstRow
        self.lastRow = lastRow
        self.firstColumn = firstColumn
        self.headers = headers
    }

    package var lastColumn: Int { firstColumn + headers.count - 1 }
}

/// Width and visibility of one column.
package struct ColumnLayout: Sendable, Equatable {
    /// Width in Excel character units.
    package var width: Double
    package var hidden: Bool
}

/// One cell's position, content and style.
package struct LayoutCell: Sendable, Equatable {
    package var row: Int
    package var column: Int
    package var content: CellContent
    package var style: CellStyle

    package init(row: Int, column: Int, content: CellContent, style: CellStyle) {
        self.row = row
        self.column = column
        self.content = content
        self.style = style
    }
}

/// A block of cells merged into one, with the content of its top-left cell.
package struct MergedRange: Sendable, Equatable {
    package var firstRow: Int
    package var firstColumn: Int
    package var lastRow: Int
    package var lastColumn: Int
    package var text: String
    package var style: CellStyle
}

/// What a cell holds.
package enum CellContent: Sendable, Equatable {
    /// Text, always written as a string (never a formula, whatever it begins with).
    case text(String)
    /// Text shown as a link (a `link:` column): an https or mailto address checked by
    /// ``Hyperlink/init(url:text:)``, and the cell's text, written as a string.
    case link(Hyperlink)
    /// Text with bold or italic runs (a `markup: html` column), written as a rich string
    /// (never a formula); ``shownText`` is its text without the fonts.
    case rich(RichText)
    case number(Double)
    /// A formula (without `=`) and the result Excel computes for it.
    case formula(String, cached: FormulaResult)
    /// No value (the cell may still carry a style, e.g. borders).
    case blank
}

extension CellContent {
    /// The text the cell shows, as measured for widths and wrapped row heights: a text or a
    /// rich text's characters; `nil` for a number, formula or blank.
    package var shownText: String? {
        switch self {
        case .text(let text): text
        case .rich(let rich): rich.plainText
        case .link(let link): link.text
        case .number, .formula, .blank: nil
        }
    }
}

/// The cached result of a formula.
package enum FormulaResult: Sendable, Equatable {
    case number(Double)
    case text(String)

    /// The result as a workbook stores it: TRUE/FALSE as 1/0, a blank as 0 (what Excel shows for
    /// a formula reading an empty cell), an error as its text.
    package init(_ value: ExcelValue) {
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
package struct ConditionalFill: Sendable, Equatable {
    package var range: RangeReference
    package var text: String
    package var fill: UInt32
    package var fontColour: UInt32

    /// Green, amber and red fills for RAG status texts over `range`, coloured as `roles` say.
    package static func ragStatus(_ range: RangeReference, roles: CellRoles) -> [ConditionalFill] {
        StatusColour.allCases.map { colour in
            let look = roles.status(colour)
            return ConditionalFill(range: range, text: colour.rawValue.uppercased(), fill: look.fill, fontColour: look.fontColour)
        }
    }
}

/// A chart placed on a sheet: series of values against shared categories. The chart refers to its
/// cells; the cached copies of what they hold (`cached…`, `nil` for none) are written into the
/// chart for readers that draw it without reading the cells.
package struct ChartLayout: Sendable, Equatable {
    package struct Series: Sendable, Equatable {
        /// The cell holding the series name.
        package var name: RangeReference
        /// Drawn without fill or border and left out of the legend (a range chart's low part).
        package var invisible = false
        package var values: RangeReference
        /// The text of the name cell.
        package var cachedName: String? = nil
        /// What each values cell holds, in range order: its number, or `nil` for a cell without
        /// one (blank, such as a period with no data, or text), which is drawn as a gap, not 0.
        package var cachedValues: [Double?]? = nil
    }

    package var kind: SheetChart.Kind
    package var title: String?
    package var xAxis: String?
    package var yAxis: String?
    package var categories: RangeReference
    package var series: [Series]
    /// The top-left cell the chart is placed at.
    package var anchor: CellReference
    /// The category labels: the text of each `categories` cell, in range order (`nil` for a blank).
    package var cachedCategories: [String?]? = nil
    package var legend: SheetChart.Legend = .bottom
    /// The chart's description for readers such as screen readers.
    package var altText: String? = nil
    /// The size as a multiple of Excel's default 480 × 288 pixels.
    package var scale = ChartScale(x: 1, y: 1)
}

/// A chart's width and height as multiples of Excel's default 480 × 288 pixels.
package struct ChartScale: Sendable, Equatable {
    package var x: Double
    package var y: Double
}

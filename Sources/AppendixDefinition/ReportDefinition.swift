import AppendixData
import AppendixExpression

/// A report definition: where the data comes from and how each sheet of the workbook looks.
public struct ReportDefinition: Sendable {
    /// The definition file's path, for messages.
    public var file: String
    /// The default output file name (`output:`), if given.
    public var output: String?
    /// The workbook's document title (`title:`), shown in the file's properties.
    public var title: String?
    /// What the appendix is for, in a sentence or two (`description:`), shown in the web app's
    /// template gallery; not written into the workbook.
    public var description: String?
    /// The CSV sources, in definition order.
    public var sources: [SourceDefinition]
    /// The sheets, in workbook order.
    public var sheets: [SheetDefinition]
    /// How the workbook is written (`mode:`) unless the build is told otherwise; `auto` when not given.
    public var mode: BuildMode = .auto
    /// Control checks (`checks:`), worked out on every build before the workbook is written.
    public var checks: [CheckDefinition] = []
    /// The house style (`style:`); empty for Appendix's built-in look.
    package var style = HouseStyle()
    /// The layout the workbook is published in (`publish:`); `print` when not given.
    public var publish = Publication.print
    /// The accessible variant's cover texts (`cover:`).
    public var cover: CoverDetails?
    /// Where each top-level key (`sources`, `sheets`) is written in a YAML file, for messages.
    package var keyLocations: [String: DefinitionLocation] = [:]

    /// The source called `name`.
    public func source(named name: String) -> SourceDefinition? {
        sources.first { $0.name == name }
    }

    /// The source `sheet` reads, resolved once where a sheet is laid out (the validator checks
    /// the same when the definition loads).
    /// - Throws: ``DefinitionError`` at the sheet's `source` key when no source has that name.
    package func source(of sheet: SheetDefinition) throws -> SourceDefinition {
        try DefinitionValidator.source(of: sheet, in: sources)
    }
}

/// A CSV file the report reads (`sources.NAME`).
public struct SourceDefinition: Sendable {
    /// The source's name (the key under `sources:`), as sheets and expressions refer to it.
    public var name: String
    /// The CSV path (or, with ``isFolder``, a folder of CSVs), relative to the data folder.
    public var file: String
    /// Read every `*.csv` in the folder `file`, one per period: each row gets the field
    /// ``periodField`` holding the period found in its file name (`enforcement-2018-10.csv`).
    public var isFolder: Bool = false
    /// The field that holds each row's period, for folder sources.
    public var periodField: String = "period"
    /// The field whose value relates this source's rows to rows of other sources with the same
    /// field, for aggregates such as `min(comparators.fee)`.
    public var key: String?
    /// Parse rules per field; unlisted fields are `auto`.
    public var fieldTypes: [String: FieldType]
    /// Where each field of ``fieldTypes`` is named in a YAML file, for messages.
    package var fieldTypeLocations: [String: DefinitionLocation] = [:]
    /// Texts meaning "no value".
    public var missingMarkers: Set<String>
    /// Where the source is defined, for messages.
    public var location: DefinitionLocation
    /// The file's encoding (`encoding:`); `nil` detects it.
    public var encoding: EncodingChoice?
    /// The field delimiter (`delimiter:`); `nil` detects it from the header line.
    public var delimiter: UInt8?
    /// The decimal separator of numbers (`decimal:`).
    public var decimal: DecimalSeparator = .point
    /// The order of day and month in numeric dates of `date` fields (`date_format:`).
    public var dateOrder: DateOrder = .dayFirst
    /// Whether a value of an `auto` column that looks like a number but is not read as one
    /// (`1 234`) is an error rather than a warning (`strict:`).
    public var strict = false
    /// Where each key of the source is written in a YAML file, for messages.
    package var keyLocations: [String: DefinitionLocation] = [:]
}

/// One worksheet (`sheets[i]`).
public struct SheetDefinition: Sendable {
    /// The sheet's name (for a per-period sheet, with `{period}` still in it).
    public var name: String
    /// The source whose rows fill the table.
    public var source: String
    /// The title above the table, if any.
    public var title: String?
    /// The line under the title, if any.
    public var subtitle: String?
    /// The table's columns, left to right.
    public var columns: [ColumnDefinition]
    /// Lines printed under the table.
    public var notes: [String]
    /// Panes frozen above and left of the table body.
    package var freeze: FreezePanes?
    /// Page set-up for printing.
    package var print: PrintSetup
    /// Titles spanning several columns in a header row above the column headers.
    package var headerGroups: [HeaderGroup] = []
    /// Row grouping, outermost level first: heading and subtotal rows per group.
    package var groupBy: [GroupLevel] = []
    /// Which columns are totalled, and the grand-total row.
    package var totals: Totals?
    /// Row order, applied before grouping (stable: equal rows keep file order).
    package var sort: [SortKey] = []
    /// The filter as written (`filter:`), parsed into ``filter`` when the definition is checked.
    package var filterText: String?
    /// Only rows for which this is true are shown (it reads CSV fields by name).
    package var filter: ColumnExpression?
    /// The field holding each row's period: the sheet is repeated once per period, named by
    /// `{period}` in ``name`` and ``title``.
    public var perPeriod: String?
    /// For per-period sheets: a summary sheet across the periods.
    package var summary: PeriodSummary?
    /// Charts of the table (`charts:`), in definition order.
    package var charts: [SheetChart] = []
    /// Whether the sheet is protected (`protect:`); `nil` protects it when a column is editable.
    package var protect: Bool?
    /// An autofilter over the header and body rows (`autofilter: true`).
    package var autofilter = false
    /// Workbook-wide names for columns' body cells (`names:`).
    package var names: [DefinedName] = []
    /// The columns `appendix fees import` reads back (`fee_import:`), if any.
    package var feeImport: FeeImportColumns?
    /// Where the sheet is defined, for messages.
    public var location: DefinitionLocation
    /// Where each key of the sheet is written in a YAML file (`print.footer` for nested keys).
    package var keyLocations: [String: DefinitionLocation] = [:]

    /// The column with id `id`.
    public func column(_ id: String) -> ColumnDefinition? {
        columns.first { $0.id == id }
    }

    /// The position of column `id`.
    public func columnIndex(_ id: String) -> Int? {
        columns.firstIndex { $0.id == id }
    }

    /// Whether the sheet is protected: as `protect:` says, else when a column is `editable`.
    package var isProtected: Bool { protect ?? columns.contains(where: \.editable) }

    /// Every column an expression reads, including the columns inside `first:last` ranges.
    package func dependencies(of expression: ColumnExpression) -> [String] {
        var ids = expression.fields
        for (first, last) in expression.columnRanges {
            guard let a = columnIndex(first), let b = columnIndex(last) else { continue }
            ids += columns[min(a, b)...max(a, b)].map(\.id)
        }
        return ids
    }
}

/// A header title spanning the columns from `first` to `last` (`header_groups`), in a header
/// row above the column headers.
public struct HeaderGroup: Sendable {
    package var title: String
    package var first: String
    package var last: String
    package var location: DefinitionLocation = .inCode

    /// The title `title` over the columns from id `first` to id `last` (`{ title, columns: [first, last] }`).
    public init(title: String, first: String, last: String) {
        self.title = title
        self.first = first
        self.last = last
    }
}

/// One level of row grouping (`group_by`): the rows with the same value of a field are kept
/// together, with a heading row before them and a subtotal row after them.
public struct GroupLevel: Sendable {
    /// The CSV field whose value defines the groups.
    package var field: String
    /// Text of the heading row before each group, `{value}` standing for the group's value;
    /// `nil` for no heading row.
    package var heading: String?
    /// Label of the subtotal row after each group; `nil` for no subtotal row.
    package var subtotal: String?
    package var location: DefinitionLocation = .inCode

    /// Groups by CSV field `field`; `heading` and `subtotal` are the texts of the rows before
    /// and after each group (`{value}` is the group's value), `nil` for no such row. A
    /// subtotal row adds up the sheet's ``Totals`` columns.
    public init(field: String, heading: String? = "{value}", subtotal: String? = "Total {value}") {
        self.field = field
        self.heading = heading
        self.subtotal = subtotal
    }
}

/// Totals (`totals`): the columns summed on subtotal and grand-total rows.
public struct Totals: Sendable {
    /// Ids of the columns summed with `SUBTOTAL(9, …)`.
    package var columns: [String]
    /// Label of the grand-total row; `nil` for none.
    package var label: String?
    /// The column that holds the labels of total rows (default: the first column).
    package var labelColumn: String?
    package var location: DefinitionLocation = .inCode

    /// Sums the columns with ids `columns` (`SUBTOTAL(9, …)` formulas) on each group's
    /// subtotal row and, when `label` is given, on a grand-total row labelled `label` (in the
    /// column `labelColumn`, else the first). Other computed columns are worked out again
    /// from the totals on those rows.
    public init(columns: [String], label: String? = nil, labelColumn: String? = nil) {
        self.columns = columns
        self.label = label
        self.labelColumn = labelColumn
    }
}

/// A summary sheet across per-period sheets (`summary`): one row per value of ``rowColumn``,
/// one column per period (cross-sheet formulas), year-to-date total and change on the
/// previous period, and optionally a chart.
package struct PeriodSummary: Sendable {
    package var name: String
    package var title: String?
    /// The column id (of the period sheet) whose values label the summary rows.
    package var rowColumn: String
    /// The column id (of the period sheet) whose values are summarised.
    package var valueColumn: String
    package var format: NumberFormat
    package var chart: ChartDefinition?
    /// What to do when a label has more than one row in a period (`duplicates`).
    package var duplicates: SummaryDuplicates = .error
    package var location: DefinitionLocation
}

/// What a summary does with two or more rows for the same label in one period.
package enum SummaryDuplicates: String, Sendable, CaseIterable {
    /// Refuse to build, naming both CSV lines (the default): a summary cell shows one value.
    case error
    /// Add them up: the cell is `SUM` of every such row's cell.
    case sum
}

/// A chart of the summary rows by period.
package struct ChartDefinition: Sendable, Equatable {
    package enum Kind: String, Sendable, CaseIterable { case column, line }
    package var kind: Kind
    package var title: String?
    package var xAxis: String?
    package var yAxis: String?
}

/// One sort key (`sort`): rows are ordered by the keys in turn, before grouping; equal rows
/// keep their order in the file.
public struct SortKey: Sendable {
    package var field: String
    package var descending: Bool
    /// Where the field is named, for messages.
    package var location: DefinitionLocation = .inCode

    /// Orders rows by CSV field `field`: numbers by value, texts in dictionary order, largest
    /// or last first when `descending`.
    public init(field: String, descending: Bool = false) {
        self.field = field
        self.descending = descending
    }
}

/// One table column.
public struct ColumnDefinition: Sendable {
    /// The name expressions use for this column.
    public var id: String
    /// The header cell's text.
    public var header: String
    package var content: ColumnContent
    package var format: NumberFormat
    /// Width in characters (Excel's unit); `nil` to size from the content.
    package var width: Double?
    package var wrap: Bool
    package var alignment: HorizontalAlignment?
    /// Show the value only on the first row of each block of equal labels.
    package var suppressRepeats: Bool
    /// Whether the column is hidden in the workbook (still computed and referable).
    public var hidden: Bool
    /// Shown when a computed value is missing (see `FormulaCompiler`).
    package var missingText: String
    /// Shown in a field column's cells that hold no value (`missing:` on a `field:` column):
    /// an empty field or one of the source's missing markers; `nil` leaves such cells as the
    /// CSV has them (blank, or the marker's text).
    package var blankText: String?
    /// How the field's text is read (`markup:`); `nil` shows it as written.
    package var markup: TextMarkup?
    /// The CSV field holding each row's unit (`format_from:`, see ``RowUnit``): the row's cell
    /// gets that unit's format instead of `format`.
    package var formatFrom: String?
    /// Decimal places (`decimals:`, 0–6 or `as_written`) of a numeric preset format or of each
    /// row's unit format.
    package var decimals: ColumnDecimals?
    /// Colour GREEN / AMBER / RED texts with conditional formats (the text stays, so the status
    /// survives black-and-white printing).
    package var statusColours: Bool = false
    /// Whether its body cells stay unlocked when the sheet is protected (`editable:`).
    package var editable = false
    /// What may be typed into its cells (`validation:`, editable columns only).
    package var validation: CellValidation?
    /// Conditional formats over its body cells (`highlight:`).
    package var highlights: [ColumnHighlight] = []
    /// Each body cell's link (`link:`, https and mailto only).
    package var link: ColumnLink?
    /// The CSV field whose text becomes each body cell's note (`note_from:`).
    package var noteFrom: String?
    /// Where the column is defined.
    public var location: DefinitionLocation
    /// Where each key of the column is written in a YAML file; a column built in code lists
    /// the key of its content (`field`, `expression` or `display`) with ``DefinitionLocation/inCode``.
    package var keyLocations: [String: DefinitionLocation] = [:]
}

/// Where a column's values come from.
package enum ColumnContent: Sendable {
    /// A field of the sheet's source, by CSV header name.
    case field(String)
    /// A computed value, written as a live formula with its cached result.
    case expression(ColumnExpression, source: String)
    /// An expression or display pattern as written, not yet parsed: only in a definition that
    /// has not been checked (``ReportDefinition/checked()`` parses it into ``expression(_:source:)``).
    case written(WrittenExpression)
}

/// Horizontal alignment of a column's cells (`align`); without one, Excel's default (text
/// left, numbers right).
public enum HorizontalAlignment: String, Sendable, CaseIterable {
    /// Aligned left.
    case left
    /// Centred.
    case center
    /// Aligned right.
    case right
}

/// Frozen panes (`freeze`): the header rows and the first `columns` columns stay in view.
public struct FreezePanes: Sendable, Equatable {
    package var header: Bool
    package var columns: Int

    /// Keeps the rows down to the column headers in view when `header`, and the first
    /// `columns` columns (0 to 16,383, at most the sheet's columns).
    public init(header: Bool = true, columns: Int = 0) {
        self.header = header
        self.columns = columns
    }
}

/// Print set-up of a sheet (`print`).
public struct PrintSetup: Sendable, Equatable {
    /// Page orientation.
    public enum Orientation: String, Sendable, CaseIterable {
        /// Taller than wide (the default).
        case portrait
        /// Wider than tall.
        case landscape
    }

    /// Paper size.
    public enum Paper: String, Sendable, CaseIterable {
        /// A4 (the default).
        case a4
        /// A3.
        case a3
        /// US Letter.
        case letter
    }

    package var orientation: Orientation
    package var paper: Paper
    /// Pages across (0 leaves width unconstrained); height is never constrained.
    package var fitWidth: Int
    /// Repeat the table's header rows on every printed page.
    package var repeatHeader: Bool
    /// Footer text in Excel's header/footer codes, e.g. `&CPage &P of &N`.
    package var footer: String?
    package var header: String?
    /// Page margins from the house style; `nil` for libxlsxwriter's (``PageMargins/standard``).
    package var margins: PageMargins?
    /// The house style's logo in the page header: the image file (relative to the data folder
    /// until the build resolves it) and the header section holding `&G`.
    package var headerImage: HeaderImage?
    /// Page-aware groups (`page_breaks`, on by default): manual page breaks from the computed row
    /// heights, and a "(continued)" heading at the top of a page that starts inside a group.
    /// A print-layout step only: a variant not meant for printing turns it off.
    package var pageBreaks = true

    /// Prints `orientation` on `paper`, `fitWidth` pages wide (1 to 100; 0 leaves the width
    /// free), repeating the header rows on every page when `repeatHeader`. `footer` and
    /// `header` are page texts in Excel's codes (`&LTitle&RPage &P of &N`, at most 255
    /// characters); `nil` or empty for none.
    public init(orientation: Orientation = .portrait, paper: Paper = .a4, fitWidth: Int = 0, repeatHeader: Bool = true,
                footer: String? = "&CPage &P of &N", header: String? = nil) {
        self.orientation = orientation
        self.paper = paper
        self.fitWidth = fitWidth
        self.repeatHeader = repeatHeader
        self.footer = footer?.isEmpty == true ? nil : footer
        self.header = header?.isEmpty == true ? nil : header
    }
}

/// An image in a sheet's page header.
package struct HeaderImage: Sendable, Equatable {
    /// The image file.
    package var file: String
    /// The header section showing it.
    package var section: PageText.Section
    /// Where the file is named (`style.logo`), for messages.
    package var location: DefinitionLocation
}

/// The definition file, key path and line of a definition element.
public struct DefinitionLocation: Sendable, Equatable {
    /// The definition file, as named in messages.
    public var file: String
    /// The key path, such as `sheets[0].columns[3].format`; empty for the whole file.
    public var path: String
    /// The 1-based line; 0 for a definition built in code, where ``path`` alone says where.
    public var line: Int
    /// The 1-based character on the line; 0 for a definition built in code.
    public var column: Int

    package init(file: String, path: String, line: Int, column: Int) {
        self.file = file
        self.path = path
        self.line = line
        self.column = column
    }
}

extension ColumnDefinition {
    /// The CSV field the column shows (`field:`), or `nil` for a computed column.
    public var field: String? {
        guard case .field(let name) = content else { return nil }
        return name
    }

    /// The expression the column computes (`expression:` or `display:`, as written), or `nil`
    /// for a field.
    public var expression: String? {
        switch content {
        case .field: return nil
        case .expression(_, let text): return text
        case .written(let written): return written.text
        }
    }
}

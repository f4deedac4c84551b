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
    /// The CSV sources, in definition order.
    public var sources: [SourceDefinition]
    /// The sheets, in workbook order.
    public var sheets: [SheetDefinition]
    /// How the workbook is written (`mode:`) unless the build is told otherwise; `auto` when not given.
    public var mode: BuildMode = .auto

    /// The source called `name`.
    public func source(named name: String) -> SourceDefinition? {
        sources.first { $0.name == name }
    }
}

/// A CSV file the report reads (`sources.NAME`).
public struct SourceDefinition: Sendable {
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
    /// Where each field of ``fieldTypes`` is named, for messages.
    public var fieldTypeLocations: [String: DefinitionLocation] = [:]
    /// Where ``key`` is written, for messages.
    public var keyLocation: DefinitionLocation?
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
    /// Whether a value of an `auto` column that looks like a number but is not read as one
    /// (`1 234`) is an error rather than a warning (`strict:`).
    public var strict = false
}

/// One worksheet (`sheets[i]`).
public struct SheetDefinition: Sendable {
    public var name: String
    /// The source whose rows fill the table.
    public var source: String
    public var title: String?
    public var subtitle: String?
    public var columns: [ColumnDefinition]
    /// Lines printed under the table.
    public var notes: [String]
    /// Panes frozen above and left of the table body.
    public var freeze: FreezePanes?
    public var print: PrintSetup
    /// Titles spanning several columns in a header row above the column headers.
    public var headerGroups: [HeaderGroup] = []
    /// Row grouping, outermost level first: heading and subtotal rows per group.
    public var groupBy: [GroupLevel] = []
    /// Which columns are totalled, and the grand-total row.
    public var totals: Totals?
    /// Row order, applied before grouping (stable: equal rows keep file order).
    public var sort: [SortKey] = []
    /// Only rows for which this is true are shown (it reads CSV fields by name).
    public var filter: ColumnExpression?
    /// Where ``filter`` is written, for messages.
    public var filterLocation: DefinitionLocation?
    /// The field holding each row's period: the sheet is repeated once per period, named by
    /// `{period}` in ``name`` and ``title``.
    public var perPeriod: String?
    /// Where ``perPeriod`` is written, for messages.
    public var perPeriodLocation: DefinitionLocation?
    /// For per-period sheets: a summary sheet across the periods.
    public var summary: PeriodSummary?
    public var location: DefinitionLocation

    /// The column with id `id`.
    public func column(_ id: String) -> ColumnDefinition? {
        columns.first { $0.id == id }
    }

    /// The position of column `id`.
    public func columnIndex(_ id: String) -> Int? {
        columns.firstIndex { $0.id == id }
    }

    /// Every column an expression reads, including the columns inside `first:last` ranges.
    public func dependencies(of expression: ColumnExpression) -> [String] {
        var ids = expression.fields
        for (first, last) in expression.columnRanges {
            guard let a = columnIndex(first), let b = columnIndex(last) else { continue }
            ids += columns[min(a, b)...max(a, b)].map(\.id)
        }
        return ids
    }
}

/// A header title spanning the columns from `first` to `last` (`header_groups`).
public struct HeaderGroup: Sendable {
    public var title: String
    public var first: String
    public var last: String
    public var location: DefinitionLocation
}

/// One level of row grouping (`group_by`).
public struct GroupLevel: Sendable {
    /// The CSV field whose value defines the groups.
    public var field: String
    /// Text of the heading row before each group, `{value}` standing for the group's value;
    /// `nil` for no heading row.
    public var heading: String?
    /// Label of the subtotal row after each group; `nil` for no subtotal row.
    public var subtotal: String?
    public var location: DefinitionLocation
}

/// Totals (`totals`): the columns summed on subtotal and grand-total rows.
public struct Totals: Sendable {
    /// Ids of the columns summed with `SUBTOTAL(9, …)`.
    public var columns: [String]
    /// Label of the grand-total row; `nil` for none.
    public var label: String?
    /// The column that holds the labels of total rows (default: the first column).
    public var labelColumn: String?
    public var location: DefinitionLocation
}

/// A summary sheet across per-period sheets (`summary`): one row per value of ``rowColumn``,
/// one column per period (cross-sheet formulas), year-to-date total and change on the
/// previous period, and optionally a chart.
public struct PeriodSummary: Sendable {
    public var name: String
    public var title: String?
    /// The column id (of the period sheet) whose values label the summary rows.
    public var rowColumn: String
    /// The column id (of the period sheet) whose values are summarised.
    public var valueColumn: String
    public var format: NumberFormat
    public var chart: ChartDefinition?
    /// What to do when a label has more than one row in a period (`duplicates`).
    public var duplicates: SummaryDuplicates = .error
    public var location: DefinitionLocation
}

/// What a summary does with two or more rows for the same label in one period.
public enum SummaryDuplicates: String, Sendable, CaseIterable {
    /// Refuse to build, naming both CSV lines (the default): a summary cell shows one value.
    case error
    /// Add them up: the cell is `SUM` of every such row's cell.
    case sum
}

/// A chart of the summary rows by period.
public struct ChartDefinition: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case column, line }
    public var kind: Kind
    public var title: String?
    public var xAxis: String?
    public var yAxis: String?
}

/// One sort key (`sort`).
public struct SortKey: Sendable {
    public var field: String
    public var descending: Bool
    /// Where the field is named, for messages.
    public var location: DefinitionLocation
}

/// One table column.
public struct ColumnDefinition: Sendable {
    /// The name expressions use for this column.
    public var id: String
    /// The header cell's text.
    public var header: String
    public var content: ColumnContent
    public var format: NumberFormat
    /// Width in characters (Excel's unit); `nil` to size from the content.
    public var width: Double?
    public var wrap: Bool
    public var alignment: HorizontalAlignment?
    /// Show the value only on the first row of each block of equal labels.
    public var suppressRepeats: Bool
    public var hidden: Bool
    /// Shown when a computed value is missing (see `FormulaCompiler`).
    public var missingText: String
    /// Colour GREEN / AMBER / RED texts with conditional formats (the text stays, so the status
    /// survives black-and-white printing).
    public var statusColours: Bool = false
    /// Where the column is defined.
    public var location: DefinitionLocation
    /// Where its `field` or `expression` is written.
    public var contentLocation: DefinitionLocation
}

/// Where a column's values come from.
public enum ColumnContent: Sendable {
    /// A field of the sheet's source, by CSV header name.
    case field(String)
    /// A computed value, written as a live formula with its cached result.
    case expression(ColumnExpression, source: String)
}

/// Horizontal alignment of a column's cells.
public enum HorizontalAlignment: String, Sendable, CaseIterable {
    case left, center, right
}

/// Frozen panes: the header rows and the first `columns` columns stay in view.
public struct FreezePanes: Sendable, Equatable {
    public var header: Bool
    public var columns: Int
}

/// Print set-up of a sheet.
public struct PrintSetup: Sendable, Equatable {
    public enum Orientation: String, Sendable, CaseIterable { case portrait, landscape }
    public enum Paper: String, Sendable, CaseIterable { case a4, a3, letter }

    public var orientation: Orientation = .portrait
    public var paper: Paper = .a4
    /// Pages across (0 leaves width unconstrained); height is never constrained.
    public var fitWidth: Int = 0
    /// Repeat the table's header rows on every printed page.
    public var repeatHeader: Bool = true
    /// Footer text in Excel's header/footer codes, e.g. `&CPage &P of &N`.
    public var footer: String? = "&CPage &P of &N"
    public var header: String?

    public init() {}
}

/// The definition file, key path and line of a definition element.
public struct DefinitionLocation: Sendable, Equatable {
    public var file: String
    public var path: String
    public var line: Int
    public var column: Int

    package init(file: String, path: String, line: Int, column: Int) {
        self.file = file
        self.path = path
        self.line = line
        self.column = column
    }
}

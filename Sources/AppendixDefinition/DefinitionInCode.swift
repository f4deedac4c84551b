import AppendixData

// A definition written in Swift instead of YAML: the same values the YAML loader makes, with
// the same defaults. Expressions are text in the definition language (Templates/README.md,
// section 9); `ReportDefinition.checked()` parses them and runs every check loading runs.

extension ReportDefinition {
    /// A definition built in code. `file` names it in messages (`<code>: sheets[0].name: …`)
    /// and gives the default output name (`<file>.xlsx`) when `output` is `nil`. Check it with
    /// ``checked()``; a build checks it too.
    public init(file: String = "<code>", title: String? = nil, output: String? = nil, mode: BuildMode = .auto,
                sources: [SourceDefinition], sheets: [SheetDefinition]) {
        self.file = file
        self.title = title
        self.output = output
        self.mode = mode
        self.sources = sources
        self.sheets = sheets
    }

    /// The definition checked as loading checks a YAML file — names, ids, references between
    /// columns, sheets and sources, expressions, Excel's limits — with its expressions parsed
    /// and each part built in code placed by its key path (`sheets[0].columns[2]`).
    /// - Throws: ``DefinitionError`` for the first problem, naming ``file`` and the key path
    ///   (`sheets[0].columns[2].expression`), with line 0 for a part built in code.
    public func checked() throws -> ReportDefinition {
        try DefinitionValidator.checked(self)
    }
}

extension SourceDefinition {
    /// The texts that mean "no value" unless a source lists its own: blank, `N/A`, `NA`,
    /// `#N/A` (compared ignoring case and surrounding spaces).
    public static let defaultMissingMarkers = FieldParser.defaultMissingMarkers

    /// The CSV file `file` (relative to the build's data folder), called `name` by sheets and
    /// expressions. `fields` gives some fields' types (the others are `auto`), `key` relates
    /// its rows to other sources' rows, `missing` replaces the texts meaning "no value";
    /// `encoding` and `delimiter` (a byte such as `UInt8(ascii: ";")`) are detected when `nil`.
    /// For a folder of one CSV per period, set ``isFolder`` and ``periodField``.
    public init(name: String, file: String, fields: [String: FieldType] = [:], key: String? = nil,
                missing: Set<String> = SourceDefinition.defaultMissingMarkers, encoding: EncodingChoice? = nil,
                delimiter: UInt8? = nil, decimal: DecimalSeparator = .point, strict: Bool = false) {
        self.name = name
        self.file = file
        self.fieldTypes = fields
        self.key = key
        self.missingMarkers = missing
        self.location = .inCode
        self.encoding = encoding
        self.delimiter = delimiter
        self.decimal = decimal
        self.strict = strict
    }
}

extension SheetDefinition {
    /// A sheet called `name` showing the rows of source `source` in `columns`, with an
    /// optional `title` and `subtitle` above the table and `notes` below it. `filter` is an
    /// expression over the source's fields (`committee = "Environment"`); `sort`, `groupBy`
    /// and `totals` order, group and total the rows; `headerGroups` put titles over runs of
    /// columns; `freeze` and `print` set the panes and the printed page.
    public init(name: String, source: String, title: String? = nil, subtitle: String? = nil, columns: [ColumnDefinition],
                notes: [String] = [], filter: String? = nil, sort: [SortKey] = [], groupBy: [GroupLevel] = [],
                totals: Totals? = nil, headerGroups: [HeaderGroup] = [], freeze: FreezePanes? = nil,
                print: PrintSetup = PrintSetup()) {
        self.name = name
        self.source = source
        self.title = title
        self.subtitle = subtitle
        self.columns = columns
        self.notes = notes
        self.filterText = filter
        self.sort = sort
        self.groupBy = groupBy
        self.totals = totals
        self.headerGroups = headerGroups
        self.freeze = freeze
        self.print = print
        self.location = .inCode
    }
}

extension ColumnDefinition {
    /// A column showing CSV field `name`; its `id` (the name expressions use) defaults to the
    /// field's name, which then must be letters, digits and underscores. `header` defaults to
    /// the id; `width` is in characters (0 to 255, `nil` sizes it from the content);
    /// `suppressRepeats` shows a value only on the first row of each block of equal values;
    /// `hidden` keeps the column in the workbook (and in expressions) but hides it; `missing`
    /// is shown in cells with no value (an empty field or a missing marker), `nil` leaves them
    /// as the CSV has them; `markup` reads the text as HTML (`.html`).
    public static func field(_ name: String, id: String? = nil, header: String? = nil, format: NumberFormat = .general,
                             width: Double? = nil, wrap: Bool = false, align: HorizontalAlignment? = nil,
                             suppressRepeats: Bool = false, hidden: Bool = false, missing: String? = nil,
                             markup: TextMarkup? = nil) -> ColumnDefinition {
        var column = ColumnDefinition(id: id ?? name, header: header ?? id ?? name, content: .field(name), format: format,
                                      width: width, wrap: wrap, align: align, hidden: hidden, contentKey: "field")
        column.suppressRepeats = suppressRepeats
        column.blankText = missing
        column.markup = markup
        return column
    }

    /// A computed column: `expression` in the definition language (`recommended - current`,
    /// `if(isnumber(fee), fee / base, "N/A")`), naming other columns by id, written as a live
    /// formula with its cached value. `missing` is shown when an input is missing;
    /// `statusColours` colours GREEN, AMBER and RED texts (from `rag(…)`).
    public static func computed(id: String, expression: String, header: String? = nil, format: NumberFormat = .general,
                                width: Double? = nil, wrap: Bool = false, align: HorizontalAlignment? = nil, missing: String = "N/A",
                                statusColours: Bool = false, hidden: Bool = false) -> ColumnDefinition {
        var column = ColumnDefinition(id: id, header: header ?? id, content: .written(WrittenExpression(expression, kind: .expression)),
                                      format: format, width: width, wrap: wrap, align: align, hidden: hidden, contentKey: "expression")
        column.missingText = missing
        column.statusColours = statusColours
        return column
    }

    /// A computed text column from a display pattern: text with `{expression}` or
    /// `{expression:format}` parts (`{completed}/{attendees} – {completed / attendees:0%}`).
    public static func display(id: String, pattern: String, header: String? = nil, width: Double? = nil, wrap: Bool = false,
                               align: HorizontalAlignment? = nil, hidden: Bool = false) -> ColumnDefinition {
        ColumnDefinition(id: id, header: header ?? id, content: .written(WrittenExpression(pattern, kind: .displayPattern)),
                         format: .general, width: width, wrap: wrap, align: align, hidden: hidden, contentKey: "display")
    }

    /// A column built in code: the YAML defaults for the keys not given.
    private init(id: String, header: String, content: ColumnContent, format: NumberFormat, width: Double?, wrap: Bool,
                 align: HorizontalAlignment?, hidden: Bool, contentKey: String) {
        self.init(id: id, header: header, content: content, format: format, width: width, wrap: wrap, alignment: align,
                  suppressRepeats: false, hidden: hidden, missingText: "N/A", location: .inCode)
        keyLocations[contentKey] = .inCode
    }
}

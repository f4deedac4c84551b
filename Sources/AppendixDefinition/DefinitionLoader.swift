import AppendixData
import AppendixExpression
import Foundation
import Yams

/// Reads and validates a report definition (YAML).
///
/// Everything is checked before any data is read or any file is written: unknown keys (with a
/// "did you mean" hint), missing keys, wrong types, sheet names Excel would refuse, duplicate
/// ids, expressions that do not parse or name unknown columns, and cycles between computed
/// columns. Each failure is one ``DefinitionError`` naming the file, key path and line. The
/// loader reads the YAML into the values a program can also build in code and checks them
/// with ``ReportDefinition/checked()``, so both are checked by the same code.
public enum DefinitionLoader {
    /// Loads the definition at `url`; `displayName` is used in messages (defaults to the path).
    public static func load(contentsOf url: URL, displayName: String? = nil) throws -> ReportDefinition {
        let name = displayName ?? url.path
        return try load(yaml: YAMLNode.text(of: url, name: name, kind: "definition"), file: name, directory: url.deletingLastPathComponent())
    }

    /// Loads a definition from YAML text; `file` names it in messages.
    /// Loads a definition from YAML text; `file` names it in messages, and a style file it
    /// names (`style:`) is read relative to `directory` (by default the folder of `file`).
    public static func load(yaml text: String, file: String, directory: URL? = nil) throws -> ReportDefinition {
        let top = try YAMLNode.document(text, file: file, emptyMessage: "the definition is empty: expected 'sources' and 'sheets'")
        let keys = try top.mapping(allowed: ["title", "description", "output", "mode", "style", "sources", "sheets", "checks", "publish", "cover"])
        let sourcesNode = try required("sources", in: keys, of: top)
        let sheetsNode = try required("sheets", in: keys, of: top)
        let folder = directory ?? URL(fileURLWithPath: file).deletingLastPathComponent()
        let style = try keys["style"].map { try HouseStyleLoader.style($0, directory: folder) } ?? HouseStyle()

        let sources = try sourcesNode.namedEntries().map { try source(named: $0.name, $0.node) }
        let sheets = try $formatDefaults.withValue(style.formats) { try sheetsNode.sequence().map(sheet) }
        var definition = ReportDefinition(file: file, title: try keys["title"]?.string(), output: try keys["output"]?.string(),
                                          mode: try keys["mode"]?.choice(BuildMode.self) ?? .auto, sources: sources, sheets: sheets)
        definition.keyLocations = keys.mapValues(\.location)
        definition.description = try keys["description"]?.string()
        definition.checks = try keys["checks"].map(checks) ?? []
        definition.style = style
        definition.applyStyleToPrintSetup()
        definition.publish = try keys["publish"]?.choice(Publication.self) ?? .print
        definition.cover = try keys["cover"].map(cover)
        return try definition.checked()
    }

    /// `cover:`: the accessible variant's cover texts.
    private static func cover(_ node: YAMLNode) throws -> CoverDetails {
        let keys = try node.mapping(allowed: ["source", "contact", "date"])
        return CoverDetails(source: try keys["source"]?.string(), contact: try keys["contact"]?.string(), date: try keys["date"]?.string())
    }

    private static func source(named name: String, _ node: YAMLNode) throws -> SourceDefinition {
        let keys = try node.mapping(allowed: ["file", "folder", "period_field", "key", "fields", "missing", "encoding", "delimiter", "decimal", "date_format", "strict"])
        var types: [String: FieldType] = [:]
        var typeLocations: [String: DefinitionLocation] = [:]
        if let fields = keys["fields"] {
            for (field, typeNode, keyLocation) in try fields.namedEntriesWithKeys() {
                types[field] = try typeNode.choice(FieldType.self)
                typeLocations[field] = keyLocation
            }
        }
        if keys["file"] != nil && keys["folder"] != nil { throw node.error("a source has either 'file' or 'folder', not both") }
        guard let fileNode = keys["file"] ?? keys["folder"] else { throw node.error("missing required key 'file' (a CSV file) or 'folder' (one CSV per period)") }
        var source = SourceDefinition(
            name: name,
            file: try fileNode.string(),
            fields: types,
            key: try keys["key"]?.string(),
            missing: try keys["missing"].map { Set(try $0.strings()) } ?? SourceDefinition.defaultMissingMarkers
        )
        source.location = node.location
        source.keyLocations = keys.mapValues(\.location)
        source.fieldTypeLocations = typeLocations
        source.isFolder = keys["folder"] != nil
        if let field = keys["period_field"] { source.periodField = try field.string() }
        try readingKeys(keys, into: &source)
        return source
    }

    /// `encoding`, `delimiter`, `decimal`, `date_format` and `strict`: how the source's file is read.
    private static func readingKeys(_ keys: [String: YAMLNode], into source: inout SourceDefinition) throws {
        source.encoding = try keys["encoding"].map { node in
            let text = try node.string().lowercased()
            let aliases: [String: EncodingChoice] = ["utf8": .utf8, "cp1252": .windows1252, "latin1": .latin1, "iso-8859-1": .latin1, "utf16": .utf16]
            if let choice = aliases[text] { return choice }
            return try node.choice(EncodingChoice.self)
        }
        source.delimiter = try keys["delimiter"].map { node in
            let text = try node.string()
            let names: [String: UInt8] = ["comma": 0x2C, "semicolon": 0x3B, "tab": 0x09, "\\t": 0x09, "pipe": 0x7C]
            if let byte = names[text.lowercased()] { return byte }
            guard text.utf8.count == 1, let byte = text.utf8.first, SourceDefinition.allowsDelimiter(byte) else {
                throw node.error("expected one character (such as ',' or ';') or comma, semicolon, tab or pipe, found '\(text)'")
            }
            return byte
        }
        if let node = keys["decimal"] { source.decimal = try node.choice(DecimalSeparator.self) }
        if let node = keys["date_format"] { source.dateOrder = try node.choice(DateOrder.self) }
        if let node = keys["strict"] { source.strict = try node.bool() }
    }

    private static func sheet(_ node: YAMLNode) throws -> SheetDefinition {
        let keys = try node.mapping(allowed: ["name", "source", "title", "subtitle", "columns", "notes", "freeze", "print",
                                              "header_groups", "group_by", "totals", "sort", "filter", "per_period", "summary", "charts",
                                              "protect", "autofilter", "names", "fee_import"])
        var locations = keys.mapValues(\.location)
        var sheet = SheetDefinition(
            name: try required("name", in: keys, of: node).string(),
            source: try required("source", in: keys, of: node).string(),
            title: try keys["title"]?.string(),
            subtitle: try keys["subtitle"]?.string(),
            columns: try required("columns", in: keys, of: node).sequence().flatMap { try expandedColumns($0) },
            notes: try keys["notes"]?.strings() ?? [],
            filter: try keys["filter"]?.string(),
            sort: try keys["sort"]?.sequence().map(sortKey) ?? [],
            groupBy: try keys["group_by"]?.sequence().map(groupLevel) ?? [],
            totals: try keys["totals"].map(totals),
            headerGroups: try keys["header_groups"]?.sequence().map(headerGroup) ?? [],
            freeze: try keys["freeze"].map { try freeze($0, locations: &locations) },
            print: try keys["print"].map { try printSetup($0, locations: &locations) } ?? PrintSetup()
        )
        sheet.perPeriod = try keys["per_period"]?.string()
        sheet.summary = try keys["summary"].map(summary)
        sheet.charts = try keys["charts"]?.sequence().map(sheetChart) ?? []
        try editingKeys(keys, into: &sheet)
        sheet.feeImport = try keys["fee_import"].map(feeImport)
        sheet.location = node.location
        sheet.keyLocations = locations
        return sheet
    }

    private static func summary(_ node: YAMLNode) throws -> PeriodSummary {
        let keys = try node.mapping(allowed: ["name", "title", "rows", "value", "format", "chart", "duplicates"])
        var format = NumberFormat.general
        if let formatNode = keys["format"] { format = try numberFormat(formatNode) }
        var chart: ChartDefinition?
        if let chartNode = keys["chart"] {
            let chartKeys = try chartNode.mapping(allowed: ["type", "title", "x_axis", "y_axis"])
            chart = ChartDefinition(kind: try chartKeys["type"]?.choice(ChartDefinition.Kind.self) ?? .column,
                                    title: try chartKeys["title"]?.string(), xAxis: try chartKeys["x_axis"]?.string(),
                                    yAxis: try chartKeys["y_axis"]?.string())
        }
        var summary = PeriodSummary(name: try required("name", in: keys, of: node).string(), title: try keys["title"]?.string(),
                                    rowColumn: try required("rows", in: keys, of: node).string(),
                                    valueColumn: try required("value", in: keys, of: node).string(),
                                    format: format, chart: chart, location: node.location)
        summary.duplicates = try keys["duplicates"]?.choice(SummaryDuplicates.self) ?? .error
        return summary
    }

    private static func headerGroup(_ node: YAMLNode) throws -> HeaderGroup {
        let keys = try node.mapping(allowed: ["title", "columns"])
        let columnsNode = try required("columns", in: keys, of: node)
        let ids = try columnsNode.strings()
        guard (1...2).contains(ids.count) else { throw columnsNode.error("expected the first and last column id of the group, e.g. [impact_service, equalities]") }
        var group = HeaderGroup(title: try required("title", in: keys, of: node).string(), first: ids[0], last: ids[ids.count - 1])
        group.location = node.location
        return group
    }

    private static func groupLevel(_ node: YAMLNode) throws -> GroupLevel {
        if case .scalar = node.node {
            var level = GroupLevel(field: try node.string())
            level.location = node.location
            return level
        }
        let keys = try node.mapping(allowed: ["field", "heading", "subtotal"])
        func optionalText(_ key: String, default value: String) throws -> String? {
            guard let child = keys[key] else { return value }
            if case .scalar(let scalar) = child.node, let flag = Bool.construct(from: scalar), !flag { return nil }
            return try child.string()
        }
        let fieldNode = try required("field", in: keys, of: node)
        var level = GroupLevel(field: try fieldNode.string(),
                               heading: try optionalText("heading", default: "{value}"),
                               subtotal: try optionalText("subtotal", default: "Total {value}"))
        level.location = fieldNode.location
        return level
    }

    private static func totals(_ node: YAMLNode) throws -> Totals {
        let keys = try node.mapping(allowed: ["columns", "label", "label_column"])
        var totals = Totals(columns: try required("columns", in: keys, of: node).strings(),
                            label: try keys["label"]?.string(),
                            labelColumn: try keys["label_column"]?.string())
        totals.location = node.location
        return totals
    }

    private static func sortKey(_ node: YAMLNode) throws -> SortKey {
        var key: SortKey
        if case .scalar = node.node {
            key = SortKey(field: try node.string())
            key.location = node.location
        } else {
            let keys = try node.mapping(allowed: ["field", "descending"])
            let fieldNode = try required("field", in: keys, of: node)
            key = SortKey(field: try fieldNode.string(), descending: try keys["descending"]?.bool() ?? false)
            key.location = fieldNode.location
        }
        return key
    }

    /// A column entry, or with `for_each` one column per listed value: `{key}` in `id`,
    /// `field`, `header` and `expression` becomes the value made into an id (`2019/20` →
    /// `2019_20`), `{label}` the value as written.
    private static func expandedColumns(_ node: YAMLNode) throws -> [ColumnDefinition] {
        guard case .mapping(let mapping) = node.node,
              let entry = mapping.first(where: { $0.key.string == "for_each" }) else {
            return [try column(node)]
        }
        let listNode = YAMLNode(node: entry.value, path: node.path + ".for_each", file: node.file)
        let labels = try listNode.strings()
        if labels.isEmpty { throw listNode.error("expected at least one value to repeat the column for") }
        let template = mapping.filter { $0.key.string != "for_each" }
        return try labels.map { label in
            let key = String(label.map { $0.isLetter || $0.isNumber ? $0 : "_" })
            let pairs: [(Node, Node)] = template.map { keyNode, valueNode in
                guard case .scalar(var scalar) = valueNode else { return (keyNode, valueNode) }
                scalar.string = scalar.string.replacingOccurrences(of: "{key}", with: key).replacingOccurrences(of: "{label}", with: label)
                return (keyNode, .scalar(scalar))
            }
            let expanded = Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark)
            return try column(YAMLNode(node: .mapping(expanded), path: node.path, file: node.file))
        }
    }

    private static func column(_ node: YAMLNode) throws -> ColumnDefinition {
        let keys = try node.mapping(allowed: ["id", "field", "expression", "display", "header", "format", "width", "wrap", "align",
                                              "suppress_repeats", "hidden", "missing", "status_colours", "markup", "format_from", "decimals",
                                              "editable", "validation", "highlight", "link", "note_from"])
        let content = try columnContent(keys, of: node)
        var defaultID: String?
        if case .field(let name) = content, name.isIdentifier { defaultID = name }
        guard let id = try keys["id"]?.string() ?? defaultID else {
            throw node.error("this column needs an 'id' (letters, digits and underscores) so expressions can name it")
        }
        var column = ColumnDefinition(
            id: id,
            header: try keys["header"]?.string() ?? id,
            content: content,
            format: try keys["format"].map(numberFormat) ?? .general,
            width: try keys["width"]?.number(in: DefinitionValidator.columnWidths),
            wrap: try keys["wrap"]?.bool() ?? false,
            alignment: try keys["align"]?.choice(HorizontalAlignment.self),
            suppressRepeats: try keys["suppress_repeats"]?.bool() ?? false,
            hidden: try keys["hidden"]?.bool() ?? false,
            missingText: try keys["missing"]?.string() ?? "N/A",
            location: node.location
        )
        column.statusColours = try keys["status_colours"]?.bool() ?? false
        column.markup = try keys["markup"]?.choice(TextMarkup.self)
        column.formatFrom = try keys["format_from"]?.string()
        column.decimals = try keys["decimals"].map(columnDecimals)
        if case .field = content { column.blankText = try keys["missing"]?.string() }
        try editingKeys(keys, into: &column)
        column.keyLocations = keys.mapValues(\.location)
        return column
    }

    /// A column's `field`, `expression` or `display`, as written (checking parses it).
    private static func columnContent(_ keys: [String: YAMLNode], of node: YAMLNode) throws -> ColumnContent {
        switch (keys["field"], keys["expression"], keys["display"]) {
        case (.some, _, .some), (_, .some, .some):
            throw node.error("a column has one of 'field', 'expression' or 'display'")
        case (let field?, nil, nil):
            return .field(try field.string())
        case (nil, let expression?, nil):
            return .written(WrittenExpression(try expression.string(), kind: .expression))
        case (nil, nil, let display?):
            return .written(WrittenExpression(try display.string(), kind: .displayPattern))
        case (.some, .some, nil):
            throw node.error("a column has either 'field' or 'expression', not both")
        case (nil, nil, nil):
            throw node.error("a column needs 'field' (a CSV column) or 'expression' (a computed value)")
        }
    }

    /// `decimals:`: 0 to 6, or `as_written`.
    private static func columnDecimals(_ node: YAMLNode) throws -> ColumnDecimals {
        let text = try node.string()
        if text == ColumnDecimals.asWrittenKey { return .asWritten }
        guard let places = Int(text), (0...6).contains(places) else {
            throw node.error("expected a whole number from 0 to 6 or \(ColumnDecimals.asWrittenKey), found '\(text)'")
        }
        return .places(places)
    }

    /// The house style's formats for `money`, `percent` and `count`, while a definition's sheets are read.
    @TaskLocal static var formatDefaults: [NumberFormatDefault: NumberFormat] = [:]

    private static func numberFormat(_ node: YAMLNode) throws -> NumberFormat {
        let text = try node.string()
        if let name = NumberFormatDefault(rawValue: text.lowercased()), let format = formatDefaults[name] { return format }
        guard let named = NumberFormat.named(text) else {
            throw node.error("unknown format '\(text)'; use one of \(NumberFormat.presets.map(\.name).joined(separator: ", ")) or an Excel format code such as '#,##0.00'")
        }
        return named
    }

    /// `freeze`; the location of `freeze.columns` is added to `locations`.
    private static func freeze(_ node: YAMLNode, locations: inout [String: DefinitionLocation]) throws -> FreezePanes {
        let keys = try node.mapping(allowed: ["header", "columns"])
        locations["freeze.columns"] = keys["columns"]?.location
        return FreezePanes(header: try keys["header"]?.bool() ?? true, columns: try keys["columns"]?.integer(in: DefinitionValidator.frozenColumns) ?? 0)
    }

    /// `print`; the locations of its keys are added to `locations` (`print.footer`).
    private static func printSetup(_ node: YAMLNode, locations: inout [String: DefinitionLocation]) throws -> PrintSetup {
        let keys = try node.mapping(allowed: ["orientation", "paper", "fit_width", "repeat_header", "footer", "header", "page_breaks"])
        for (key, child) in keys { locations["print.\(key)"] = child.location }
        let defaults = PrintSetup()
        var setup = PrintSetup(orientation: try keys["orientation"]?.choice(PrintSetup.Orientation.self) ?? defaults.orientation,
                               paper: try keys["paper"]?.choice(PrintSetup.Paper.self) ?? defaults.paper,
                               fitWidth: try keys["fit_width"]?.integer(in: DefinitionValidator.fitWidthPages) ?? defaults.fitWidth,
                               repeatHeader: try keys["repeat_header"]?.bool() ?? defaults.repeatHeader,
                               footer: try keys["footer"]?.string() ?? defaults.footer,
                               header: try keys["header"]?.string() ?? defaults.header)
        setup.pageBreaks = try keys["page_breaks"]?.bool() ?? defaults.pageBreaks
        return setup
    }

    static func required(_ key: String, in keys: [String: YAMLNode], of node: YAMLNode) throws -> YAMLNode {
        guard let value = keys[key] else { throw node.error("missing required key '\(key)'") }
        return value
    }

    /// A YAML error as one line with the file, line and column.
    static func syntaxError(_ error: YamlError, file: String) -> DefinitionError {
        var line = 1, column = 1
        var problem = "\(error)"
        switch error {
        case .scanner(_, let description, let mark, _), .parser(_, let description, let mark, _):
            line = mark.line; column = mark.column; problem = description
        case .composer(_, let description, let mark, _):
            line = mark.line; column = mark.column; problem = description
        case .duplicatedKeysInMapping(let duplicates, let context):
            line = context.mark.line; column = context.mark.column
            problem = "the key\(duplicates.count == 1 ? "" : "s") \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) appear\(duplicates.count == 1 ? "s" : "") twice in the same mapping"
        default: break
        }
        let oneLine = problem.split(whereSeparator: \.isNewline).joined(separator: " ")
        return DefinitionError(DefinitionLocation(file: file, path: "", line: line, column: column), "not valid YAML: \(oneLine)")
    }
}

extension String {
    /// Whether the string is a valid name: a letter or `_`, then letters, digits or `_`.
    var isIdentifier: Bool {
        guard let first = first, first.isLetter || first == "_" else { return false }
        return allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }
}

import AppendixData
import AppendixExpression
import Foundation
import Yams

/// Reads and validates a report definition (YAML).
///
/// Everything is checked before any data is read or any file is written: unknown keys (with a
/// "did you mean" hint), missing keys, wrong types, sheet names Excel would refuse, duplicate
/// ids, expressions that do not parse or name unknown columns, and cycles between computed
/// columns. Each failure is one ``DefinitionError`` naming the file, key path and line.
public enum DefinitionLoader {
    /// Loads the definition at `url`; `displayName` is used in messages (defaults to the path).
    public static func load(contentsOf url: URL, displayName: String? = nil) throws -> ReportDefinition {
        let name = displayName ?? url.path
        return try load(yaml: YAMLNode.text(of: url, name: name, kind: "definition"), file: name)
    }

    /// Loads a definition from YAML text; `file` names it in messages.
    public static func load(yaml text: String, file: String) throws -> ReportDefinition {
        let top = try YAMLNode.document(text, file: file, emptyMessage: "the definition is empty: expected 'sources' and 'sheets'")
        let keys = try top.mapping(allowed: ["title", "output", "mode", "sources", "sheets"])
        let sourcesNode = try required("sources", in: keys, of: top)
        let sheetsNode = try required("sheets", in: keys, of: top)

        let sources = try sourcesNode.namedEntries().map { try source(named: $0.name, $0.node) }
        if sources.isEmpty { throw sourcesNode.error("expected at least one source") }
        let sheetNodes = try sheetsNode.sequence()
        if sheetNodes.isEmpty { throw sheetsNode.error("expected at least one sheet") }
        let sheets = try sheetNodes.map { try sheet($0, sources: sources) }
        var definition = ReportDefinition(file: file, output: try keys["output"]?.string(), title: try keys["title"]?.string(), sources: sources, sheets: sheets)
        if let mode = keys["mode"] { definition.mode = try mode.choice(BuildMode.self) }
        try DefinitionValidator.validate(definition)
        return definition
    }

    private static func source(named name: String, _ node: YAMLNode) throws -> SourceDefinition {
        guard name.isIdentifier else {
            throw node.error("a source name must be letters, digits and underscores, starting with a letter; found '\(name)'")
        }
        let keys = try node.mapping(allowed: ["file", "folder", "period_field", "key", "fields", "missing", "encoding", "delimiter", "decimal", "strict"])
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
            key: try keys["key"]?.string(),
            fieldTypes: types,
            missingMarkers: try keys["missing"].map { Set(try $0.strings()) } ?? FieldParser.defaultMissingMarkers,
            location: node.location
        )
        source.fieldTypeLocations = typeLocations
        source.keyLocation = keys["key"]?.location
        source.isFolder = keys["folder"] != nil
        if let field = keys["period_field"] { source.periodField = try field.string() }
        try readingKeys(keys, into: &source)
        return source
    }

    /// `encoding`, `delimiter`, `decimal` and `strict`: how the source's file is read.
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
            guard text.utf8.count == 1, let byte = text.utf8.first, byte != 0x22, byte != 0x0A, byte != 0x0D else {
                throw node.error("expected one character (such as ',' or ';') or comma, semicolon, tab or pipe, found '\(text)'")
            }
            return byte
        }
        if let node = keys["decimal"] { source.decimal = try node.choice(DecimalSeparator.self) }
        if let node = keys["strict"] { source.strict = try node.bool() }
    }

    private static func sheet(_ node: YAMLNode, sources: [SourceDefinition]) throws -> SheetDefinition {
        let keys = try node.mapping(allowed: ["name", "source", "title", "subtitle", "columns", "notes", "freeze", "print",
                                              "header_groups", "group_by", "totals", "sort", "filter", "per_period", "summary"])
        let sourceNode = try required("source", in: keys, of: node)
        let sourceName = try sourceNode.string()
        guard sources.contains(where: { $0.name == sourceName }) else {
            throw sourceNode.error("no source named '\(sourceName)'; sources are: \(sources.map(\.name).joined(separator: ", "))")
        }
        let columnsNode = try required("columns", in: keys, of: node)
        let columns = try columnsNode.sequence().flatMap { try expandedColumns($0) }
        if columns.isEmpty { throw columnsNode.error("expected at least one column") }
        var filter: ColumnExpression?
        if let filterNode = keys["filter"] {
            let text = try filterNode.string()
            do { filter = try ColumnExpression.parse(text) } catch let error as ExpressionError {
                throw filterNode.error("cannot read the filter '\(ExpressionError.quoted(text))': \(error)", limit: error.limit)
            }
        }
        return SheetDefinition(
            name: try required("name", in: keys, of: node).string(),
            source: sourceName,
            title: try keys["title"]?.string(),
            subtitle: try keys["subtitle"]?.string(),
            columns: columns,
            notes: try keys["notes"]?.strings() ?? [],
            freeze: try keys["freeze"].map(freeze),
            print: try keys["print"].map(printSetup) ?? PrintSetup(),
            headerGroups: try keys["header_groups"]?.sequence().map(headerGroup) ?? [],
            groupBy: try keys["group_by"]?.sequence().map(groupLevel) ?? [],
            totals: try keys["totals"].map(totals),
            sort: try keys["sort"]?.sequence().map(sortKey) ?? [],
            filter: filter,
            filterLocation: keys["filter"]?.location,
            perPeriod: try keys["per_period"]?.string(),
            perPeriodLocation: keys["per_period"]?.location,
            summary: try keys["summary"].map(summary),
            location: node.location
        )
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
        return HeaderGroup(title: try required("title", in: keys, of: node).string(), first: ids[0], last: ids[ids.count - 1], location: node.location)
    }

    private static func groupLevel(_ node: YAMLNode) throws -> GroupLevel {
        if case .scalar = node.node {
            return GroupLevel(field: try node.string(), heading: "{value}", subtotal: "Total {value}", location: node.location)
        }
        let keys = try node.mapping(allowed: ["field", "heading", "subtotal"])
        func optionalText(_ key: String, default value: String) throws -> String? {
            guard let child = keys[key] else { return value }
            if case .scalar(let scalar) = child.node, let flag = Bool.construct(from: scalar), !flag { return nil }
            return try child.string()
        }
        let fieldNode = try required("field", in: keys, of: node)
        return GroupLevel(field: try fieldNode.string(),
                          heading: try optionalText("heading", default: "{value}"),
                          subtotal: try optionalText("subtotal", default: "Total {value}"),
                          location: fieldNode.location)
    }

    private static func totals(_ node: YAMLNode) throws -> Totals {
        let keys = try node.mapping(allowed: ["columns", "label", "label_column"])
        return Totals(columns: try required("columns", in: keys, of: node).strings(),
                      label: try keys["label"]?.string(),
                      labelColumn: try keys["label_column"]?.string(),
                      location: node.location)
    }

    private static func sortKey(_ node: YAMLNode) throws -> SortKey {
        if case .scalar = node.node { return SortKey(field: try node.string(), descending: false, location: node.location) }
        let keys = try node.mapping(allowed: ["field", "descending"])
        let fieldNode = try required("field", in: keys, of: node)
        return SortKey(field: try fieldNode.string(), descending: try keys["descending"]?.bool() ?? false, location: fieldNode.location)
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
                                              "suppress_repeats", "hidden", "missing", "status_colours"])
        let content: ColumnContent
        let defaultID: String?
        let contentLocation = (keys["field"] ?? keys["expression"] ?? keys["display"])?.location ?? node.location
        /// Reads an expression-valued key; `what` names it in the message.
        func computed(_ node: YAMLNode, _ what: String, _ parse: (String) throws -> ColumnExpression) throws -> ColumnContent {
            let text = try node.string()
            do {
                return .expression(try parse(text), source: text)
            } catch let error as ExpressionError {
                throw node.error("cannot read the \(what) '\(ExpressionError.quoted(text))': \(error)", limit: error.limit)
            }
        }
        switch (keys["field"], keys["expression"], keys["display"]) {
        case (.some, _, .some), (_, .some, .some):
            throw node.error("a column has one of 'field', 'expression' or 'display'")
        case (let field?, nil, nil):
            let name = try field.string()
            content = .field(name)
            defaultID = name.isIdentifier ? name : nil
        case (nil, let expressionNode?, nil):
            content = try computed(expressionNode, "expression", ColumnExpression.parse)
            defaultID = nil
        case (nil, nil, let displayNode?):
            content = try computed(displayNode, "display pattern", DisplayPattern.expression)
            defaultID = nil
        case (.some, .some, nil):
            throw node.error("a column has either 'field' or 'expression', not both")
        case (nil, nil, nil):
            throw node.error("a column needs 'field' (a CSV column) or 'expression' (a computed value)")
        }
        let idNode = keys["id"]
        guard let id = try idNode?.string() ?? defaultID else {
            throw node.error("this column needs an 'id' (letters, digits and underscores) so expressions can name it")
        }
        guard id.isIdentifier else {
            throw (idNode ?? node).error("a column id must be letters, digits and underscores, starting with a letter; found '\(id)'")
        }
        var format = NumberFormat.general
        if let formatNode = keys["format"] { format = try numberFormat(formatNode) }
        var column = ColumnDefinition(
            id: id,
            header: try keys["header"]?.string() ?? id,
            content: content,
            format: format,
            width: try keys["width"]?.number(in: 0...255),
            wrap: try keys["wrap"]?.bool() ?? false,
            alignment: try keys["align"]?.choice(HorizontalAlignment.self),
            suppressRepeats: try keys["suppress_repeats"]?.bool() ?? false,
            hidden: try keys["hidden"]?.bool() ?? false,
            missingText: try keys["missing"]?.string() ?? "N/A",
            location: node.location,
            contentLocation: contentLocation
        )
        column.statusColours = try keys["status_colours"]?.bool() ?? false
        return column
    }

    private static func numberFormat(_ node: YAMLNode) throws -> NumberFormat {
        let text = try node.string()
        guard let named = NumberFormat.named(text) else {
            throw node.error("unknown format '\(text)'; use one of \(NumberFormat.presets.map(\.name).joined(separator: ", ")) or an Excel format code such as '#,##0.00'")
        }
        guard named.code.utf8.count <= NumberFormat.maximumLength else {
            throw node.error("an Excel number format has at most \(NumberFormat.maximumLength) characters; this one has \(named.code.utf8.count)",
                             limit: .numberFormatCharacters(found: named.code.utf8.count, maximum: NumberFormat.maximumLength))
        }
        return named
    }

    private static func freeze(_ node: YAMLNode) throws -> FreezePanes {
        let keys = try node.mapping(allowed: ["header", "columns"])
        return FreezePanes(header: try keys["header"]?.bool() ?? true, columns: try keys["columns"]?.integer(in: 0...16_383) ?? 0)
    }

    private static func printSetup(_ node: YAMLNode) throws -> PrintSetup {
        let keys = try node.mapping(allowed: ["orientation", "paper", "fit_width", "repeat_header", "footer", "header"])
        var setup = PrintSetup()
        if let value = keys["orientation"] { setup.orientation = try value.choice(PrintSetup.Orientation.self) }
        if let value = keys["paper"] { setup.paper = try value.choice(PrintSetup.Paper.self) }
        if let value = keys["fit_width"] { setup.fitWidth = try value.integer(in: 0...100) }
        if let value = keys["repeat_header"] { setup.repeatHeader = try value.bool() }
        setup.footer = try keys["footer"].map { try pageText($0, key: "footer") } ?? setup.footer
        setup.header = try keys["header"].map { try pageText($0, key: "header") } ?? setup.header
        return setup
    }

    /// Page header or footer text: at most 255 characters; empty turns it off.
    private static func pageText(_ node: YAMLNode, key: String) throws -> String? {
        let text = try node.string()
        guard text.utf8.count <= ExcelLimits.pageTextCharacters else {
            throw node.error("Excel allows at most \(ExcelLimits.pageTextCharacters) characters in a page \(key); found \(text.utf8.count)",
                             limit: .pageHeaderFooterCharacters(found: text.utf8.count, maximum: ExcelLimits.pageTextCharacters))
        }
        return text.isEmpty ? nil : text
    }

    private static func required(_ key: String, in keys: [String: YAMLNode], of node: YAMLNode) throws -> YAMLNode {
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

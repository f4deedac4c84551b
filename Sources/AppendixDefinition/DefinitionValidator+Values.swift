import AppendixData
import AppendixExpression

// The checks on a definition's values, whether YAML or code made them: names, references to
// sources, lists that must not be empty, ranges and Excel's limits on formats and page texts;
// and the parsing of its written expressions. (The YAML reader refuses text of the wrong kind
// as it reads it, naming the same ranges.)
extension DefinitionValidator {
    /// Column widths in characters (Excel's range).
    package static let columnWidths: ClosedRange<Double> = 0...255
    /// Columns a sheet may freeze (Excel's last column index).
    package static let frozenColumns: ClosedRange<Int> = 0...16_383
    /// Pages across a sheet may be fitted to.
    package static let fitWidthPages: ClosedRange<Int> = 0...100

    /// `definition` placed, its values checked and its expressions parsed, then checked as a
    /// whole (``validate(_:)``): what ``ReportDefinition/checked()`` and the YAML loader return.
    package static func checked(_ definition: ReportDefinition) throws -> ReportDefinition {
        var definition = definition.placed()
        try checkSources(of: definition)
        if definition.sheets.isEmpty { throw DefinitionError(definition.location(of: "sheets"), "expected at least one sheet") }
        for index in definition.sheets.indices {
            definition.sheets[index] = try parsed(definition.sheets[index], sources: definition.sources)
        }
        try validate(definition)
        definition.checks = try checkedChecks(definition)
        return definition
    }

    private static func checkSources(of definition: ReportDefinition) throws {
        if definition.sources.isEmpty { throw DefinitionError(definition.location(of: "sources"), "expected at least one source") }
        var names: Set<String> = []
        for source in definition.sources {
            guard source.name.isIdentifier else {
                throw DefinitionError(source.location, "a source name must be letters, digits and underscores, starting with a letter; found '\(source.name)'",
                                      value: source.name)
            }
            guard names.insert(source.name).inserted else {
                throw DefinitionError(source.location, "another source is already called '\(source.name)'", value: source.name)
            }
            if let byte = source.delimiter, !SourceDefinition.allowsDelimiter(byte) {
                throw DefinitionError(source.location(of: "delimiter"), "a delimiter cannot be a quote or a line break", value: String(UnicodeScalar(byte)))
            }
        }
    }

    /// The source `sheet` reads, from `sources`.
    /// - Throws: ``DefinitionError`` at the sheet's `source` key when no source has that name.
    package static func source(of sheet: SheetDefinition, in sources: [SourceDefinition]) throws -> SourceDefinition {
        guard let source = sources.first(where: { $0.name == sheet.source }) else {
            throw DefinitionError(sheet.location(of: "source"), "no source named '\(sheet.source)'; sources are: \(sources.map(\.name).joined(separator: ", "))",
                                  value: sheet.source)
        }
        return source
    }

    /// The sheet with its filter and computed columns parsed, after checking its source, its
    /// columns' ids, formats and widths, and its print set-up.
    private static func parsed(_ sheet: SheetDefinition, sources: [SourceDefinition]) throws -> SheetDefinition {
        var sheet = sheet
        let source = try source(of: sheet, in: sources)
        if sheet.columns.isEmpty { throw DefinitionError(sheet.location(of: "columns"), "expected at least one column") }
        for index in sheet.columns.indices {
            sheet.columns[index] = try parsed(sheet.columns[index]).withDateFormat(from: source)
        }
        sheet.filter = try sheet.filterText.map { try WrittenExpression($0, kind: .filter).parsed(at: sheet.location(of: "filter")) }
        try checkPrint(sheet)
        return sheet
    }

    /// The column with its expression parsed, after checking its id, format and width.
    private static func parsed(_ column: ColumnDefinition) throws -> ColumnDefinition {
        var column = column
        guard column.id.isIdentifier else {
            throw DefinitionError(column.location(of: "id"), "a column id must be letters, digits and underscores, starting with a letter; found '\(column.id)'",
                                  value: column.id)
        }
        if case .written(let written) = column.content {
            column.content = .expression(try written.parsed(at: column.contentLocation), source: written.text)
        }
        let code = column.format.code
        guard code.utf8.count <= NumberFormat.maximumLength else {
            throw DefinitionError(column.location(of: "format"), "an Excel number format has at most \(NumberFormat.maximumLength) characters; this one has \(code.utf8.count)",
                                  value: code, limit: .numberFormatCharacters(found: code.utf8.count, maximum: NumberFormat.maximumLength))
        }
        if let width = column.width { try checkRange(width, columnWidths, at: column.location(of: "width")) }
        try checkFieldOnlyKeys(column)
        try checkDecimals(column)
        return column
    }

    /// `markup`, `suppress_repeats` and `decimals: as_written` act on text read from the CSV: on
    /// a computed column they would do nothing, so they are refused rather than ignored.
    private static func checkFieldOnlyKeys(_ column: ColumnDefinition) throws {
        guard column.field == nil else { return }
        let kind = column.keyLocations["display"] != nil ? "display" : "expression"
        if let markup = column.markup {
            throw DefinitionError(column.location(of: "markup"), "'markup' reads text from the CSV, so it applies to a 'field' column; this column is computed ('\(kind)')",
                                  value: markup.rawValue)
        }
        if column.suppressRepeats {
            throw DefinitionError(column.location(of: "suppress_repeats"), "'suppress_repeats' blanks repeated CSV values, so it applies to a 'field' column; this column is computed ('\(kind)')")
        }
        if column.decimals == .asWritten {
            throw DefinitionError(column.location(of: "decimals"), "'decimals: as_written' counts the decimals written in the CSV, so it applies to a 'field' column; this column is computed ('\(kind)'): set 'decimals: N'",
                                  value: ColumnDecimals.asWrittenKey)
        }
    }

    /// `decimals` changes a numeric preset's places or those of each row's unit; any other
    /// format (General, text, dates, a code) has no places it could change.
    private static func checkDecimals(_ column: ColumnDefinition) throws {
        guard column.decimals != nil, column.formatFrom == nil, !NumberFormat.decimalPresets.contains(column.format) else { return }
        let names = NumberFormat.presets.filter { NumberFormat.decimalPresets.contains($0.format) }.map(\.name)
        throw DefinitionError(column.location(of: "decimals"), "'decimals' sets the places of 'format_from' units or of a numeric preset format (\(names.joined(separator: ", "))); this column's format is '\(column.format.code.isEmpty ? "General" : column.format.code)'")
    }

    private static func checkPrint(_ sheet: SheetDefinition) throws {
        if let freeze = sheet.freeze { try checkRange(freeze.columns, frozenColumns, at: sheet.location(of: "freeze.columns")) }
        try checkRange(sheet.print.fitWidth, fitWidthPages, at: sheet.location(of: "print.fit_width"))
        for (key, text) in [("footer", sheet.print.footer), ("header", sheet.print.header)] {
            guard let text, text.utf8.count > ExcelLimits.pageTextCharacters else { continue }
            throw DefinitionError(sheet.location(of: "print.\(key)"),
                                  "Excel allows at most \(ExcelLimits.pageTextCharacters) characters in a page \(key); found \(text.utf8.count)",
                                  value: text, limit: .pageHeaderFooterCharacters(found: text.utf8.count, maximum: ExcelLimits.pageTextCharacters))
        }
    }

    private static func checkRange(_ value: Int, _ range: ClosedRange<Int>, at location: DefinitionLocation) throws {
        guard !range.contains(value) else { return }
        throw DefinitionError(location, "expected a whole number from \(range.lowerBound) to \(range.upperBound), found \(value)", value: "\(value)")
    }

    private static func checkRange(_ value: Double, _ range: ClosedRange<Double>, at location: DefinitionLocation) throws {
        guard !range.contains(value) else { return }
        throw DefinitionError(location, "expected a number from \(range.lowerBound) to \(range.upperBound), found \(value)", value: "\(value)")
    }
}

extension SourceDefinition {
    /// Whether `byte` may separate fields: not a quote, which encloses fields, nor a line break.
    package static func allowsDelimiter(_ byte: UInt8) -> Bool {
        byte != 0x22 && byte != 0x0A && byte != 0x0D
    }
}

extension ColumnDefinition {
    /// The column, shown as dates when it holds a `date` or `month` field and its definition
    /// gives no `format:` (General would show the serial number, 43374, for 1 Oct 2018).
    func withDateFormat(from source: SourceDefinition) -> ColumnDefinition {
        guard case .field(let field) = content, format == .general, keyLocations["format"] == nil else { return self }
        var column = self
        switch source.fieldTypes[field] {
        case .date: column.format = .date
        case .month: column.format = .month
        default: break
        }
        return column
    }
}

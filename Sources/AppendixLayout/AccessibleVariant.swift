import AppendixData
import AppendixDefinition
import Foundation

/// The accessible variant's plan of a definition (`publish: accessible`): the same sources,
/// columns, formulas and totals, laid out as the guidance "Releasing statistics in
/// spreadsheets" asks. The definition is rewritten here, before anything is laid out, and then
/// goes through the one layout and writer as any definition does:
///
/// - header groups flatten into the column headers: `Group – Column` (``flattenedHeaders(_:)``);
/// - each grouping level becomes a leading column, outermost first: the column showing the
///   level's field moves to the front, or a new one showing it is added (headed with the field's
///   name, ``fieldHeader(_:)``); group headings and subtotal rows are dropped (the table's
///   filter and the totals table's `SUBTOTAL(109, …)`, which adds up only the rows a filter
///   shows, take their place);
/// - no value is left blank because it repeats the row above (`suppress_repeats` is off), and
///   an empty field shows ``notAvailable`` (`[x]`) in a column that no formula reads and that
///   has no `missing:` text of its own (``markedBlanks(_:)``);
/// - the sheets' notes are numbered across the workbook and move to the Notes sheet, each
///   sheet's title ending with its notes' references (`… [note 1] [note 2]`);
/// - every sheet has a title (its name when the definition gives none), and every chart alt
///   text (``defaultAltText(_:on:)`` when the definition gives none).
package struct AccessibleVariant {
    /// The most data rows the variant is built with: Excel tables cannot be written in
    /// constant-memory mode (libxlsxwriter returns "Feature is not currently supported in this
    /// configuration", docs/probes/tables-probe.c), so the variant is always held in memory.
    package static let maximumRows = 100_000
    /// What an empty field shows: the guidance's shorthand for "not available".
    package static let notAvailable = "[x]"
    /// The most characters in a table's column header (Excel's limit for a table column name).
    package static let maximumHeaderLength = 255

    /// A note of the Notes sheet: its number, the sheet it belongs to, its text.
    package struct Note: Sendable, Equatable {
        package var number: Int
        package var sheet: String
        package var text: String

        /// How titles refer to it: `[note 1]`.
        package var reference: String { "[note \(number)]" }
    }

    /// The rewritten definition (``ReportDefinition/publish`` is `accessible`).
    package let definition: ReportDefinition
    /// The definition's notes, numbered in sheet order.
    package let notes: [Note]
    /// The document title (``documentTitle(of:)`` of the definition as written).
    package let title: String

    package init(_ original: ReportDefinition) {
        var definition = original
        definition.publish = .accessible
        var notes: [Note] = []
        definition.sheets = original.sheets.map { sheet in
            let types = original.source(named: sheet.source)?.fieldTypes ?? [:]
            var rewritten = Self.tableSheet(sheet, fieldTypes: types)
            let numbered = sheet.notes.enumerated().map { Note(number: notes.count + $0.offset + 1, sheet: sheet.name, text: $0.element) }
            notes += numbered
            rewritten.notes = []
            if !numbered.isEmpty { rewritten.title = ([rewritten.title ?? sheet.name] + numbered.map(\.reference)).joined(separator: " ") }
            return rewritten
        }
        self.definition = definition
        self.notes = notes
        title = Self.documentTitle(of: original)
    }

    /// The workbook's document title (and the cover's): the definition's `title:`, else the
    /// first sheet's title (a per-period sheet's summary title, as its own names a period), else
    /// the definition file's name.
    package static func documentTitle(of definition: ReportDefinition) -> String {
        let first = definition.sheets.first.flatMap { $0.perPeriod == nil ? $0.title : $0.summary?.title }
        if let title = definition.title ?? first, !title.isEmpty { return title }
        let name = definition.file.split(separator: "/").last.map(String.init) ?? definition.file
        return name.hasSuffix(".yaml") ? String(name.dropLast(5)) : name
    }

    /// One table sheet laid out for the variant.
    static func tableSheet(_ sheet: SheetDefinition, fieldTypes: [String: FieldType]) -> SheetDefinition {
        var rewritten = sheet
        rewritten.title = sheet.title ?? sheet.name
        rewritten.columns = leadingGroupColumns(sheet, fieldTypes: fieldTypes)
        let marked = markedBlanks(rewritten)
        rewritten.columns = zip(rewritten.columns, flattenedHeaders(rewritten)).enumerated().map { index, pair in
            var column = pair.0
            column.header = pair.1
            column.suppressRepeats = false
            if marked.contains(index) { column.blankText = notAvailable }
            return column
        }
        rewritten.headerGroups = []
        // An Excel table has its own filter; a sheet's autofilter over it would overlap it. A
        // published workbook is not read back: no hidden Fee keys sheet (`fee_import`).
        rewritten.autofilter = false
        rewritten.feeImport = nil
        rewritten.groupBy = sheet.groupBy.map { level in
            var level = level
            level.heading = nil
            level.subtotal = nil
            return level
        }
        if let summary = sheet.summary, summary.title == nil { rewritten.summary?.title = summary.name }
        if var totals = sheet.totals {
            totals.label = totals.label ?? "Total"
            rewritten.totals = totals
        }
        rewritten.charts = sheet.charts.map { chart in
            var chart = chart
            if chart.altText?.trimmingCharacters(in: .whitespaces).isEmpty ?? true { chart.altText = defaultAltText(chart, on: sheet) }
            return chart
        }
        return rewritten
    }

    /// The columns with each grouping level's column first, outermost level first: the column
    /// showing the level's field moved there, or a new column showing it.
    static func leadingGroupColumns(_ sheet: SheetDefinition, fieldTypes: [String: FieldType]) -> [ColumnDefinition] {
        var rest = sheet.columns
        var leading: [ColumnDefinition] = []
        var ids = Set(sheet.columns.map(\.id))
        for level in sheet.groupBy {
            if let index = rest.firstIndex(where: { $0.field == level.field }) {
                leading.append(rest.remove(at: index))
                continue
            }
            var id = "group_" + level.field.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
            while ids.contains(id) { id += "_" }
            ids.insert(id)
            let format: NumberFormat = switch fieldTypes[level.field] {
            case .date: .date
            case .month: .month
            default: .general
            }
            leading.append(.field(level.field, id: id, header: fieldHeader(level.field), format: format))
        }
        return leading + rest
    }

    /// A header made from a field's name: underscores as spaces, the first letter capital
    /// (`fee_group` → `Fee group`).
    static func fieldHeader(_ field: String) -> String {
        let words = field.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// The field columns whose empty cells show `[x]`: no `missing:` text, and read by no
    /// computed column or summary (a formula reading `[x]` would see text where the print
    /// layout's sees a blank; `SUBTOTAL` and the related aggregates skip both alike).
    static func markedBlanks(_ sheet: SheetDefinition) -> Set<Int> {
        var read: Set<String> = []
        for column in sheet.columns {
            switch column.content {
            case .field: continue
            case .expression(let expression, _): read.formUnion(sheet.dependencies(of: expression))
            case .written: return []  // not parsed yet (a definition not checked): nothing is marked
            }
        }
        if let summary = sheet.summary { read.formUnion([summary.rowColumn, summary.valueColumn]) }
        return Set(sheet.columns.indices.filter { sheet.columns[$0].field != nil && sheet.columns[$0].blankText == nil && !read.contains(sheet.columns[$0].id) })
    }

    /// Each column's header for the table's one header row: `Group – Column` under a header
    /// group, a blank header named `Column N`, cut to 255 characters, and made unique
    /// (` (2)`, ` (3)` … after a repeat, case ignored, as Excel compares table column names).
    static func flattenedHeaders(_ sheet: SheetDefinition) -> [String] {
        var headers = sheet.columns.map(\.header)
        for group in sheet.headerGroups {
            guard let from = sheet.columnIndex(group.first), let to = sheet.columnIndex(group.last) else { continue }
            for index in min(from, to)...max(from, to) { headers[index] = "\(group.title) – \(headers[index])" }
        }
        var taken: Set<String> = []
        return headers.enumerated().map { offset, header in
            var text = header.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\n", with: " ")
            if text.isEmpty { text = "Column \(offset + 1)" }
            text = String(text.prefix(maximumHeaderLength))
            var unique = text, number = 1
            while taken.contains(unique.lowercased()) {
                number += 1
                let suffix = " (\(number))"
                unique = String(text.prefix(maximumHeaderLength - suffix.count)) + suffix
            }
            taken.insert(unique.lowercased())
            return unique
        }
    }

    /// Alt text for a chart the definition gives none: what it draws, against what, on which sheet.
    static func defaultAltText(_ chart: SheetChart, on sheet: SheetDefinition) -> String {
        let series = chart.series.compactMap { sheet.column($0)?.header }.joined(separator: ", ")
        let categories = sheet.column(chart.categories)?.header ?? chart.categories
        let name = chart.title.map { "'\($0)': " } ?? ""
        return "\(chart.kind.rawValue.capitalized) chart \(name)\(series) by \(categories), from the table on sheet '\(sheet.name)'."
    }
}

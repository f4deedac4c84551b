import AppendixData
import AppendixExpression

extension DefinitionValidator {
    /// Checks a sheet's charts: known columns, numeric series, one series for a pie, and a table
    /// whose data rows are one block (no `group_by`, whose heading and subtotal rows would sit
    /// between them).
    static func validateCharts(_ sheet: SheetDefinition, in definition: ReportDefinition) throws {
        for chart in sheet.charts {
            if !sheet.groupBy.isEmpty {
                throw chartError(chart, nil, "a chart draws the data rows of a table as one block; this sheet has group_by, whose heading and subtotal rows come between them: chart a sheet without group_by (e.g. a second sheet of the same source)")
            }
            try knownColumn(chart.categories, key: "categories", of: chart, in: sheet)
            // libxlsxwriter reads a chart or axis title starting with '=' as a cell reference (chart.h, chart_title_set_name).
            for (key, text) in [("title", chart.title), ("x_axis", chart.xAxis), ("y_axis", chart.yAxis)] where text?.hasPrefix("=") == true {
                throw chartError(chart, key, "a chart text cannot begin with '=' (it would be read as a cell reference); start it with something else")
            }
            let key = chart.kind == .range ? ["low", "spread"] : chart.series.indices.map { chart.series.count == 1 ? "series" : "series[\($0)]" }
            if chart.kind == .pie, chart.series.count != 1 {
                throw chartError(chart, "series", "a pie chart draws one series; found \(chart.series.count) (\(chart.series.joined(separator: ", "))): use a column or bar chart for several")
            }
            if chart.series.isEmpty { throw chartError(chart, "series", "expected at least one column id") }
            for (index, id) in chart.series.enumerated() {
                try knownColumn(id, key: key[index], of: chart, in: sheet)
                if let reason = nonNumericReason(id, in: sheet, of: definition) {
                    throw chartError(chart, key[index], "'\(id)' \(reason), so it has no numbers to draw; chart a column of numbers")
                }
            }
        }
    }

    private static func knownColumn(_ id: String, key: String, of chart: SheetChart, in sheet: SheetDefinition) throws {
        guard sheet.columnIndex(id) == nil else { return }
        throw chartError(chart, key, "'\(id)' is not a column id of sheet '\(sheet.name)'\(didYouMean(id, among: sheet.columns.map(\.id)))")
    }

    /// Why column `id` holds text rather than numbers, or `nil` when it may hold numbers.
    static func nonNumericReason(_ id: String, in sheet: SheetDefinition, of definition: ReportDefinition) -> String? {
        guard let column = sheet.column(id) else { return nil }
        switch column.content {
        case .field(let field):
            return definition.source(named: sheet.source)?.fieldTypes[field] == .text ? "is read as text (fields: \(field): text)" : nil
        case .expression(let expression, _):
            switch expression {
            case .string, .binary(.concatenate, _, _), .call(.text, _): return "is a text (a display pattern, a quoted text, & or text())"
            default: return nil
            }
        case .written: return nil
        }
    }

    private static func chartError(_ chart: SheetChart, _ key: String?, _ message: String) -> DefinitionError {
        var location = chart.location
        if let key { location.path += ".\(key)" }
        return DefinitionError(location, message)
    }
}

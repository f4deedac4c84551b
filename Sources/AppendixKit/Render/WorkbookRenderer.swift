import CXLSXWriter
import Foundation

/// Writes a ``WorkbookLayout`` to an .xlsx file with libxlsxwriter.
///
/// The workbook is written through ``WorkbookStaging``: a temporary file in the target folder,
/// checked and renamed over the target only when complete, so a failure never leaves a partial
/// workbook or touches an existing one.
public struct WorkbookRenderer: Sendable {
    public init() {}

    /// Writes `layout` to `url`, creating the folder if needed.
    /// - Throws: ``RenderError`` naming the file and the cause.
    public func write(_ layout: WorkbookLayout, to url: URL, displayName: String? = nil) throws {
        let name = displayName ?? url.path
        let staging = try WorkbookStaging(target: url, displayName: name)
        let workbook = try staging.newWorkbook(constantMemory: false)
        var formats = FormatCache(workbook: workbook)
        var failure: RenderError?
        var sheetRows: [Int] = []
        if let title = layout.title { WorkbookRenderer.setTitle(title, of: workbook) }
        for sheet in layout.sheets where failure == nil {
            do {
                sheetRows.append(try write(sheet, to: workbook, formats: &formats, file: name).count)
            } catch let error as RenderError {
                failure = error
            } catch {
                failure = RenderError(file: name, message: "\(error)")
            }
        }
        try staging.finish(workbook, sheetRows: sheetRows, failure: failure)
    }

    /// Writes one sheet; returns the rows it wrote.
    private func write(_ sheet: SheetLayout, to workbook: UnsafeMutablePointer<lxw_workbook>, formats: inout FormatCache, file: String) throws -> RowLedger {
        guard let worksheet = workbook_add_worksheet(workbook, sheet.name) else {
            throw RenderError(file: file, message: "libxlsxwriter refused the sheet name '\(sheet.name)'")
        }
        func check(_ result: lxw_error, _ what: @autoclosure () -> String) throws {
            guard result == LXW_NO_ERROR else {
                throw RenderError(file: file, message: "sheet '\(sheet.name)', \(what()): \(String(cString: lxw_strerror(result)))")
            }
        }
        var rows = RowLedger()
        for (index, column) in sheet.columns.enumerated() {
            var options = lxw_row_col_options(hidden: column.hidden ? 1 : 0, level: 0, collapsed: 0)
            try check(worksheet_set_column_opt(worksheet, lxw_col_t(index), lxw_col_t(index), column.width, nil, &options), "column \(index + 1)")
        }
        for (row, height) in sheet.rowHeights.sorted(by: { $0.key < $1.key }) {
            try check(worksheet_set_row(worksheet, lxw_row_t(row), height, nil), "row \(row + 1)")
            rows.mark(row)
        }
        for cell in sheet.cells {
            let format = formats.format(for: cell.style)
            let result = CellWriter.write(cell.content, row: cell.row, column: cell.column, format: format, to: worksheet)
            try check(result.error, "cell \(CellReference(row: cell.row, column: cell.column).a1)")
            if result.wroteCell { rows.mark(cell.row) }
        }
        for merge in sheet.merges {
            let format = formats.format(for: merge.style)
            try check(worksheet_merge_range(worksheet, lxw_row_t(merge.firstRow), lxw_col_t(merge.firstColumn),
                                            lxw_row_t(merge.lastRow), lxw_col_t(merge.lastColumn), SpreadsheetText.escaped(merge.text),
                                            format), "merged range at row \(merge.firstRow + 1)")
            // libxlsxwriter pads the range with blank cells, which it keeps only when formatted.
            for row in merge.firstRow...(format == nil ? merge.firstRow : merge.lastRow) { rows.mark(row) }
        }
        for fill in sheet.conditionalFills {
            try WorkbookRenderer.addConditionalFill(fill, to: worksheet, formats: &formats, check: { try check($0, $1()) })
        }
        for chart in sheet.charts {
            try insert(chart, on: worksheet, in: workbook, check: check)
        }
        if let freeze = sheet.freeze {
            worksheet_freeze_panes(worksheet, lxw_row_t(freeze.row), lxw_col_t(freeze.column))
        }
        WorkbookRenderer.apply(sheet.print, repeatedRows: sheet.repeatedRows, to: worksheet)
        return rows
    }

    private func insert(_ chart: ChartLayout, on worksheet: UnsafeMutablePointer<lxw_worksheet>, in workbook: UnsafeMutablePointer<lxw_workbook>,
                        check: (lxw_error, @autoclosure () -> String) throws -> Void) throws {
        let type = chart.kind == .line ? LXW_CHART_LINE : LXW_CHART_COLUMN
        guard let object = workbook_add_chart(workbook, UInt8(type.rawValue)) else {
            throw RenderError(file: "", message: "libxlsxwriter could not create a chart")
        }
        for series in chart.series {
            let added = chart_add_series(object, nil, nil)!
            let c = chart.categories, v = series.values, n = series.name
            chart_series_set_categories(added, c.sheet, lxw_row_t(c.firstRow), lxw_col_t(c.firstColumn), lxw_row_t(c.lastRow), lxw_col_t(c.lastColumn))
            chart_series_set_values(added, v.sheet, lxw_row_t(v.firstRow), lxw_col_t(v.firstColumn), lxw_row_t(v.lastRow), lxw_col_t(v.lastColumn))
            chart_series_set_name_range(added, n.sheet, lxw_row_t(n.firstRow), lxw_col_t(n.firstColumn))
        }
        if let title = chart.title { chart_title_set_name(object, title) }
        if let x = chart.xAxis { chart_axis_set_name(object.pointee.x_axis, x) }
        if let y = chart.yAxis { chart_axis_set_name(object.pointee.y_axis, y) }
        chart_legend_set_position(object, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
        var options = lxw_chart_options()
        options.x_scale = 1.6
        options.y_scale = 1.3
        try check(worksheet_insert_chart_opt(worksheet, lxw_row_t(chart.anchor.row), lxw_col_t(chart.anchor.column), object, &options), "chart")
    }

    /// Sets the document title property.
    static func setTitle(_ title: String, of workbook: UnsafeMutablePointer<lxw_workbook>) {
        title.withCString { text in
            var properties = lxw_doc_properties()
            properties.title = UnsafeMutablePointer(mutating: text)
            _ = workbook_set_properties(workbook, &properties)
        }
    }

    /// Adds a "cell equals text" conditional fill.
    static func addConditionalFill(_ fill: ConditionalFill, to worksheet: UnsafeMutablePointer<lxw_worksheet>, formats: inout FormatCache,
                                   check: (lxw_error, () -> String) throws -> Void) throws {
        var rule = lxw_conditional_format()
        rule.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
        rule.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_EQUAL_TO.rawValue)
        rule.format = formats.conditionalFormat(fill: fill.fill, fontColour: fill.fontColour)
        let quoted = "\"" + fill.text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let result = quoted.withCString { text -> lxw_error in
            rule.value_string = UnsafeMutablePointer(mutating: text)
            return worksheet_conditional_format_range(worksheet, lxw_row_t(fill.range.firstRow), lxw_col_t(fill.range.firstColumn),
                                                      lxw_row_t(fill.range.lastRow), lxw_col_t(fill.range.lastColumn), &rule)
        }
        try check(result, { "conditional format" })
    }

    static func apply(_ print: PrintSetup, repeatedRows: ClosedRange<Int>?, to worksheet: UnsafeMutablePointer<lxw_worksheet>) {
        switch print.orientation {
        case .landscape: worksheet_set_landscape(worksheet)
        case .portrait: worksheet_set_portrait(worksheet)
        }
        switch print.paper {
        case .a4: worksheet_set_paper(worksheet, 9)
        case .a3: worksheet_set_paper(worksheet, 8)
        case .letter: worksheet_set_paper(worksheet, 1)
        }
        if print.fitWidth > 0 { worksheet_fit_to_pages(worksheet, UInt16(print.fitWidth), 0) }
        if let rows = repeatedRows { worksheet_repeat_rows(worksheet, lxw_row_t(rows.lowerBound), lxw_row_t(rows.upperBound)) }
        if let footer = print.footer { worksheet_set_footer(worksheet, SpreadsheetText.escaped(footer)) }
        if let header = print.header { worksheet_set_header(worksheet, SpreadsheetText.escaped(header)) }
    }
}

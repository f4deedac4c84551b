import AppendixDefinition
import AppendixLayout
import CXLSXWriter

/// Inserts a ``ChartLayout`` on a worksheet. In constant-memory mode libxlsxwriter leaves the
/// series' cached values empty (readers draw the chart from the cells); in memory mode it caches
/// what it holds (0 for formula cells).
package enum ChartWriter {
    package static func insert(_ chart: ChartLayout, on worksheet: UnsafeMutablePointer<lxw_worksheet>,
                       in workbook: UnsafeMutablePointer<lxw_workbook>) -> lxw_error {
        let type = chart.kind == .line ? LXW_CHART_LINE : LXW_CHART_COLUMN
        guard let object = workbook_add_chart(workbook, UInt8(type.rawValue)) else { return LXW_ERROR_MEMORY_MALLOC_FAILED }
        for series in chart.series {
            guard let added = chart_add_series(object, nil, nil) else { return LXW_ERROR_MEMORY_MALLOC_FAILED }
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
        return worksheet_insert_chart_opt(worksheet, lxw_row_t(chart.anchor.row), lxw_col_t(chart.anchor.column), object, &options)
    }
}

/// A sheet's print set-up: orientation, paper, fit to width, repeated rows, header and footer.
package enum PrintSettings {
    package static func apply(_ print: PrintSetup, repeatedRows: ClosedRange<Int>?, to worksheet: UnsafeMutablePointer<lxw_worksheet>) {
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

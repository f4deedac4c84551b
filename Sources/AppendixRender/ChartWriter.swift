import AppendixDefinition
import AppendixExpression
import AppendixLayout
import CAppendixSupport
import CXLSXWriter
import Glibc

/// Inserts a ``ChartLayout`` on a worksheet, with the cached name, values and category labels the
/// layout computed (CAppendixSupport's `appendix_chart_range_cache_…`), the same in both modes.
/// Left to itself libxlsxwriter 1.1.4 caches what it holds in memory mode (0 for a formula cell,
/// 0 for a formatted blank) and nothing in constant-memory mode; a range the layout gives no cache
/// for gets none in either mode.
package enum ChartWriter {
    package static func insert(_ chart: ChartLayout, on worksheet: UnsafeMutablePointer<lxw_worksheet>,
                               in workbook: UnsafeMutablePointer<lxw_workbook>) -> lxw_error {
        let type = chart.kind == .line ? LXW_CHART_LINE : LXW_CHART_COLUMN
        guard let object = workbook_add_chart(workbook, UInt8(type.rawValue)) else { return LXW_ERROR_MEMORY_MALLOC_FAILED }
        for series in chart.series {
            let result = add(series, categories: chart.categories, cachedCategories: chart.cachedCategories, to: object)
            guard result == LXW_NO_ERROR else { return result }
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

    /// One series: its ranges, then its caches.
    private static func add(_ series: ChartLayout.Series, categories c: RangeReference, cachedCategories: [String?]?,
                            to chart: UnsafeMutablePointer<lxw_chart>) -> lxw_error {
        guard let added = chart_add_series(chart, nil, nil) else { return LXW_ERROR_MEMORY_MALLOC_FAILED }
        let v = series.values, n = series.name
        chart_series_set_categories(added, c.sheet, lxw_row_t(c.firstRow), lxw_col_t(c.firstColumn), lxw_row_t(c.lastRow), lxw_col_t(c.lastColumn))
        chart_series_set_values(added, v.sheet, lxw_row_t(v.firstRow), lxw_col_t(v.firstColumn), lxw_row_t(v.lastRow), lxw_col_t(v.lastColumn))
        chart_series_set_name_range(added, n.sheet, lxw_row_t(n.firstRow), lxw_col_t(n.firstColumn))
        let results = [
            cache(texts: cachedCategories, in: added.pointee.categories),
            cache(numbers: series.cachedValues, in: added.pointee.values),
            cache(texts: series.cachedName.map { [$0] }, in: added.pointee.title.range),
        ]
        return results.first { $0 != LXW_NO_ERROR } ?? LXW_NO_ERROR
    }

    /// Sets `range`'s cached numbers (`nil`, a gap, goes to C as NaN); no cache when `numbers` is `nil`.
    private static func cache(numbers: [Double?]?, in range: UnsafeMutablePointer<lxw_series_range>) -> lxw_error {
        let numbers = (numbers ?? []).map { $0 ?? .nan }
        return lxw_error(UInt32(numbers.withUnsafeBufferPointer { appendix_chart_range_cache_numbers(range, $0.baseAddress, $0.count) }))
    }

    /// Sets `range`'s cached texts, escaped as cells' text is (``SpreadsheetText``); no cache when
    /// `texts` is `nil`.
    private static func cache(texts: [String?]?, in range: UnsafeMutablePointer<lxw_series_range>) -> lxw_error {
        let copies = (texts ?? []).map { $0.map { strdup(SpreadsheetText.escaped($0)) } }
        defer { copies.forEach { free($0 ?? nil) } }
        guard !copies.contains(where: { $0 == .some(nil) }) else { return LXW_ERROR_MEMORY_MALLOC_FAILED }
        let pointers = copies.map { UnsafePointer($0 ?? nil) }
        return lxw_error(UInt32(pointers.withUnsafeBufferPointer { appendix_chart_range_cache_texts(range, $0.baseAddress, $0.count) }))
    }
}

/// A sheet's print set-up: orientation, paper, scale or fit to width, repeated rows, header and footer.
package enum PrintSettings {
    package static func apply(_ print: PrintSetup, scale: Int, repeatedRows: ClosedRange<Int>?, to worksheet: UnsafeMutablePointer<lxw_worksheet>) {
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
        if scale != 100 { worksheet_set_print_scale(worksheet, UInt16(scale)) }
        if let rows = repeatedRows { worksheet_repeat_rows(worksheet, lxw_row_t(rows.lowerBound), lxw_row_t(rows.upperBound)) }
        if let footer = print.footer { worksheet_set_footer(worksheet, SpreadsheetText.escaped(footer)) }
        if let header = print.header { worksheet_set_header(worksheet, SpreadsheetText.escaped(header)) }
    }
}

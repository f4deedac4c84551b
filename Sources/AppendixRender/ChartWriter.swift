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
        guard let object = workbook_add_chart(workbook, UInt8(libraryType(chart.kind).rawValue)) else { return LXW_ERROR_MEMORY_MALLOC_FAILED }
        for series in chart.series {
            let result = add(series, categories: chart.categories, cachedCategories: chart.cachedCategories, to: object)
            guard result == LXW_NO_ERROR else { return result }
        }
        if let title = chart.title { chart_title_set_name(object, title) }
        if chart.kind != .pie { setAxes(chart, on: object) }
        setLegend(chart, on: object)
        // A chart draws the cells it names even in hidden columns (a range chart's spread is often
        // a hidden helper column); left at the default, LibreOffice and Excel draw nothing for them.
        chart_show_hidden_data(object)
        var options = lxw_chart_options()
        options.x_scale = chart.scale.x
        options.y_scale = chart.scale.y
        let description = chart.altText.map { strdup($0) } ?? nil
        defer { free(description) }
        options.description = description
        return worksheet_insert_chart_opt(worksheet, lxw_row_t(chart.anchor.row), lxw_col_t(chart.anchor.column), object, &options)
    }

    /// libxlsxwriter's chart type: a range chart is a stacked bar whose first series is not drawn.
    private static func libraryType(_ kind: SheetChart.Kind) -> lxw_chart_type {
        switch kind {
        case .column: LXW_CHART_COLUMN
        case .bar: LXW_CHART_BAR
        case .line: LXW_CHART_LINE
        case .pie: LXW_CHART_PIE
        case .range: LXW_CHART_BAR_STACKED
        }
    }

    /// Axis titles: `xAxis` on the category axis, `yAxis` on the value axis. In a bar chart
    /// libxlsxwriter's `x_axis` is the horizontal (value) axis and `y_axis` the category axis, whose
    /// order is reversed so the bars read down as the table's rows do, with the value axis kept at
    /// the bottom (crossing at the last category).
    private static func setAxes(_ chart: ChartLayout, on object: UnsafeMutablePointer<lxw_chart>) {
        let horizontal = chart.kind == .bar || chart.kind == .range
        let categoryAxis = horizontal ? object.pointee.y_axis : object.pointee.x_axis
        let valueAxis = horizontal ? object.pointee.x_axis : object.pointee.y_axis
        if let x = chart.xAxis { chart_axis_set_name(categoryAxis, x) }
        if let y = chart.yAxis { chart_axis_set_name(valueAxis, y) }
        if horizontal {
            chart_axis_set_reverse(categoryAxis)
            chart_axis_set_crossing_max(categoryAxis)
        }
    }

    /// The legend's position, or none; invisible series are left out of it.
    private static func setLegend(_ chart: ChartLayout, on object: UnsafeMutablePointer<lxw_chart>) {
        let position: lxw_chart_legend_position = switch chart.legend {
        case .bottom: LXW_CHART_LEGEND_BOTTOM
        case .top: LXW_CHART_LEGEND_TOP
        case .left: LXW_CHART_LEGEND_LEFT
        case .right: LXW_CHART_LEGEND_RIGHT
        case .none: LXW_CHART_LEGEND_NONE
        }
        chart_legend_set_position(object, UInt8(position.rawValue))
        var hidden = chart.series.indices.filter { chart.series[$0].invisible }.map { Int16($0) }
        guard !hidden.isEmpty, chart.legend != .none else { return }
        hidden.append(-1)  // the list's end (LXW_CHART_LEGEND_DELETE_SERIES_END is -1)
        _ = chart_legend_delete_series(object, &hidden)
    }

    /// One series: its ranges, then its caches.
    private static func add(_ series: ChartLayout.Series, categories c: RangeReference, cachedCategories: [String?]?,
                            to chart: UnsafeMutablePointer<lxw_chart>) -> lxw_error {
        guard let added = chart_add_series(chart, nil, nil) else { return LXW_ERROR_MEMORY_MALLOC_FAILED }
        let v = series.values, n = series.name
        chart_series_set_categories(added, c.sheet, lxw_row_t(c.firstRow), lxw_col_t(c.firstColumn), lxw_row_t(c.lastRow), lxw_col_t(c.lastColumn))
        chart_series_set_values(added, v.sheet, lxw_row_t(v.firstRow), lxw_col_t(v.firstColumn), lxw_row_t(v.lastRow), lxw_col_t(v.lastColumn))
        chart_series_set_name_range(added, n.sheet, lxw_row_t(n.firstRow), lxw_col_t(n.firstColumn))
        if series.invisible {
            var noFill = lxw_chart_fill()
            noFill.none = UInt8(LXW_TRUE.rawValue)
            var noLine = lxw_chart_line()
            noLine.none = UInt8(LXW_TRUE.rawValue)
            chart_series_set_fill(added, &noFill)
            chart_series_set_line(added, &noLine)
        }
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
    /// - Returns: libxlsxwriter's result of setting the header (an image it cannot read fails here).
    package static func apply(_ print: PrintSetup, scale: Int, repeatedRows: ClosedRange<Int>?, to worksheet: UnsafeMutablePointer<lxw_worksheet>) -> lxw_error {
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
        if let margins = print.margins { worksheet_set_margins(worksheet, margins.left, margins.right, margins.top, margins.bottom) }
        if let footer = print.footer { worksheet_set_footer(worksheet, SpreadsheetText.escaped(footer)) }
        guard let header = print.header else { return LXW_NO_ERROR }
        guard let image = print.headerImage else { return worksheet_set_header(worksheet, SpreadsheetText.escaped(header)) }
        return image.file.withCString { file in
            var options = lxw_header_footer_options()
            let path = UnsafeMutablePointer(mutating: file)
            switch image.section {
            case .left: options.image_left = path
            case .center: options.image_center = path
            case .right: options.image_right = path
            }
            return worksheet_set_header_opt(worksheet, SpreadsheetText.escaped(header), &options)
        }
    }
}

#include <xlsxwriter.h>
int main(void) {
    lxw_workbook *wb = workbook_new("probe.xlsx");
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Fees");
    const char *names[] = {"Birth cert", "Marriage", "Citizenship", "Nationality", "Civil partnership"};
    double lo[] = {10, 40, 60, 50, 35}, hi[] = {15, 70, 95, 80, 60}, fee[] = {11, 46, 80, 0, 52};
    worksheet_write_string(ws, 0, 0, "Fee", NULL); worksheet_write_string(ws, 0, 1, "Min", NULL);
    worksheet_write_string(ws, 0, 2, "Proposed", NULL); worksheet_write_string(ws, 0, 3, "Max", NULL);
    for (int i = 0; i < 5; i++) {
        worksheet_write_string(ws, i+1, 0, names[i], NULL);
        worksheet_write_number(ws, i+1, 1, lo[i], NULL);
        if (i != 3) worksheet_write_number(ws, i+1, 2, fee[i], NULL);
        worksheet_write_number(ws, i+1, 3, hi[i], NULL);
    }
    /* (a) line chart, up-down bars between first and last series, middle = marker only */
    lxw_chart *c = workbook_add_chart(wb, LXW_CHART_LINE);
    lxw_chart_line none = {.none = LXW_TRUE};
    for (int col = 1; col <= 3; col++) {
        lxw_chart_series *s = chart_add_series(c, NULL, NULL);
        chart_series_set_categories(s, "Fees", 1, 0, 5, 0);
        chart_series_set_values(s, "Fees", 1, col, 5, col);
        chart_series_set_name_range(s, "Fees", 0, col);
        chart_series_set_line(s, &none);
        if (col == 2) { chart_series_set_marker_type(s, LXW_CHART_MARKER_DIAMOND); chart_series_set_marker_size(s, 9); }
        else chart_series_set_marker_type(s, LXW_CHART_MARKER_NONE);
    }
    lxw_chart_fill upfill = {.color = 0x9DC3E6};
    lxw_chart_line border = {.color = 0x2E75B6};
    chart_set_up_down_bars_format(c, &border, &upfill, &border, &upfill);
    chart_title_set_name(c, "Benchmark range (a) up-down bars");
    chart_legend_set_position(c, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options o = {.description = "Benchmark range per fee with the proposed fee"};
    worksheet_insert_chart_opt(ws, 7, 0, c, &o);
    /* (b) high-low lines wide */
    lxw_chart *d = workbook_add_chart(wb, LXW_CHART_LINE);
    for (int col = 1; col <= 3; col++) {
        lxw_chart_series *s = chart_add_series(d, NULL, NULL);
        chart_series_set_categories(s, "Fees", 1, 0, 5, 0);
        chart_series_set_values(s, "Fees", 1, col, 5, col);
        chart_series_set_name_range(s, "Fees", 0, col);
        chart_series_set_line(s, &none);
        if (col == 2) { chart_series_set_marker_type(s, LXW_CHART_MARKER_DIAMOND); chart_series_set_marker_size(s, 9); }
        else chart_series_set_marker_type(s, LXW_CHART_MARKER_NONE);
    }
    lxw_chart_line hl = {.color = 0x9DC3E6, .width = 14};
    chart_set_high_low_lines(d, &hl);
    chart_title_set_name(d, "Benchmark range (b) high-low lines");
    worksheet_insert_chart(ws, 7, 9, d);
    /* (c) stacked bar */
    lxw_chart *e = workbook_add_chart(wb, LXW_CHART_BAR_STACKED);
    for (int col = 1; col <= 3; col+=2) {
        lxw_chart_series *s = chart_add_series(e, NULL, NULL);
        chart_series_set_categories(s, "Fees", 1, 0, 5, 0);
        chart_series_set_values(s, "Fees", 1, col, 5, col);
        if (col == 1) { lxw_chart_fill nf = {.none = LXW_TRUE}; chart_series_set_fill(s, &nf); chart_series_set_line(s, &none);}
    }
    worksheet_insert_chart(ws, 24, 0, e);
    return workbook_close(wb);
}

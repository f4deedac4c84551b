/* What libxlsxwriter 1.1.4 writes for the features of `editable:` and its sheet keys, in memory
 * mode and in constant_memory mode: sheet protection with unlocked cells, data validation,
 * autofilter, hyperlinks (count limit, schemes, length), comments, data bars, icon sets,
 * cell-value highlights, formula highlights and defined names.
 * Build: gcc editable-features.c $(pkg-config --cflags --libs xlsxwriter) -o probe
 * Run:   ./probe out.xlsx 0|1   (1 = constant_memory); then unzip -p out.xlsx xl/worksheets/sheet1.xml */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "xlsxwriter.h"

static void report(const char *what, lxw_error error) {
    printf("%-44s %d %s\n", what, error, lxw_strerror(error));
}

int main(int argc, char **argv) {
    lxw_workbook_options options = {.constant_memory = argc > 2 && atoi(argv[2]) == 1};
    lxw_workbook *workbook = workbook_new_opt(argc > 1 ? argv[1] : "probe.xlsx", &options);
    lxw_worksheet *sheet = workbook_add_worksheet(workbook, "Fees");
    lxw_format *unlocked = workbook_add_format(workbook);
    format_set_unlocked(unlocked);

    worksheet_write_string(sheet, 0, 0, "Fee", NULL);
    worksheet_write_string(sheet, 0, 1, "Proposed", NULL);
    worksheet_write_string(sheet, 0, 2, "Change", NULL);
    worksheet_write_string(sheet, 0, 3, "Link", NULL);
    for (int row = 1; row <= 3; row++) {
        worksheet_write_number(sheet, row, 0, 10 * row, NULL);
        worksheet_write_number(sheet, row, 1, 11 * row, unlocked);
        char formula[32];
        snprintf(formula, sizeof formula, "=B%d-A%d", row + 1, row + 1);
        worksheet_write_formula_num(sheet, row, 2, formula, NULL, row);
    }
    report("url https", worksheet_write_url(sheet, 1, 3, "https://example.gov.uk/fees?id=1&x=\"y\"", NULL));
    report("url mailto", worksheet_write_url_opt(sheet, 2, 3, "mailto:fees@example.gov.uk", NULL, "Email", "tip"));
    report("url javascript:", worksheet_write_url(sheet, 3, 3, "javascript:alert(1)", NULL));
    char long_url[2200];
    memset(long_url, 'a', sizeof long_url - 1);
    memcpy(long_url, "https://", 8);
    long_url[2079] = '\0';
    report("url 2079 chars", worksheet_write_url(sheet, 4, 3, long_url, NULL));
    long_url[2079] = 'a';
    long_url[2080] = '\0';
    report("url 2080 chars", worksheet_write_url(sheet, 5, 3, long_url, NULL));
    report("comment", worksheet_write_comment(sheet, 1, 0, "A note & <tag>"));

    lxw_data_validation list = {.validate = LXW_VALIDATION_TYPE_LIST, .value_list = (const char *[]){"Yes", "No", NULL},
                                .input_title = "Proposed fee", .input_message = "Type the fee", .error_title = "Not allowed",
                                .error_message = "Between 0 and 5000"};
    report("validation list", worksheet_data_validation_range(sheet, 1, 4, 3, 4, &list));
    lxw_data_validation range = {.validate = LXW_VALIDATION_TYPE_DECIMAL, .criteria = LXW_VALIDATION_CRITERIA_BETWEEN,
                                 .minimum_number = 0, .maximum_number = 5000};
    report("validation decimal", worksheet_data_validation_range(sheet, 1, 1, 3, 1, &range));
    lxw_data_validation source = {.validate = LXW_VALIDATION_TYPE_LIST_FORMULA, .value_formula = "=Fees!$A$2:$A$4"};
    report("validation list formula", worksheet_data_validation_range(sheet, 1, 5, 3, 5, &source));
    char title33[] = "123456789012345678901234567890123";
    lxw_data_validation long_title = {.validate = LXW_VALIDATION_TYPE_ANY, .input_title = title33};
    report("validation 33-char input title", worksheet_data_validation_cell(sheet, 1, 6, &long_title));

    report("autofilter", worksheet_autofilter(sheet, 0, 0, 3, 3));
    lxw_conditional_format bar = {.type = LXW_CONDITIONAL_DATA_BAR, .bar_color = 0x638EC6};
    report("data bar", worksheet_conditional_format_range(sheet, 1, 1, 3, 1, &bar));
    lxw_conditional_format icons = {.type = LXW_CONDITIONAL_TYPE_ICON_SETS, .icon_style = LXW_CONDITIONAL_ICONS_3_ARROWS_COLORED};
    report("icon set", worksheet_conditional_format_range(sheet, 1, 2, 3, 2, &icons));
    lxw_format *red = workbook_add_format(workbook);
    format_set_bg_color(red, 0xFFC7CE);
    lxw_conditional_format above = {.type = LXW_CONDITIONAL_TYPE_CELL, .criteria = LXW_CONDITIONAL_CRITERIA_GREATER_THAN,
                                    .value = 0.1, .format = red};
    report("cell > 0.1", worksheet_conditional_format_range(sheet, 1, 2, 3, 2, &above));
    lxw_conditional_format outside = {.type = LXW_CONDITIONAL_TYPE_FORMULA, .value_string = "=OR(B2<A2,B2>C2)", .format = red};
    report("formula rule", worksheet_conditional_format_range(sheet, 1, 1, 3, 1, &outside));
    report("define name", workbook_define_name(workbook, "ProposedFees", "=Fees!$B$2:$B$4"));
    report("define name A1 (cell-like)", workbook_define_name(workbook, "A1", "=Fees!$B$2:$B$4"));
    report("define name twice", workbook_define_name(workbook, "ProposedFees", "=Fees!$B$2:$B$4"));
    worksheet_protect(sheet, NULL, NULL);
    /* After protection: a write to a row above the last one in constant_memory mode is dropped. */
    report("write row 1 after row 3", worksheet_write_string(sheet, 1, 7, "late", NULL));
    /* 65,530 links per sheet. */
    lxw_worksheet *links = workbook_add_worksheet(workbook, "Links");
    lxw_error last = LXW_NO_ERROR;
    int row = 0;
    for (; row < 65531 && last == LXW_NO_ERROR; row++) last = worksheet_write_url(links, row, 0, "https://example.gov.uk/", NULL);
    printf("links written before error: %d\n", row - 1);
    report("link 65,531", last);
    report("close", workbook_close(workbook));
    return 0;
}

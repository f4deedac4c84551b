/* In constant_memory mode, when must an autofilter, a hyperlink and a comment be written?
 * Build: gcc streaming-order.c $(pkg-config --cflags --libs xlsxwriter) -o order; ./order out.xlsx */
#include <stdio.h>
#include "xlsxwriter.h"

int main(int argc, char **argv) {
    lxw_workbook_options options = {.constant_memory = 1};
    lxw_workbook *workbook = workbook_new_opt(argc > 1 ? argv[1] : "order.xlsx", &options);
    lxw_worksheet *sheet = workbook_add_worksheet(workbook, "Fees");
    printf("autofilter before any row (rows 0-3): %d\n", worksheet_autofilter(sheet, 0, 0, 3, 1));
    for (int row = 0; row < 4; row++) {
        worksheet_write_number(sheet, row, 0, row, NULL);
        printf("row %d: url %d, comment %d\n", row, worksheet_write_url(sheet, row, 1, "https://example.gov.uk/", NULL),
               worksheet_write_comment(sheet, row, 0, "note"));
    }
    printf("autofilter after the last row, header row 0: %d\n", worksheet_autofilter(sheet, 0, 0, 3, 1));
    printf("autofilter after the last row, starting on row 3: %d\n", worksheet_autofilter(sheet, 3, 0, 3, 1));
    printf("close: %d\n", workbook_close(workbook));
    return 0;
}

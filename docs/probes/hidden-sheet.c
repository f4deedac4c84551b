// libxlsxwriter 1.1.4: which sheet state worksheet_hide() writes, in memory and constant_memory
// mode, and whether setting the struct's `hidden` to 2 gives veryHidden (it does not).
// gcc hidden-sheet.c -o hidden-sheet -lxlsxwriter; ./hidden-sheet m.xlsx; ./hidden-sheet c.xlsx 1; ./hidden-sheet v.xlsx 1 2
// then: unzip -p m.xlsx xl/workbook.xml | grep -o "<sheets>.*</sheets>"
#include <xlsxwriter.h>
int main(int argc, char **argv) {
    lxw_workbook_options o = {.constant_memory = argc > 2};
    lxw_workbook *wb = workbook_new_opt(argv[1], &o);
    lxw_worksheet *a = workbook_add_worksheet(wb, "Fees");
    lxw_worksheet *b = workbook_add_worksheet(wb, "Keys");
    worksheet_write_string(a, 0, 0, "x", NULL);
    worksheet_write_string(b, 0, 0, "k", NULL);
    worksheet_hide(b);
    if (argc > 3) b->hidden = 2;
    return workbook_close(wb);
}

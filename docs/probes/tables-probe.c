/* Probe: worksheet_add_table in memory and constant_memory mode; cells written before the
   table keep their values and formats; header_format kept. Build: gcc tables-probe.c $(pkg-config --cflags --libs xlsxwriter) */
#include <stdio.h>
#include <string.h>
#include "xlsxwriter.h"
static int run(const char *file, int constant) {
    lxw_workbook_options o = {.constant_memory = constant, .tmpdir = NULL};
    lxw_workbook *wb = workbook_new_opt(file, &o);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Data");
    lxw_format *bold = workbook_add_format(wb); format_set_bold(bold);
    worksheet_write_string(ws, 0, 0, "Title", NULL);
    worksheet_write_string(ws, 1, 0, "Name", bold);
    worksheet_write_string(ws, 1, 1, "Amount", bold);
    worksheet_write_string(ws, 2, 0, "a", NULL); worksheet_write_number(ws, 2, 1, 5, NULL);
    worksheet_write_string(ws, 3, 0, "b", NULL); worksheet_write_formula_num(ws, 3, 1, "=B3*2", NULL, 10);
    lxw_table_column c1 = {.header = "Name", .header_format = bold}, c2 = {.header = "Amount", .header_format = bold};
    lxw_table_column *cols[] = {&c1, &c2, NULL};
    lxw_table_options t = {.columns = cols};
    lxw_error e = worksheet_add_table(ws, 1, 0, 3, 1, &t);
    printf("%s constant_memory=%d: worksheet_add_table -> %d (%s)\n", file, constant, e, lxw_strerror(e));
    return workbook_close(wb);
}
/* A table column formula (lxw_table_column.formula): what value does the cell cache? */
static int column_formula(void) {
    lxw_workbook *wb = workbook_new("column-formula.xlsx");
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Data");
    worksheet_write_number(ws, 1, 0, 5, NULL); worksheet_write_number(ws, 2, 0, 7, NULL);
    lxw_table_column c1 = {.header = "Amount"}, c2 = {.header = "Doubled", .formula = "=[@Amount]*2"};
    lxw_table_column *cols[] = {&c1, &c2, NULL};
    lxw_table_options t = {.columns = cols};
    printf("column formula: worksheet_add_table -> %d\n", worksheet_add_table(ws, 0, 0, 2, 1, &t));
    return workbook_close(wb);
}
int main(void) { run("memory.xlsx", 0); run("constant.xlsx", 1); column_formula(); return 0; }

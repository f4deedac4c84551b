#include <xlsxwriter.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
int main(int argc, char **argv) { setvbuf(stdout, NULL, _IONBF, 0);
    int cm = atoi(argv[1]), runs = atoi(argv[2]), runlen = atoi(argv[3]);
    lxw_workbook_options o = {.constant_memory = cm};
    lxw_workbook *wb = workbook_new_opt("/tmp/richprobe/s.xlsx", &o);
    lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
    lxw_format *bold = workbook_add_format(wb); format_set_bold(bold);
    lxw_rich_string_tuple **arr = calloc(runs + 1, sizeof(void*));
    for (int i = 0; i < runs; i++) {
        lxw_rich_string_tuple *t = malloc(sizeof *t);
        t->format = (i % 2) ? bold : NULL;
        t->string = malloc(runlen + 1); memset(t->string, 'a', runlen); t->string[runlen] = 0;
        arr[i] = t;
    }
    printf("mode %d runs %d len %d: err %d\n", cm, runs, runlen, worksheet_write_rich_string(ws, 0, 0, arr, NULL));
    printf("close %d\n", workbook_close(wb));
}

#include <xlsxwriter.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <time.h>
static int try(lxw_worksheet *ws, lxw_format *bold, int row, int runs, int runlen) {
    lxw_rich_string_tuple **arr = calloc(runs + 1, sizeof(void*));
    for (int i = 0; i < runs; i++) {
        lxw_rich_string_tuple *t = malloc(sizeof *t);
        t->format = (i % 2) ? bold : NULL;
        t->string = malloc(runlen + 1); memset(t->string, 'a', runlen); t->string[runlen] = 0;
        arr[i] = t;
    }
    return worksheet_write_rich_string(ws, row, 0, arr, NULL);
}
int main(int argc, char **argv) { setvbuf(stdout, NULL, _IONBF, 0);
    int cm = atoi(argv[1]);
    lxw_workbook_options o = {.constant_memory = cm};
    lxw_workbook *wb = workbook_new_opt(cm ? "/tmp/richprobe/r1.xlsx" : "/tmp/richprobe/r0.xlsx", &o);
    lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
    lxw_format *bold = workbook_add_format(wb); format_set_bold(bold);
    int runsList[] = {100, 250, 276, 277, 300, 1000};
    for (int k = 0; k < 6; k++) {
        clock_t c = clock(); int e = try(ws, bold, k, runsList[k], 1); double t = (double)(clock() - c) / CLOCKS_PER_SEC;
        printf("mode %d: %d one-char runs: err %d, %.4f s\n", cm, runsList[k], e, t);
    }
    printf(" 2 runs 16316: %d, 16317: %d\n", try(ws, bold, 10, 2, 16316), try(ws, bold, 11, 2, 16317));
    printf("close %d\n", workbook_close(wb));
}

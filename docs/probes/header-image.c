/* Probe (issue #17): a header image with worksheet_set_header_opt, in memory mode and in
 * constant_memory mode, set after the sheet's rows (as Appendix's writer does).
 * Build: gcc header-image.c $(pkg-config --cflags --libs xlsxwriter) -o header-image
 * Run:   ./header-image LOGO.png memory|constant CASE OUT.xlsx ; then list the package parts.
 * CASE:  image (one header with the image), missing (the image file does not exist),
 *        nocode (an image but no &G in the header), twice (an image header, then a missing one). */
#include <stdio.h>
#include <string.h>
#include "xlsxwriter.h"

static void report(const char *what, lxw_error result) {
    printf("%s: %d (%s)\n", what, result, lxw_strerror(result));
    fflush(stdout);
}

int main(int argc, char **argv) {
    if (argc != 5) { fprintf(stderr, "usage: %s LOGO memory|constant CASE OUT.xlsx\n", argv[0]); return 2; }
    lxw_workbook_options options = {.constant_memory = strcmp(argv[2], "constant") == 0 ? LXW_TRUE : LXW_FALSE};
    lxw_workbook *workbook = workbook_new_opt(argv[4], &options);
    lxw_worksheet *worksheet = workbook_add_worksheet(workbook, NULL);
    for (int row = 0; row < 100; row++) worksheet_write_number(worksheet, row, 0, row, NULL);
    lxw_header_footer_options image = {.image_left = argv[1]};
    lxw_header_footer_options missing = {.image_left = "no-such-file.png"};
    const char *which = argv[3];
    if (strcmp(which, "image") == 0 || strcmp(which, "twice") == 0)
        report("header with image", worksheet_set_header_opt(worksheet, "&L&G&RReport", &image));
    if (strcmp(which, "missing") == 0 || strcmp(which, "twice") == 0)
        report("header with a missing image", worksheet_set_header_opt(worksheet, "&L&G", &missing));
    if (strcmp(which, "nocode") == 0)
        report("header with an image but no &G", worksheet_set_header_opt(worksheet, "&LNo picture", &image));
    report("close", workbook_close(workbook));
    return 0;
}

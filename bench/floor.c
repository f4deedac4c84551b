/*
 * floor.c — the floor for this stack: libcsv + libxlsxwriter, hand-written, streaming.
 *
 *   cc -O2 floor.c -o floor $(pkg-config --cflags --libs xlsxwriter) -lcsv
 *   ./floor IN.csv OUT.xlsx
 *
 * Reads the bench CSV (bench/generate.py: id,date,ward,category,description,amount,budget,count)
 * with libcsv in 64 KiB chunks and writes the same workbook Appendix writes for the bench
 * template: a header row, the 8 columns (amount and budget parsed from money text, count as a
 * number, the rest as text) and two computed columns written as formulas with cached values:
 *
 *   variance  IF(COUNT(F2,G2)<2,"N/A",F2-G2)                     money
 *   share     IFERROR(IF(COUNT(F2,G2)<2,"N/A",F2/G2),"N/A")      percent
 *
 * Formats match Appendix's styles (bordered, top-aligned body cells; numeric columns right
 * aligned; a bold, shaded, centred header). libxlsxwriter runs in constant_memory mode, so each
 * row is flushed as soon as the next one starts: memory does not grow with the file.
 */
#include <csv.h>
#include <xlsxwriter.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK (64 * 1024)
#define NCOLS 8
#define COL_AMOUNT 5
#define COL_BUDGET 6
#define COL_COUNT 7

struct state {
    lxw_worksheet *sheet;
    lxw_format *header, *text, *money, *percent;
    lxw_row_t row;        /* current worksheet row (0 = header) */
    int col;              /* current field within the record */
    int amount_ok, budget_ok;
    double amount, budget;
    long rows_written;
    int failed;
};

/* Money text as Appendix's FinanceNumber reads it: optional "(" ... ")" for negative, optional
 * sign, optional £ / $ / €, thousands separators, decimals. Returns 1 and sets *out on success.
 * "-" alone is zero (the `money` field type). Empty text is "missing". */
static int parse_money(const char *s, size_t n, double *out)
{
    char buf[64];
    size_t k = 0, i = 0;
    int negative = 0, bracketed = 0;
    while (i < n && s[i] == ' ') i++;
    while (n > i && s[n - 1] == ' ') n--;
    if (i == n) return 0;
    if (n - i == 1 && s[i] == '-') { *out = 0; return 1; }
    if (s[i] == '(') { bracketed = 1; i++; }
    if (bracketed) {
        if (s[n - 1] != ')') return 0;
        n--;
    }
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA3) { i++; continue; } /* £ */
        if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x82 && (unsigned char)s[i + 2] == 0xAC) { i += 2; continue; } /* € */
        if (c == '$' || c == ',' || c == ' ') continue;
        if (c == '-' && k == 0) { negative = !negative; continue; }
        if (c == '+' && k == 0) continue;
        if (k + 1 >= sizeof buf) return 0;
        buf[k++] = (char)c;
    }
    if (k == 0) return 0;
    buf[k] = 0;
    char *end;
    double v = strtod(buf, &end);
    if (*end != 0) return 0;
    if (bracketed) negative = !negative;
    *out = negative ? -v : v;
    return 1;
}

static void check(struct state *st, lxw_error e)
{
    if (e != LXW_NO_ERROR && !st->failed) {
        fprintf(stderr, "floor: row %u: %s\n", (unsigned)st->row + 1, lxw_strerror(e));
        st->failed = 1;
    }
}

static void on_field(void *data, size_t len, void *ctx)
{
    struct state *st = ctx;
    const char *s = data ? data : "";   /* CSV_APPEND_NULL: NUL-terminated */
    int col = st->col++;
    if (col >= NCOLS) return;
    if (st->row == 0) {
        check(st, worksheet_write_string(st->sheet, 0, (lxw_col_t)col, s, st->header));
        return;
    }
    double v;
    switch (col) {
    case COL_AMOUNT:
    case COL_BUDGET: {
        int ok = parse_money(s, len, &v);
        if (col == COL_AMOUNT) { st->amount_ok = ok; st->amount = v; }
        else { st->budget_ok = ok; st->budget = v; }
        if (ok) check(st, worksheet_write_number(st->sheet, st->row, (lxw_col_t)col, v, st->money));
        else if (len) check(st, worksheet_write_string(st->sheet, st->row, (lxw_col_t)col, s, st->money));
        else check(st, worksheet_write_blank(st->sheet, st->row, (lxw_col_t)col, st->money));
        break;
    }
    case COL_COUNT: /* the text format: a second format with the same properties is a duplicate,
                       which libxlsxwriter hashes again on every write (it was 2.5 % of this
                       program's instructions, callgrind at 10,000 rows) */
        if (parse_money(s, len, &v)) check(st, worksheet_write_number(st->sheet, st->row, (lxw_col_t)col, v, st->text));
        else check(st, worksheet_write_string(st->sheet, st->row, (lxw_col_t)col, s, st->text));
        break;
    default:
        if (len) check(st, worksheet_write_string(st->sheet, st->row, (lxw_col_t)col, s, st->text));
        else check(st, worksheet_write_blank(st->sheet, st->row, (lxw_col_t)col, st->text));
    }
}

static void on_record(int terminator, void *ctx)
{
    (void)terminator;
    struct state *st = ctx;
    if (st->col == 0) return;
    if (st->row == 0) {
        check(st, worksheet_write_string(st->sheet, 0, 8, "variance", st->header));
        check(st, worksheet_write_string(st->sheet, 0, 9, "share", st->header));
    } else {
        char f[128];
        unsigned r = (unsigned)st->row + 1;
        int both = st->amount_ok && st->budget_ok;
        snprintf(f, sizeof f, "=IF(COUNT(F%u,G%u)<2,\"N/A\",F%u-G%u)", r, r, r, r);
        if (both) check(st, worksheet_write_formula_num(st->sheet, st->row, 8, f, st->money, st->amount - st->budget));
        else check(st, worksheet_write_formula_str(st->sheet, st->row, 8, f, st->money, "N/A"));
        snprintf(f, sizeof f, "=IFERROR(IF(COUNT(F%u,G%u)<2,\"N/A\",F%u/G%u),\"N/A\")", r, r, r, r);
        if (both && st->budget != 0) check(st, worksheet_write_formula_num(st->sheet, st->row, 9, f, st->percent, st->amount / st->budget));
        else check(st, worksheet_write_formula_str(st->sheet, st->row, 9, f, st->percent, "N/A"));
        st->rows_written++;
    }
    st->row++;
    st->col = 0;
    st->amount_ok = st->budget_ok = 0;
}

static lxw_format *body_format(lxw_workbook *wb, const char *num_format, int right)
{
    lxw_format *f = workbook_add_format(wb);
    if (num_format) format_set_num_format(f, num_format);
    if (right) format_set_align(f, LXW_ALIGN_RIGHT);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(f, LXW_BORDER_THIN);
    return f;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s IN.csv OUT.xlsx\n", argv[0]);
        return 2;
    }
    FILE *in = fopen(argv[1], "rb");
    if (!in) { fprintf(stderr, "floor: %s: %s\n", argv[1], strerror(errno)); return 1; }

    lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = NULL };
    lxw_workbook *wb = workbook_new_opt(argv[2], &options);
    if (!wb) { fprintf(stderr, "floor: cannot create %s\n", argv[2]); return 1; }

    struct state st = { 0 };
    st.sheet = workbook_add_worksheet(wb, "Data");
    st.header = workbook_add_format(wb);
    format_set_bold(st.header);
    format_set_text_wrap(st.header);
    format_set_align(st.header, LXW_ALIGN_CENTER);
    format_set_align(st.header, LXW_ALIGN_VERTICAL_CENTER);
    format_set_border(st.header, LXW_BORDER_THIN);
    format_set_pattern(st.header, LXW_PATTERN_SOLID);
    format_set_bg_color(st.header, 0xD9E1F2);
    st.text = body_format(wb, NULL, 0);
    st.money = body_format(wb, "\xC2\xA3#,##0.00", 1);
    st.percent = body_format(wb, "0.00%", 1);

    /* Fixed widths (Appendix sizes columns from the first 1000 rows; the cost is the same). */
    static const double widths[10] = { 10, 11, 20, 20, 45, 12, 12, 8, 12, 10 };
    for (int c = 0; c < 10; c++) worksheet_set_column(st.sheet, c, c, widths[c], NULL);
    worksheet_set_portrait(st.sheet);
    worksheet_set_paper(st.sheet, 9);
    worksheet_repeat_rows(st.sheet, 0, 0);
    worksheet_set_footer(st.sheet, "&CPage &P of &N");

    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        fprintf(stderr, "floor: csv_init failed\n");
        return 1;
    }
    static char buf[CHUNK];
    size_t n;
    int first = 1;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
        char *b = buf;
        if (first && n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0) { b += 3; n -= 3; }
        first = 0;
        if (csv_parse(&p, b, n, on_field, on_record, &st) != n) {
            fprintf(stderr, "floor: %s: %s\n", argv[1], csv_strerror(csv_error(&p)));
            return 1;
        }
        if (st.failed) return 1;
    }
    if (csv_fini(&p, on_field, on_record, &st) != 0) {
        fprintf(stderr, "floor: %s: unterminated quoted field\n", argv[1]);
        return 1;
    }
    csv_free(&p);
    fclose(in);

    lxw_error e = workbook_close(wb);
    if (e != LXW_NO_ERROR) { fprintf(stderr, "floor: %s: %s\n", argv[2], lxw_strerror(e)); return 1; }
    if (st.failed) return 1;
    printf("wrote %s: Data (%ld rows); %ld formulas\n", argv[2], st.rows_written, 2 * st.rows_written);
    return 0;
}

#!/usr/bin/env python3
"""openpyxl (write_only) equivalent of bench/floor.c.

    python bench/openpyxl_bench.py IN.csv OUT.xlsx

Streams the CSV and appends rows to a write-only worksheet, with the same columns, formats and
formulas as the others. openpyxl cannot store a formula's cached value, so the two computed
columns are formulas only (a reader that does not recalculate sees no value in them).
"""
import csv
import sys

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

from money import parse_money  # bench/money.py, beside this script


def main():
    source, target = sys.argv[1], sys.argv[2]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Data")
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    styles = {
        "header": NamedStyle("header", font=Font(bold=True), border=box,
                             fill=PatternFill("solid", fgColor="D9E1F2"),
                             alignment=Alignment(horizontal="center", vertical="center", wrap_text=True)),
        "text": NamedStyle("text", border=box, alignment=Alignment(vertical="top")),
        "money": NamedStyle("money", border=box, number_format="£#,##0.00",
                            alignment=Alignment(horizontal="right", vertical="top")),
        "percent": NamedStyle("percent", border=box, number_format="0.00%",
                              alignment=Alignment(horizontal="right", vertical="top")),
    }
    for style in styles.values():
        workbook.add_named_style(style)
    for col, width in enumerate([10, 11, 20, 20, 45, 12, 12, 8, 12, 10]):
        sheet.column_dimensions[chr(ord("A") + col)].width = width
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.paperSize = 9
    sheet.print_title_rows = "1:1"
    sheet.oddFooter.center.text = "Page &P of &N"

    def cell(value, style):
        c = WriteOnlyCell(sheet, value=value)
        c.style = style
        return c

    rows = 0
    with open(source, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        names = next(reader)
        sheet.append([cell(name, "header") for name in names + ["variance", "share"]])
        for r, record in enumerate(reader, start=2):
            if not record:
                continue
            row = [cell(record[col] or None, "text") for col in (0, 1, 2, 3, 4)]
            for col, style in ((5, "money"), (6, "money"), (7, "text")):
                value = parse_money(record[col])
                row.append(cell(record[col] if value is None else value, style))
            row.append(cell(f'=IF(COUNT(F{r},G{r})<2,"N/A",F{r}-G{r})', "money"))
            row.append(cell(f'=IFERROR(IF(COUNT(F{r},G{r})<2,"N/A",F{r}/G{r}),"N/A")', "percent"))
            sheet.append(row)
            rows += 1
    workbook.save(target)
    print(f"wrote {target}: Data ({rows} rows); {2 * rows} formulas")


if __name__ == "__main__":
    main()

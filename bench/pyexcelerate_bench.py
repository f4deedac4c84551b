#!/usr/bin/env python3
"""PyExcelerate equivalent of bench/floor.c.

    python bench/pyexcelerate_bench.py IN.csv OUT.xlsx

Reads the CSV into a list of rows (PyExcelerate holds the whole sheet in memory and writes it
at `save`), with the same columns, formats and widths as the others. Styles are set per column
(PyExcelerate writes a column's style on each of its cells) and on the header row. What it
cannot do, measured with 0.13.0:
- no cached formula values (a formula cell is `<f>` with no `<v>`);
- a formula's text is written into the XML unescaped, so a `<` in it breaks the workbook:
  the formulas below are given with `&lt;` already escaped;
- any text starting with `=` becomes a formula, so the text columns are forced to strings
  (`data_type`), or a CSV field could become one;
- no page setup (paper size, repeated header row, footer).
"""
import csv
import sys

from pyexcelerate import Alignment, Color, Fill, Font, Format, Style, Workbook
from pyexcelerate.Border import Border
from pyexcelerate.Borders import Borders
from pyexcelerate.DataTypes import DataTypes

from money import parse_money  # bench/money.py, beside this script

WIDTHS = [10, 11, 20, 20, 45, 12, 12, 8, 12, 10]


def box():
    """One thin border on each side (a Borders object per style gave borderId 2 of 2 borders)."""
    thin = Border()
    return Borders(left=thin, right=thin, top=thin, bottom=thin)


BOX = box()


def column_styles():
    text = dict(alignment=Alignment(vertical="top"), data_type=DataTypes.INLINE_STRING)
    money = dict(format=Format("£#,##0.00"), alignment=Alignment(horizontal="right", vertical="top"))
    percent = dict(format=Format("0.00%"), alignment=Alignment(horizontal="right", vertical="top"))
    number = dict(alignment=Alignment(vertical="top"))
    kinds = [text] * 5 + [money, money, number, money, percent]
    return [Style(borders=BOX, size=width, **kind) for kind, width in zip(kinds, WIDTHS)]


def header_style():
    return Style(font=Font(bold=True), fill=Fill(background=Color(0xD9, 0xE1, 0xF2)), borders=BOX,
                 alignment=Alignment(horizontal="center", vertical="center", wrap_text=True))


def read_rows(source):
    with open(source, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        names = next(reader)
        rows = [names + ["variance", "share"]]
        for r, record in enumerate(reader, start=2):
            if not record:
                continue
            row = record[:5]
            for col in (5, 6, 7):
                value = parse_money(record[col])
                row.append(record[col] if value is None else value)
            row.append(f'=IF(COUNT(F{r},G{r})&lt;2,"N/A",F{r}-G{r})')
            row.append(f'=IFERROR(IF(COUNT(F{r},G{r})&lt;2,"N/A",F{r}/G{r}),"N/A")')
            rows.append(row)
    return rows


def main():
    source, target = sys.argv[1], sys.argv[2]
    rows = read_rows(source)
    workbook = Workbook()
    sheet = workbook.new_sheet("Data", data=rows)
    for col, style in enumerate(column_styles(), start=1):
        sheet.set_col_style(col, style)
    sheet.set_row_style(1, header_style())
    workbook.save(target)
    print(f"wrote {target}: Data ({len(rows) - 1} rows); {2 * (len(rows) - 1)} formulas")


if __name__ == "__main__":
    main()

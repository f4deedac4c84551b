#!/usr/bin/env python3
"""XlsxWriter equivalent of bench/floor.c: the same workbook Appendix writes for the bench template.

    python bench/xlsxwriter_bench.py IN.csv OUT.xlsx

Streams the CSV with the csv module and writes with XlsxWriter in constant_memory mode: a
header row, the 8 columns (money text parsed to numbers), and the two computed columns as
formulas with their cached values, with Appendix's formats.
"""
import csv
import sys

import xlsxwriter

from money import parse_money  # bench/money.py, beside this script


def main():
    source, target = sys.argv[1], sys.argv[2]
    workbook = xlsxwriter.Workbook(target, {"constant_memory": True})
    sheet = workbook.add_worksheet("Data")
    header = workbook.add_format({"bold": True, "text_wrap": True, "align": "center", "valign": "vcenter",
                                  "border": 1, "pattern": 1, "bg_color": "#D9E1F2"})
    text = workbook.add_format({"valign": "top", "border": 1})
    money = workbook.add_format({"num_format": "£#,##0.00", "align": "right", "valign": "top", "border": 1})
    percent = workbook.add_format({"num_format": "0.00%", "align": "right", "valign": "top", "border": 1})
    for col, width in enumerate([10, 11, 20, 20, 45, 12, 12, 8, 12, 10]):
        sheet.set_column(col, col, width)
    sheet.set_portrait()
    sheet.set_paper(9)
    sheet.repeat_rows(0)
    sheet.set_footer("&CPage &P of &N")

    write_string, write_number, write_blank, write_formula = (
        sheet.write_string, sheet.write_number, sheet.write_blank, sheet.write_formula)
    rows = 0
    with open(source, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        names = next(reader)
        for col, name in enumerate(names + ["variance", "share"]):
            write_string(0, col, name, header)
        for r, record in enumerate(reader, start=1):
            if not record:
                continue
            for col in (0, 1, 2, 3, 4):
                if record[col]:
                    write_string(r, col, record[col], text)
                else:
                    write_blank(r, col, None, text)
            amount = parse_money(record[5])
            budget = parse_money(record[6])
            count = parse_money(record[7])
            for col, value, fmt in ((5, amount, money), (6, budget, money), (7, count, text)):
                if value is not None:
                    write_number(r, col, value, fmt)
                else:
                    write_string(r, col, record[col], fmt)
            n = r + 1
            variance = f'=IF(COUNT(F{n},G{n})<2,"N/A",F{n}-G{n})'
            share = f'=IFERROR(IF(COUNT(F{n},G{n})<2,"N/A",F{n}/G{n}),"N/A")'
            both = amount is not None and budget is not None
            write_formula(r, 8, variance, money, amount - budget if both else "N/A")
            write_formula(r, 9, share, percent, amount / budget if both and budget != 0 else "N/A")
            rows += 1
    workbook.close()
    print(f"wrote {target}: Data ({rows} rows); {2 * rows} formulas")


if __name__ == "__main__":
    main()

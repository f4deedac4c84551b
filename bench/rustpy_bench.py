#!/usr/bin/env python3
"""rustpy-xlsxwriter (rust_xlsxwriter) equivalent of bench/floor.c.

    python bench/rustpy_bench.py IN.csv OUT.xlsx

Streams the CSV as a generator of dicts into `write_worksheet`, which writes with
rust_xlsxwriter in constant-memory mode, with the same columns, formats, widths and page setup
as the others. The two computed columns are `formula_columns` ({row} is the Excel row number).
rustpy-xlsxwriter stores no cached formula values (each formula cell has an empty `<v></v>` of
type `str`): a reader that does not recalculate sees empty cells.
"""
import csv
import sys

from rustpy_xlsxwriter import Format, write_worksheet

from money import parse_money  # bench/money.py, beside this script

VARIANCE = '=IF(COUNT(F{row},G{row})<2,"N/A",F{row}-G{row})'
SHARE = '=IFERROR(IF(COUNT(F{row},G{row})<2,"N/A",F{row}/G{row}),"N/A")'


def formats():
    header = (Format().set_bold().set_text_wrap().set_align("center").set_align("vcenter")
              .set_border("thin").set_pattern("solid").set_background_color("#D9E1F2"))
    text = Format().set_align("top").set_border("thin")
    money = Format().set_num_format("£#,##0.00").set_align("right").set_align("top").set_border("thin")
    percent = Format().set_num_format("0.00%").set_align("right").set_align("top").set_border("thin")
    return header, [text] * 5 + [money, money, text, money, percent]


def records(handle, counter):
    reader = csv.reader(handle)
    names = next(reader)
    for record in reader:
        if not record:
            continue
        row = dict(zip(names[:5], record[:5]))
        for col in (5, 6, 7):
            value = parse_money(record[col])
            row[names[col]] = record[col] if value is None else value
        counter[0] += 1
        yield row


def main():
    source, target = sys.argv[1], sys.argv[2]
    header, columns = formats()
    counter = [0]
    with open(source, encoding="utf-8", newline="") as handle:
        write_worksheet(records(handle, counter), target, sheet_name="Data", header_format=header,
                        column_formats=columns, column_widths=[10, 11, 20, 20, 45, 12, 12, 8, 12, 10],
                        formula_columns={"variance": VARIANCE, "share": SHARE},
                        page_setup={"paper_size": 9, "repeat_rows": 0, "footer": "&CPage &P of &N"})
    rows = counter[0]
    print(f"wrote {target}: Data ({rows} rows); {2 * rows} formulas")


if __name__ == "__main__":
    main()

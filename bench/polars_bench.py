#!/usr/bin/env python3
"""polars `write_excel` equivalent of bench/floor.c.

    python bench/polars_bench.py IN.csv OUT.xlsx

Reads the CSV with `pl.read_csv` (every field as text), parses the money columns with polars
expressions, and writes with `DataFrame.write_excel` into an XlsxWriter workbook whose sheet has
the same page setup, column formats and widths as the others. write_excel always writes an Excel
table, and its formula columns are table column formulas, so they use structured references
(`[@amount]`, stored as `Data[[#This Row],[amount]]`) instead of F2/G2, and XlsxWriter caches 0
as every formula's value: a reader that does not recalculate sees 0.
"""
import sys

import polars as pl
import xlsxwriter

VARIANCE = '=IF(COUNT([@amount],[@budget])<2,"N/A",[@amount]-[@budget])'
SHARE = '=IFERROR(IF(COUNT([@amount],[@budget])<2,"N/A",[@amount]/[@budget]),"N/A")'
WIDTHS_PX = [75, 82, 145, 145, 320, 89, 89, 61, 89, 75]  # 10, 11, 20, 20, 45, 12, 12, 8, 12, 10 characters


def money(name):
    """Money text as bench/money.py reads it: £ $ € , and spaces dropped, (x) negative, '-' zero."""
    text = pl.col(name).str.strip_chars()
    digits = text.str.replace_all(r"[£€$,() ]", "").cast(pl.Float64, strict=False)
    negative = text.str.starts_with("(") & text.str.ends_with(")")
    return pl.when(text == "-").then(0.0).when(negative).then(-digits).otherwise(digits).alias(name)


def formats():
    body = {"valign": "top", "border": 1}
    money_format = {**body, "num_format": "£#,##0.00", "align": "right"}
    return {
        **{name: dict(body) for name in ("id", "date", "ward", "category", "description")},
        "amount": dict(money_format), "budget": dict(money_format),
        "count": {**body, "num_format": "General"},
        "variance": dict(money_format),
        "share": {**body, "num_format": "0.00%", "align": "right"},
    }


def main():
    source, target = sys.argv[1], sys.argv[2]
    frame = pl.read_csv(source, infer_schema=False).with_columns(
        money("amount"), money("budget"), pl.col("count").cast(pl.Int64))
    workbook = xlsxwriter.Workbook(target)
    sheet = workbook.add_worksheet("Data")
    sheet.set_portrait()
    sheet.set_paper(9)
    sheet.repeat_rows(0)
    sheet.set_footer("&CPage &P of &N")
    frame.write_excel(
        workbook, sheet, table_name="Data", autofilter=False, column_formats=formats(),
        header_format={"bold": True, "text_wrap": True, "align": "center", "valign": "vcenter",
                       "border": 1, "pattern": 1, "bg_color": "#D9E1F2"},
        column_widths=dict(zip(frame.columns + ["variance", "share"], WIDTHS_PX)),
        formulas={"variance": {"formula": VARIANCE, "return_dtype": pl.Float64},
                  "share": {"formula": SHARE, "return_dtype": pl.Float64}})
    workbook.close()
    print(f"wrote {target}: Data ({frame.height} rows); {2 * frame.height} formulas")


if __name__ == "__main__":
    main()

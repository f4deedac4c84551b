#!/usr/bin/env python3
"""Opens each benchmark workbook with openpyxl and checks it holds what the CSV says.

    python bench/check_outputs.py IN.csv TOOL=OUT.xlsx [TOOL=OUT.xlsx ...]

For every workbook: the sheet "Data" has the header row plus one row per CSV record and 10
columns; text columns equal the CSV text; amount and budget equal the money text parsed (£ and
commas stripped, brackets negative); the variance and share columns hold exactly the formulas
Appendix writes, and (except openpyxl, which cannot store them) cached values equal to
amount - budget and amount / budget. Prints one line per workbook; exits 1 on any mismatch.
"""
import csv
import math
import sys

import openpyxl

HEADER = ["id", "date", "ward", "category", "description", "amount", "budget", "count", "variance", "share"]


def money(text):
    s = text.strip()
    negative = s.startswith("(") and s.endswith(")")
    if negative:
        s = s[1:-1]
    value = float(s.replace("£", "").replace(",", ""))
    return -value if negative else value


def close(a, b):
    return isinstance(a, (int, float)) and math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-9)


def check(path, tool, records):
    problems = []
    formulas = openpyxl.load_workbook(path, read_only=True)["Data"]
    values = openpyxl.load_workbook(path, read_only=True, data_only=True)["Data"]
    has_cache = tool != "openpyxl"
    count = 0
    for index, (frow, vrow) in enumerate(zip(formulas.iter_rows(values_only=True), values.iter_rows(values_only=True))):
        if len(problems) > 5:
            break
        if index == 0:
            if list(frow[:10]) != HEADER:
                problems.append(f"header is {frow}")
            continue
        count += 1
        if index > len(records):
            problems.append(f"row {index + 1}: more rows than the CSV")
            break
        rec = records[index - 1]
        r = index + 1
        amount, budget = money(rec[5]), money(rec[6])
        for col in range(5):
            if frow[col] != rec[col]:
                problems.append(f"row {r} col {col + 1}: {frow[col]!r} != {rec[col]!r}")
        if not close(frow[5], amount) or not close(frow[6], budget) or not close(frow[7], float(rec[7])):
            problems.append(f"row {r}: numbers {frow[5:8]} != {(amount, budget, rec[7])}")
        want = (f'=IF(COUNT(F{r},G{r})<2,"N/A",F{r}-G{r})', f'=IFERROR(IF(COUNT(F{r},G{r})<2,"N/A",F{r}/G{r}),"N/A")')
        if tuple(frow[8:10]) != want:
            problems.append(f"row {r}: formulas {frow[8:10]}")
        if has_cache and not (close(vrow[8], amount - budget) and close(vrow[9], amount / budget)):
            problems.append(f"row {r}: cached values {vrow[8:10]} != {(amount - budget, amount / budget)}")
    if count != len(records):
        problems.append(f"{count} data rows, the CSV has {len(records)}")
    note = "" if has_cache else " (formulas only: openpyxl stores no cached values)"
    return problems, f"{count} rows, 10 columns, formulas and values match the CSV{note}"


def main():
    with open(sys.argv[1], encoding="utf-8", newline="") as handle:
        records = [row for row in csv.reader(handle) if row][1:]
    failed = False
    for argument in sys.argv[2:]:
        tool, path = argument.split("=", 1)
        try:
            problems, summary = check(path, tool, records)
        except Exception as error:  # an unreadable workbook is a failure to report, not a crash
            problems, summary = [f"openpyxl could not read it: {error}"], ""
        if problems:
            failed = True
            print(f"check {tool}: FAILED {path}: " + "; ".join(problems[:5]))
        else:
            print(f"check {tool}: OK {path}: {summary}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Opens each benchmark workbook with openpyxl and checks it holds what the CSV says.

    python bench/check_outputs.py IN.csv TOOL=OUT.xlsx [TOOL=OUT.xlsx ...]

TOOL is a tool of bench/run.sh (appendix, floor, xlsxwriter, openpyxl, rustpy, pyexcelerate,
polars) or an Appendix workload (appendix-grouped, appendix-sorted, appendix-periods).

Every data row is checked cell by cell against its CSV record: text columns equal the CSV text;
amount and budget equal the money text parsed (£ and commas stripped, brackets negative), count
the number; the variance and share columns hold exactly the formulas Appendix writes with that
row's number (polars: the same formulas in structured references, as an Excel table column
must), and cached values equal to amount - budget and amount / budget where the tool writes
them; where it does not, the check proves what it writes instead (no value, or 0), so the notes
in BENCHMARKS.md are measured.

The plain table: the sheet "Data" has the header row, then one row per CSV record in CSV order.
The workloads: every CSV record appears once as a data row (a row whose first cell is an id),
and grouped rows come in one block per ward, each closed by its "Total WARD" row, then a
"Total" row; sorted rows by amount, largest first; per-period sheets hold the rows of their
month, one sheet per month in date order.

Prints one line per workbook; exits 1 on any mismatch.
"""
import csv
import datetime
import math
import re
import sys

import openpyxl

# What each tool stores as a formula's cached value: "computed" (the value), "none" (no value),
# "zero" (0 for every formula).
CACHED = {"openpyxl": "none", "rustpy": "none", "pyexcelerate": "none", "polars": "zero"}
CACHE_NOTES = {
    "none": "formulas only: {tool} stores no cached values",
    "zero": "formulas right, but {tool} caches 0 as every formula's value",
}
HEADER = ["id", "date", "ward", "category", "description", "amount", "budget", "count", "variance", "share"]
DATA_ROW = re.compile(r"^TX\d{6,}$")
MAX_PROBLEMS = 5


def money(text):
    s = text.strip()
    negative = s.startswith("(") and s.endswith(")")
    if negative:
        s = s[1:-1]
    value = float(s.replace("£", "").replace(",", ""))
    return -value if negative else value


def close(a, b):
    return isinstance(a, (int, float)) and math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-9)


def formulas_for(tool, r):
    """The two computed columns' formulas as openpyxl reads them back for this tool."""
    if tool == "polars":  # table column formulas: [@amount] is stored as [[#This Row],amount]
        a, b = "[[#This Row],amount]", "[[#This Row],budget]"
        return (f'=IF(COUNT({a},{b})<2,"N/A",{a}-{b})', f'=IFERROR(IF(COUNT({a},{b})<2,"N/A",{a}/{b}),"N/A")')
    return (f'=IF(COUNT(F{r},G{r})<2,"N/A",F{r}-G{r})', f'=IFERROR(IF(COUNT(F{r},G{r})<2,"N/A",F{r}/G{r}),"N/A")')


def cache_problem(kind, cached, amount, budget):
    """Why the cached values differ from what the tool is said to store, or None."""
    if kind == "computed":
        ok = close(cached[0], amount - budget) and close(cached[1], amount / budget)
        return None if ok else f"cached values {cached} != {(amount - budget, amount / budget)}"
    want = (None, None) if kind == "none" else (0, 0)
    return None if tuple(cached) == want else f"cached values {cached}, expected {want} ({kind})"


def row_problems(tool, frow, vrow, rec, r):
    """What is wrong with sheet row r (formulas frow, cached values vrow) holding record rec."""
    problems = []
    amount, budget = money(rec[5]), money(rec[6])
    for col in range(5):
        if frow[col] != rec[col]:
            problems.append(f"row {r} col {col + 1}: {frow[col]!r} != {rec[col]!r}")
    if not close(frow[5], amount) or not close(frow[6], budget) or not close(frow[7], float(rec[7])):
        problems.append(f"row {r}: numbers {frow[5:8]} != {(amount, budget, rec[7])}")
    if tuple(frow[8:10]) != formulas_for(tool, r):
        problems.append(f"row {r}: formulas {frow[8:10]}")
    problem = cache_problem(CACHED.get(tool, "computed"), vrow[8:10], amount, budget)
    if problem:
        problems.append(f"row {r}: {problem}")
    return problems


def sheet_rows(path):
    """(sheet name, row number, formulas row, cached values row) for every row of every sheet."""
    formulas = openpyxl.load_workbook(path, read_only=True)
    values = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for fsheet, vsheet in zip(formulas.worksheets, values.worksheets):
        rows = zip(fsheet.iter_rows(values_only=True), vsheet.iter_rows(values_only=True))
        for r, (frow, vrow) in enumerate(rows, start=1):
            yield fsheet.title, r, frow, vrow


def check_plain(path, tool, records):
    problems, count = [], 0
    for sheet, r, frow, vrow in sheet_rows(path):
        if len(problems) > MAX_PROBLEMS:
            break
        if sheet != "Data":
            problems.append(f"an extra sheet {sheet!r}")
            break
        if r == 1:
            if list(frow[:10]) != HEADER:
                problems.append(f"header is {frow}")
            continue
        count += 1
        if r - 1 > len(records):
            problems.append(f"row {r}: more rows than the CSV")
            break
        problems += row_problems(tool, frow, vrow, records[r - 2], r)
    if count != len(records):
        problems.append(f"{count} data rows, the CSV has {len(records)}")
    kind = CACHED.get(tool, "computed")
    if kind == "computed":
        return problems, f"{count} rows, 10 columns, formulas and cached values match the CSV"
    return problems, f"{count} rows, 10 columns, formulas match the CSV ({CACHE_NOTES[kind].format(tool=tool)})"


def month_label(month):
    """`2018-10` as Appendix labels a month sheet: `Oct 2018`."""
    return datetime.date(int(month[:4]), int(month[5:7]), 1).strftime("%b %Y")


def order_problems(workload, placed, others, records):
    """What is wrong with the order of the data rows (placed: sheet, row, record) for the workload."""
    if workload == "sorted":
        amounts = [money(rec[5]) for _, _, rec in placed]
        bad = next((i for i in range(1, len(amounts)) if amounts[i] > amounts[i - 1]), None)
        return [] if bad is None else [f"row {placed[bad][1]}: amount {amounts[bad]} after {amounts[bad - 1]}"]
    if workload == "periods":
        sheets = [sheet for sheet, _, _ in placed]
        wrong = [(sheet, r) for sheet, r, rec in placed if sheet != month_label(rec[1][:7])]
        months = sorted({rec[1][:7] for rec in records})
        order = list(dict.fromkeys(sheets))
        problems = [f"{sheet} row {r}: a row of another month" for sheet, r in wrong[:MAX_PROBLEMS]]
        if order != [month_label(m) for m in months]:
            problems.append(f"sheets {order}")
        return problems
    # grouped: one block per ward, each followed by its subtotal row, then the grand total.
    wards = list(dict.fromkeys(rec[2] for _, _, rec in placed))
    blocks = [rec[2] for i, (_, _, rec) in enumerate(placed) if i == 0 or placed[i - 1][2][2] != rec[2]]
    totals = [label for label in others if label.startswith("Total")]
    problems = [] if blocks == wards else [f"wards in {len(blocks)} blocks, {len(wards)} wards"]
    if totals != [f"Total {ward}" for ward in wards] + ["Total"]:
        problems.append(f"total rows {totals[:3]}… ({len(totals)})")
    return problems


def check_workload(path, tool, records, workload):
    by_id = {rec[0]: rec for rec in records}
    problems, placed, others, seen = [], [], [], set()
    for sheet, r, frow, vrow in sheet_rows(path):
        if len(problems) > MAX_PROBLEMS:
            break
        first = frow[0] if frow else None
        if not (isinstance(first, str) and DATA_ROW.match(first)):
            if r > 1 and isinstance(first, str):
                others.append(first)
            continue
        rec = by_id.get(first)
        if rec is None or first in seen:
            problems.append(f"{sheet} row {r}: {first} is {'repeated' if rec else 'not in the CSV'}")
            continue
        seen.add(first)
        placed.append((sheet, r, rec))
        problems += [f"{sheet} {p}" for p in row_problems("appendix", frow, vrow, rec, r)]
    if len(seen) != len(records):
        problems.append(f"{len(seen)} data rows, the CSV has {len(records)}")
    if not problems:
        problems += order_problems(workload, placed, others, records)
    sheets = len({sheet for sheet, _, _ in placed})
    return problems, (f"{len(seen)} rows in {sheets} sheet(s), every row's cells, formulas and cached "
                      f"values match the CSV, {workload} order")


def check(path, tool, records):
    if tool.startswith("appendix-"):
        return check_workload(path, tool, records, tool[len("appendix-"):])
    return check_plain(path, tool, records)


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
            print(f"check {tool}: FAILED {path}: " + "; ".join(problems[:MAX_PROBLEMS]))
        else:
            print(f"check {tool}: OK {path}: {summary}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

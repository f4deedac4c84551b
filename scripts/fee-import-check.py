#!/usr/bin/env python3
"""The fee import's round trip, as an officer would make it (issue #18 item 3).

Takes the fee workbook `make demo` built from Templates/registrar-fees-review.yaml (a protected
sheet whose proposed fees alone are unlocked, with validation: checked first), changes
proposed fees with openpyxl (a number, and texts with £ and a thousands comma or with
spaces, as a cell formatted as text holds them) and swaps two fee rows as a sort does (formulas moved with their rows), then:

1. LibreOffice recalculates the edited workbook (verify-workbooks.py's profile): the change (£)
   and change (%) of a fee typed as a number must be the typed fee minus the current one, and
   that over the current one (a fee held as text gives the formulas' missing text, N/A);
2. `appendix fees import` reads the openpyxl file and LibreOffice's saved copy: next year's
   table must hold exactly the edited amounts (the rest as built) and the change log the edited
   lines only; with `--fees` the table the workbook was built from comes back with every column
   and row, only the edited amounts changed.

Usage: fee-import-check.py --bin .build/release/appendix --workbook out/registrar-fees-review.xlsx --work DIR
Exit 0 when every check holds, 1 otherwise (each failure printed).
"""
import argparse
import csv
import pathlib
import shutil
import subprocess
import sys
from decimal import Decimal

import openpyxl

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import importlib
verify = importlib.import_module("verify-workbooks")

SHEET = "Fees for review"
# fee key -> (what is typed, the amount it means)
EDITS = {"RF02": (170, Decimal("170.00")), "RF10": (231.75, Decimal("231.75")), "RF03": ("£1,234.50", Decimal("1234.50")), "RF05": (" 399.99 ", Decimal("399.99"))}
SWAP = ("RF02", "RF03")


def edit(source, target):
    """Types the edits into the proposed column and swaps two fee rows; returns the current fees."""
    wb = openpyxl.load_workbook(source)
    ws = wb[SHEET]
    header = {cell.value: cell.column_letter for cell in ws[4]}
    rows = {ws[f"A{r}"].value: r for r in range(5, ws.max_row + 1) if ws[f"A{r}"].value}
    current = {key: Decimal(str(ws[f"{header['Charges 2018/19']}{row}"].value)) for key, row in rows.items()}
    for key, (typed, _) in EDITS.items():
        ws[f"{header['Proposed 2019/20']}{rows[key]}"] = typed
    first, second = rows[SWAP[0]], rows[SWAP[1]]
    spare = ws.max_row + 10
    width = ws.max_column
    last = openpyxl.utils.get_column_letter(width)
    ws.move_range(f"A{second}:{last}{second}", rows=spare - second, translate=True)
    ws.move_range(f"A{first}:{last}{first}", rows=second - first, translate=True)
    ws.move_range(f"A{spare}:{last}{spare}", rows=first - spare, translate=True)
    wb.save(target)
    return current


def check_protected(path, failures):
    """The review sheet is protected: its proposed fees unlocked (with validation), the rest locked."""
    ws = openpyxl.load_workbook(path)[SHEET]
    if not ws.protection.sheet:
        failures.append(f"{SHEET}: the sheet is not protected")
    header = {cell.value: cell.column_letter for cell in ws[4]}
    for row in range(5, ws.max_row + 1):
        if not ws[f"A{row}"].value:
            continue
        for name, column in header.items():
            cell = ws[f"{column}{row}"]
            if cell.protection.locked != (name != "Proposed 2019/20"):
                failures.append(f"{SHEET}!{cell.coordinate} ({name}): locked is {cell.protection.locked}")
    proposed = header.get("Proposed 2019/20")
    if not any(proposed and str(rule.sqref).startswith(f"{proposed}5") for rule in ws.data_validations.dataValidation):
        failures.append(f"{SHEET}: no validation on the proposed fees (column {proposed})")


def check_recalculated(path, current, failures):
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb[SHEET]
    header = {cell.value: cell.column_letter for cell in ws[4]}
    for r in range(5, ws.max_row + 1):
        key = ws[f"A{r}"].value
        if key not in EDITS:
            continue
        typed, amount = EDITS[key]
        change = ws[f"{header['Change (£)']}{r}"].value
        percent = ws[f"{header['Change (%)']}{r}"].value
        if isinstance(typed, str):
            # Text in the cell (not a number Excel read from typing): the change formulas show their
            # missing text, while the import reads the text as a CSV amount.
            if change != "N/A" or percent != "N/A":
                failures.append(f"{key}: typed as text, LibreOffice's changes are {change!r}, {percent!r}, expected 'N/A'")
            print(f"  {key}: typed the text {typed!r} -> change {change}, {percent} (LibreOffice)")
            continue
        want_change = float(amount - current[key])
        want_percent = float((amount - current[key]) / current[key])
        if not isinstance(change, (int, float)) or abs(change - want_change) > 1e-9:
            failures.append(f"{key}: LibreOffice's change (£) is {change!r}, expected {want_change}")
        if not isinstance(percent, (int, float)) or abs(percent - want_percent) > 1e-12:
            failures.append(f"{key}: LibreOffice's change (%) is {percent!r}, expected {want_percent}")
        print(f"  {key}: typed {EDITS[key][0]!r} -> change £{change:.2f}, {percent:.4%} (LibreOffice)")


def check_import(binary, workbook, built_table, work, failures):
    table, changes = work / (workbook.stem + "-table.csv"), work / (workbook.stem + "-changes.csv")
    proc = subprocess.run([binary, "fees", "import", str(workbook), "--output", str(table), "--changes", str(changes)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        failures.append(f"fees import {workbook.name}: exit {proc.returncode}: {proc.stderr.strip()}")
        return
    print(f"  {workbook.name}: {proc.stdout.strip().splitlines()[-1]}")
    with open(table, newline="", encoding="utf-8") as f:
        got = {row["fee_id"]: row["recommended_2019_20"] for row in csv.DictReader(f)}
    for key, built in built_table.items():
        want = EDITS[key][1] if key in EDITS else built
        amount = Decimal(got.get(key, "missing").replace("£", "").replace(",", "")) if key in got else None
        if amount != want:
            failures.append(f"fees import {workbook.name}: {key} is {got.get(key)!r}, expected {want}")
    with open(changes, newline="", encoding="utf-8") as f:
        logged = [row["key"] for row in csv.DictReader(f)]
    if sorted(logged) != sorted(EDITS):
        failures.append(f"fees import {workbook.name}: the change log lists {logged}, expected {sorted(EDITS)}")


def check_merged(binary, workbook, fees, work, failures):
    """With --fees: the table built from, every column kept, the typed amounts in its amount column."""
    table = work / "merged.csv"
    proc = subprocess.run([binary, "fees", "import", str(workbook), "--fees", fees, "--output", str(table), "--changes", str(work / "merged-changes.csv")],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        failures.append(f"fees import --fees: exit {proc.returncode}: {proc.stderr.strip()}")
        return
    with open(fees, newline="", encoding="utf-8") as f:
        source = list(csv.DictReader(f))
    with open(table, newline="", encoding="utf-8") as f:
        merged = list(csv.DictReader(f))
    for before, after in zip(source, merged):
        want = dict(before)
        if before["fee_id"] in EDITS:
            want["recommended_2019_20"] = "£{:,.2f}".format(EDITS[before["fee_id"]][1])
        if after != want:
            failures.append(f"fees import --fees: {before['fee_id']} is {after}, expected {want}")
    if len(source) != len(merged):
        failures.append(f"fees import --fees: {len(merged)} rows, expected {len(source)}")
    print(f"  --fees {fees}: {len(merged)} rows, {len(merged[0]) if merged else 0} columns, the typed amounts in recommended_2019_20")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", required=True)
    parser.add_argument("--workbook", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--fees", default="SampleData/registrar-fees-2019-20.csv", help="the fee table the workbook was built from")
    args = parser.parse_args()
    work = pathlib.Path(args.work).resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    failures = []
    built = work / "built"
    built.mkdir()
    subprocess.run([args.bin, "fees", "import", args.workbook, "--output", str(built / "table.csv"), "--changes", str(built / "changes.csv")],
                   check=True, capture_output=True)
    with open(built / "table.csv", newline="", encoding="utf-8") as f:
        built_table = {row["fee_id"]: Decimal(row["recommended_2019_20"].replace("£", "").replace(",", "")) for row in csv.DictReader(f)}
    check_protected(args.workbook, failures)
    edited = work / "edited.xlsx"
    current = edit(args.workbook, edited)
    soffice = verify.find_soffice()
    if soffice is None:
        print("fee-import-check: LibreOffice (soffice) not found", file=sys.stderr)
        return 2
    converted, log = verify.recalc_all(soffice, [edited], work / "lo", 300)
    recalculated = converted.get(0)
    if recalculated is None:
        print(f"fee-import-check: LibreOffice did not convert the edited workbook:\n{log}", file=sys.stderr)
        return 1
    saved = work / "edited-libreoffice.xlsx"
    shutil.copyfile(recalculated, saved)
    check_recalculated(saved, current, failures)
    for workbook in (edited, saved):
        check_import(args.bin, workbook, built_table, work, failures)
    check_merged(args.bin, saved, args.fees, work, failures)
    for failure in failures:
        print(f"fee-import-check: {failure}", file=sys.stderr)
    print(f"fee-import-check: {len(EDITS)} fees edited, rows {SWAP[0]} and {SWAP[1]} swapped; "
          f"{'OK' if not failures else f'{len(failures)} failures'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Edit proposed fees in a protected fee workbook as an officer would, and check LibreOffice.

Usage:
    edit-fees.py WORKBOOK --work DIR [--sheet NAME] [--column HEADER]

What it checks (issue #18, item 1):
  1. the sheet is protected; every cell of the proposed-fee column (found by its header,
     default "Recommended Charges 2019/20") is unlocked and covered by a data validation;
     every formula cell is locked;
  2. it changes three proposed fees with openpyxl (+£5, x1.10, the first fee to 0) and saves
     a copy in DIR (the formulas and their protection are kept);
  3. LibreOffice recalculates the copy (verify-workbooks.py's recalc_all) and the change (£)
     and change (%) of every row equal the edited fee minus the 2018/19 charge, and that
     over the charge, to 1e-9.

Exit status 0 when all holds; 1 with one line per problem otherwise; 2 when LibreOffice is missing.
"""

import argparse
import importlib.util
import pathlib
import shutil
import sys

HERE = pathlib.Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("verify_workbooks", HERE / "verify-workbooks.py")
vw = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(vw)
openpyxl = vw.openpyxl


def header_columns(ws):
    """{header text: column index} of the row holding the proposed-fee header, and that row."""
    for row in ws.iter_rows(max_row=10):
        texts = {c.value: c.column for c in row if isinstance(c.value, str)}
        if "Charges 2018/19" in texts:
            return texts, row[0].row
    raise SystemExit("edit-fees: no header row with 'Charges 2018/19'")


def body_rows(ws, first, column):
    """The rows under the header whose proposed-fee cell holds a number."""
    rows = []
    for r in range(first, ws.max_row + 1):
        if isinstance(ws.cell(r, column).value, (int, float)):
            rows.append(r)
    return rows


def check_protection(ws, proposed, rows, problems):
    if not ws.protection.sheet:
        problems.append(f"sheet '{ws.title}' is not protected")
    covered = set()
    for validation in ws.data_validations.dataValidation:
        for cells in validation.sqref.ranges:
            for (r, c) in cells.cells:
                covered.add((r, c))
    for r in rows:
        cell = ws.cell(r, proposed)
        if cell.protection.locked:
            problems.append(f"{cell.coordinate}: a proposed fee is locked")
        if (r, proposed) not in covered:
            problems.append(f"{cell.coordinate}: a proposed fee has no data validation")
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f" and not cell.protection.locked:
                problems.append(f"{cell.coordinate}: a formula cell is unlocked")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workbook")
    parser.add_argument("--work", required=True)
    parser.add_argument("--sheet", default="Fees 2019-20")
    parser.add_argument("--column", default="Recommended Charges 2019/20")
    args = parser.parse_args()
    soffice = vw.find_soffice()
    if soffice is None:
        print("edit-fees: LibreOffice (soffice) not found", file=sys.stderr)
        return 2
    work = pathlib.Path(args.work).resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)

    wb = openpyxl.load_workbook(args.workbook)
    ws = wb[args.sheet]
    headers, header_row = header_columns(ws)
    current, proposed = headers["Charges 2018/19"], headers[args.column]
    change, percent = proposed + 1, proposed + 2
    rows = body_rows(ws, header_row + 1, proposed)
    problems = []
    check_protection(ws, proposed, rows, problems)

    edits = {rows[0]: 0.0, rows[1]: ws.cell(rows[1], proposed).value + 5, rows[2]: round(ws.cell(rows[2], proposed).value * 1.1, 2)}
    for r, fee in edits.items():
        ws.cell(r, proposed).value = fee
    expected = {r: (ws.cell(r, current).value, ws.cell(r, proposed).value) for r in rows}
    edited = work / "edited.xlsx"
    wb.save(edited)

    converted, log = vw.recalc_all(soffice, [edited], work / "recalc", timeout=180)
    if converted.get(0) is None:
        print(f"edit-fees: LibreOffice did not convert {edited}:\n{log}", file=sys.stderr)
        return 1
    result = openpyxl.load_workbook(converted[0], data_only=True)[args.sheet]
    for r, (old, new) in expected.items():
        want = {change: new - old, percent: (new - old) / old}
        for column, value in want.items():
            got = result.cell(r, column).value
            if not isinstance(got, (int, float)) or abs(got - value) > 1e-9 * max(1, abs(value)):
                problems.append(f"{result.cell(r, column).coordinate}: recalculated {got!r}, expected {value!r} (fee {new} against {old})")
    for problem in problems:
        print(f"edit-fees: {problem}")
    print(f"edit-fees: {len(rows)} proposed fees checked, {len(edits)} edited, "
          f"{2 * len(rows)} change cells recalculated by LibreOffice, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

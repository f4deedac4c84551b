#!/usr/bin/env python3
"""Read the accessible variants back with openpyxl (issue #16's proof), independently of
Appendix's own checker.

Usage:
    accessible-readback.py FILE_OR_DIR...   (a directory: every *-accessible.xlsx in it)

For each workbook:
  * the first three sheets are Cover, Contents and Notes (or their documented alternatives),
    the document title is set;
  * no sheet has merged cells;
  * every Excel table: its header row's cells hold exactly the table's column names (unique,
    none blank, at most 255 characters), its range lies inside the sheet, and the cell above
    it holds nothing except in column A;
  * every sheet but the cover with two or more filled cells has at least one table, and every
    filled cell of it is inside a table or in column A above its first table;
  * every Contents link names a sheet of the workbook;
  * every chart and picture has alt text (the drawing's xdr:cNvPr descr, read from the zip:
    openpyxl does not keep it).
Prints one line per workbook and every problem; exits 1 on any problem.
"""
import re
import sys
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.utils import range_boundaries

ROLES = [("cover", "coversheet", "frontpage"), ("contents", "tableofcontents", "contentssheet"), ("notes", "notessheet", "footnotes")]


def role(name):
    key = re.sub(r"[^a-z]", "", name.lower())
    return next((index for index, names in enumerate(ROLES) if key in names), None)


def table_problems(ws, problems, name):
    cells_in_tables = set()
    first_table_row = None
    for table in ws.tables.values():
        min_col, min_row, max_col, max_row = range_boundaries(table.ref)
        headers = [c.name for c in table.tableColumns]
        shown = [ws.cell(row=min_row, column=c).value for c in range(min_col, max_col + 1)]
        if shown != headers:
            problems.append(f"{name}!{table.ref}: header cells {shown} are not the column names {headers}")
        if len({h.lower() for h in headers}) != len(headers) or any(not h or not h.strip() or len(h) > 255 for h in headers):
            problems.append(f"{name}!{table.ref}: column names not unique, blank or over 255 characters: {headers}")
        if min_row > 1:
            above = [ws.cell(row=min_row - 1, column=c).value for c in range(min_col + 1, max_col + 1)]
            if any(v not in (None, "") for v in above):
                problems.append(f"{name}!{table.ref}: the row above the table has cells filled over its columns")
        first_table_row = min_row if first_table_row is None else min(first_table_row, min_row)
        cells_in_tables |= {(r, c) for r in range(min_row, max_row + 1) for c in range(min_col, max_col + 1)}
    filled = [(c.row, c.column) for row in ws.iter_rows() for c in row if c.value not in (None, "")]
    if len(filled) >= 2 and not ws.tables:
        problems.append(f"{name}: {len(filled)} filled cells and no Excel table")
    for r, c in filled:
        if (r, c) in cells_in_tables or (c == 1 and (first_table_row is None or r < first_table_row)):
            continue
        if c == 1 and any(min_row - 1 == r for _, min_row, _, _ in (range_boundaries(t.ref) for t in ws.tables.values())):
            continue  # the line above a totals table
        problems.append(f"{name}!{ws.cell(row=r, column=c).coordinate}: a filled cell outside every table")


def alt_text_problems(path, problems):
    with zipfile.ZipFile(path) as archive:
        for part in archive.namelist():
            if not re.match(r"xl/drawings/drawing\d+\.xml$", part):
                continue
            xml = archive.read(part).decode("utf-8")
            for tag in re.findall(r"<xdr:cNvPr\b[^>]*>", xml):
                descr = re.search(r'descr="([^"]*)"', tag)
                if not descr or not descr.group(1).strip():
                    problems.append(f"{part}: a chart or picture without alt text: {tag}")


def check(path):
    problems = []
    wb = openpyxl.load_workbook(path)
    names = wb.sheetnames
    if [role(n) for n in names[:3]] != [0, 1, 2]:
        problems.append(f"the first sheets are {names[:3]}, not Cover, Contents, Notes")
    if not (wb.properties.title or "").strip():
        problems.append("no document title")
    tables = 0
    for ws in wb.worksheets:
        if ws.merged_cells.ranges:
            problems.append(f"{ws.title}: merged cells {[str(r) for r in ws.merged_cells.ranges]}")
        if not isinstance(ws["A1"].value, str) or not ws["A1"].value.strip():
            problems.append(f"{ws.title}!A1: no title")
        tables += len(ws.tables)
        if role(ws.title) != 0:
            table_problems(ws, problems, ws.title)
        if role(ws.title) == 1:
            for row in ws.iter_rows(min_row=4, max_col=1):
                link = re.match(r"""=HYPERLINK\("#'((?:[^']|'')+)'!A1",""", str(row[0].value or ""))
                if link and link.group(1).replace("''", "'") not in names:
                    problems.append(f"{ws.title}!{row[0].coordinate}: a link to no sheet: {row[0].value}")
    alt_text_problems(path, problems)
    print(f"{path.name}: {len(names)} sheets, {tables} tables, {len(problems)} problems")
    for problem in problems:
        print(f"  {problem}")
    return problems


def main(arguments):
    paths = []
    for argument in arguments:
        path = Path(argument)
        paths += sorted(path.glob("*-accessible.xlsx")) if path.is_dir() else [path]
    if not paths:
        print("accessible-readback: no workbooks", file=sys.stderr)
        return 1
    problems = sum(len(check(path)) for path in paths)
    print(f"accessible-readback: {len(paths)} workbooks, {problems} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

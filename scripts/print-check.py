#!/usr/bin/env python3
"""Print check (issue #15): every workbook in a folder printed to PDF by LibreOffice in ONE
soffice call, read back with pdftotext, and checked:

  - pages per sheet equal the committed goldens (Tests/AppendixKitTests/Fixtures/print-pages.txt);
  - no continuation page holds only the repeated header, or only grand totals and notes;
  - a sheet with manual page breaks (page-aware groups) prints exactly the pages they make, so
    LibreOffice never breaks a page before the layout's page model does;
  - each continuation page of a grouped sheet starts with a group heading: a new group's, or
    the heading of the group it starts inside, "(continued)";
  - every sheet is one page wide: no page holds only columns cut off another page (every
    page of a sheet shows its first column's header text when the sheet repeats its header);
  - no wrapped text is cut off: every word of every cell prints;
  - wrapped rows are as tall as their printed lines, within one line: for each row with wrapped
    text, the printed lines of its wrapped cells (words found in order in the column's band of
    the page, told apart by their position down the page) against the lines its height allots at
    LibreOffice's line pitch (Carlito 11 pt: 11.111 points, the padding of a 15-point row).

Each sheet's footer is replaced, in a copy, by a marker naming the sheet and page ("[[Sheet]]"),
so pages can be told apart (LibreOffice numbers pages across the whole workbook). Fonts: Carlito
and Liberation Sans must be installed (the Makefile's print-check target installs them).

Usage: print-check.py --workbooks out --work .build/print-check --golden Tests/AppendixKitTests/Fixtures/print-pages.txt [--update]
"""
import argparse
import os
import html
from collections import Counter
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl

MARK = re.compile(r"\[\[(.+?)\]\]")


def marked_copy(source: Path, target: Path) -> None:
    """`source` with each sheet's page footer replaced by `[[&A]]` (the sheet's name)."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if re.match(r"xl/worksheets/sheet\d+\.xml$", item.filename):
                text = data.decode("utf-8")
                footer = "<headerFooter><oddFooter>&amp;C[[&amp;A]]</oddFooter></headerFooter>"
                text = re.sub(r"<headerFooter>.*?</headerFooter>|<headerFooter/>", "", text, flags=re.S)
                text = re.sub(r"(<pageSetup[^>]*/>)", r"\1" + footer, text, count=1)
                data = text.encode("utf-8")
            zout.writestr(item, data)


def sheet_facts(path: Path) -> dict:
    """Per sheet: header texts (the repeated rows), grand-total labels, note words, every word."""
    book = openpyxl.load_workbook(path)
    facts = {}
    for sheet in book.worksheets:
        titles = sheet.print_title_rows or ""
        rows = [int(n) for n in re.findall(r"\d+", titles)]
        header_rows = set(range(rows[0], rows[-1] + 1)) if rows else set()
        totals, notes, words, headings = set(), set(), [], set()
        merged = {(r.min_row, r.min_col) for r in sheet.merged_cells.ranges if r.min_row == r.max_row and r.max_col > r.min_col}
        last_row = sheet.max_row
        hidden = {index for dim in sheet.column_dimensions.values() if dim.hidden and dim.min
                  for index in range(dim.min, (dim.max or dim.min) + 1)}
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None or not isinstance(cell.value, str) or cell.value.startswith("="):
                    continue
                if cell.column in hidden:  # hidden columns are not printed
                    continue
                words += cell.value.split()
                fill = cell.fill.fgColor.rgb if cell.fill and cell.fill.fill_type == "solid" else None
                if cell.row not in header_rows and cell.font.bold and fill == "FFD9E1F2":
                    totals.add(cell.value.strip())
                if (cell.row, cell.column) in merged and cell.font.bold and fill == "FFF2F2F2":
                    headings.add(cell.value.strip())  # a group heading row, merged across the table
                if cell.row > last_row - 6 and cell.alignment.wrap_text and not cell.font.bold and cell.column == 1:
                    notes.update(cell.value.split())
        first_header = ""
        if header_rows:
            first = sheet.cell(row=min(header_rows), column=1).value
            first_header = str(first).split()[0] if first else ""
        facts[sheet.title] = {"totals": totals, "notes": notes, "words": words, "repeats": bool(header_rows),
                              "first_header": first_header, "headings": headings, "breaks": len(sheet.row_breaks.brk),
                              "header_words": {word for number in header_rows for cell in sheet[number] if isinstance(cell.value, str)
                                               for word in cell.value.split()}}
    return facts


PITCH, PADDING = 11.111, 15 - 11.111
BODY_WORD_HEIGHT = 14.2974  # pdftotext's height of an 11-point Carlito word at 100 % (LibreOffice 7.4)
# A house style's body font (issue #17): line pitch per point of size as LibreOffice 7.4 prints
# it (Carlito 11.111 at 11 pt, Liberation Sans 11.197 at 10 pt); pdftotext's word height per
# point is the same for both (14.2974 / 11; Arial 12 measured 15.588).
PITCH_PER_POINT = {"Calibri": 11.111 / 11, "Arial": 11.197 / 10}
LEFT_MARGIN = 0.7 * 72
DIGIT = 1038 * 11 / 2048  # points per stored width unit as LibreOffice prints Calibri 11


def wrapped_rows(path: Path) -> dict:
    """Per sheet: for each row with wrapped body cells, its height and (column's x range at
    100 %, words) of each wrapped cell, in row order."""
    book = openpyxl.load_workbook(path)
    result = {}
    for sheet in book.worksheets:
        edges, x = [], 0.0
        for index in range(1, sheet.max_column + 1):
            letter = openpyxl.utils.get_column_letter(index)
            dim = sheet.column_dimensions.get(letter)
            width = 0 if dim is not None and dim.hidden else (dim.width if dim is not None and dim.width else 8.43)
            edges.append((x, x + width * DIGIT))
            x += width * DIGIT
        merged = {(row, col) for r in sheet.merged_cells.ranges
                  for row in range(r.min_row, r.max_row + 1) for col in range(r.min_col, r.max_col + 1)}
        rows = []
        for number in range(1, sheet.max_row + 1):
            dim = sheet.row_dimensions.get(number)
            cells = [c for c in sheet[number] if isinstance(c.value, str) and c.alignment.wrap_text and not c.value.startswith("=")
                     and (c.row, c.column) not in merged and not c.font.bold and c.value.strip()]
            if cells:
                height = dim.height if dim is not None and dim.height else 15
                rows.append((number, height, [(edges[c.column - 1], c.value.split()) for c in cells], cells[0].font))
        margin = sheet.page_margins.left * 72 if sheet.page_margins.left is not None else LEFT_MARGIN
        result[sheet.title] = (rows, margin)
    return result


def page_words(pdf: Path) -> list:
    """Per page: (sheet marker, [(x, y, word, height)])."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = []
    for page in out.split("<page ")[1:]:
        words = [(float(a), float(b), html.unescape(w), float(d) - float(b)) for a, b, d, w in
                 re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>', page)]
        found = MARK.search(" ".join(w[2] for w in words))
        marker = found.group(1) if found else "?"
        pages.append((marker, words))
    return pages


def check_row_heights(name: str, pdf: Path, rows_by_sheet: dict, problems: list) -> int:
    """Rows checked; a problem for each wrapped row more than one line too tall or too short."""
    checked = 0
    pages = page_words(pdf)
    for sheet, (rows, left_margin) in rows_by_sheet.items():
        words = [(w[0], (page, w[1]), w[2], w[3]) for page, (marker, ws) in enumerate(pages) if marker == sheet for w in ws]
        if not words:
            continue
        # The print scale as LibreOffice applied it (fit to pages included): the commonest word
        # height (11-point body text) over its height at 100 %.
        size = rows[0][3].sz if rows and rows[0][3].sz else 11
        factor = Counter(round(w[3], 3) for w in words).most_common(1)[0][0] / (BODY_WORD_HEIGHT * size / 11)
        bands = {}
        for number, height, cells, font in rows:
            printed = 0
            for (left, right), cell_words in cells:
                band = bands.setdefault((left, right), sorted(
                    (w for w in words if left_margin + left * factor - 2 <= w[0] < left_margin + right * factor - 1),
                    key=lambda w: (w[1], w[0])))
                ys = []
                for word in cell_words:
                    while band and band[0][2] != word:
                        band.pop(0)
                    if band:
                        page, y = band.pop(0)[1]
                        ys.append((page, round(y)))
                printed = max(printed, len(set(ys)))
                if os.environ.get("PRINT_CHECK_DEBUG") == f"{sheet}:{number}":
                    print(sheet, number, factor, (left, right), cell_words, ys)
            pitch = PITCH_PER_POINT[font.name] * (font.sz or 11) if font.name in PITCH_PER_POINT else PITCH
            allotted = round((height - PADDING) / pitch)
            checked += 1
            if not allotted - 1 <= printed <= allotted:
                problems.append(f"{name}/{sheet} row {number}: {printed} printed lines in a row of {height} points ({allotted} lines)")
    return checked


def pages_by_sheet(pdf: Path) -> list:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = []
    for page in text.split("\f"):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        marks = [MARK.search(line) for line in lines]
        names = [m.group(1) for m in marks if m]
        if not lines:
            continue
        body = [line for line, m in zip(lines, marks) if not m]
        pages.append((names[0] if names else "?", body))
    return pages


def check_workbook(name: str, pdf: Path, facts: dict, problems: list) -> dict:
    counts = {}
    per_sheet = {}
    for sheet, body in pages_by_sheet(pdf):
        counts[sheet] = counts.get(sheet, 0) + 1
        per_sheet.setdefault(sheet, []).append(body)
    for sheet, pages in per_sheet.items():
        fact = facts.get(sheet)
        if fact is None:
            problems.append(f"{name}/{sheet}: a page names no known sheet")
            continue
        header = set(pages[0][:0])
        if len(pages) > 1:
            # The repeated header: the lines every continuation page starts with.
            prefix = pages[1]
            for page in pages[2:]:
                prefix = [a for a, b in zip(prefix, page) if a == b]
            header = set(line for line in prefix if any(line == first for first in pages[0]))
        for number, body in enumerate(pages[1:], start=2):
            rest = [line for line in body if line not in header]
            if not rest:
                problems.append(f"{name}/{sheet} page {number}: only the header")
                continue
            def closing(line):
                return any(line.startswith(label) for label in fact["totals"]) or all(w in fact["notes"] for w in line.split())
            if fact["totals"] and all(closing(line) for line in rest):
                problems.append(f"{name}/{sheet} page {number}: only totals and notes: {rest[:3]}")
            below_header = [line for line in body if not all(word in fact["header_words"] for word in line.split())]
            if fact["headings"] and below_header and not any(below_header[0].startswith(h) for h in fact["headings"]):
                problems.append(f"{name}/{sheet} page {number}: starts with {below_header[0][:40]!r}, not a group heading")
            if fact["repeats"] and fact["first_header"] and not any(fact["first_header"] in line for line in body):
                problems.append(f"{name}/{sheet} page {number}: no first-column header (columns cut off another page?)")
        if fact["breaks"] and len(pages) != fact["breaks"] + 1:
            problems.append(f"{name}/{sheet}: {len(pages)} pages printed for {fact['breaks']} manual page breaks")
        printed = " ".join(" ".join(body) for body in pages).split()
        def shown(word):
            # LibreOffice may break a word after a dash ("(03:00–" / "05:00).").
            return word in printed or any(word in p for p in printed) or all(
                part in printed for part in re.split(r"(?<=[–-])", word) if part)
        missing = [w for w in set(fact["words"]) if not shown(w)]
        if missing:
            problems.append(f"{name}/{sheet}: text not printed (cut off?): {sorted(missing)[:5]}")
    return counts


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workbooks", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--golden", required=True)
    parser.add_argument("--update", action="store_true")
    args = parser.parse_args()
    started = time.monotonic()
    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    (work / "marked").mkdir(parents=True)
    # The accessible variants (make demo's NAME-accessible.xlsx) are not laid out for print.
    books = sorted(b for b in Path(args.workbooks).glob("*.xlsx") if not b.stem.endswith("-accessible"))
    for book in books:
        marked_copy(book, work / "marked" / book.name)
    profile = (work / "profile").resolve()
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(work / "pdf")] + [str(work / "marked" / b.name) for b in books],
                   check=True, capture_output=True)
    problems, lines, heights_checked = [], [], 0
    for book in books:
        pdf = work / "pdf" / (book.stem + ".pdf")
        if not pdf.exists():
            problems.append(f"{book.name}: LibreOffice wrote no PDF")
            continue
        counts = check_workbook(book.stem, pdf, sheet_facts(book), problems)
        heights_checked += check_row_heights(book.stem, pdf, wrapped_rows(book), problems)
        lines += [f"{book.stem} / {sheet}: {count}" for sheet, count in counts.items()]
    golden = Path(args.golden)
    if args.update:
        golden.write_text("\n".join(lines) + "\n")
    elif golden.read_text().splitlines() != lines:
        expected = set(golden.read_text().splitlines())
        for line in lines:
            if line not in expected:
                problems.append(f"pages differ from {golden}: now {line}")
        for line in expected - set(lines):
            problems.append(f"pages differ from {golden}: was {line}")
    for problem in problems:
        print(f"print-check: {problem}", file=sys.stderr)
    print(f"print-check: {len(books)} workbooks, {len(lines)} sheets, {heights_checked} wrapped rows printed in {time.monotonic() - started:.1f} s; "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

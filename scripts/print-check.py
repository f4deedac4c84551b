#!/usr/bin/env python3
"""Print check (issue #15): every workbook in a folder printed to PDF by LibreOffice in ONE
soffice call, read back with pdftotext, and checked:

  - pages per sheet equal the committed goldens (Tests/Fixtures/print-pages.txt);
  - no continuation page holds only the repeated header, or only grand totals and notes;
  - every sheet is one page wide: no page holds only columns cut off another page (every
    page of a sheet shows its first column's header text when the sheet repeats its header);
  - no wrapped text is cut off: every word of every cell prints.

Each sheet's footer is replaced, in a copy, by a marker naming the sheet and page ("[[Sheet]]"),
so pages can be told apart (LibreOffice numbers pages across the whole workbook). Fonts: Carlito
and Liberation Sans must be installed (the Makefile's print-check target installs them).

Usage: print-check.py --workbooks out --work .build/print-check --golden Tests/Fixtures/print-pages.txt [--update]
"""
import argparse
import os
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
        totals, notes, words = set(), set(), []
        last_row = sheet.max_row
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None or not isinstance(cell.value, str) or cell.value.startswith("="):
                    continue
                words += cell.value.split()
                fill = cell.fill.fgColor.rgb if cell.fill and cell.fill.fill_type == "solid" else None
                if cell.row not in header_rows and cell.font.bold and fill == "FFD9E1F2":
                    totals.add(cell.value.strip())
                if cell.row > last_row - 6 and cell.alignment.wrap_text and not cell.font.bold and cell.column == 1:
                    notes.update(cell.value.split())
        first_header = ""
        if header_rows:
            first = sheet.cell(row=min(header_rows), column=1).value
            first_header = str(first).split()[0] if first else ""
        facts[sheet.title] = {"totals": totals, "notes": notes, "words": words, "repeats": bool(header_rows),
                              "first_header": first_header}
    return facts


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
            if fact["repeats"] and fact["first_header"] and not any(fact["first_header"] in line for line in body):
                problems.append(f"{name}/{sheet} page {number}: no first-column header (columns cut off another page?)")
        printed = " ".join(" ".join(body) for body in pages).split()
        missing = [w for w in set(fact["words"]) if w not in printed and not any(w in p for p in printed)]
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
    books = sorted(Path(args.workbooks).glob("*.xlsx"))
    for book in books:
        marked_copy(book, work / "marked" / book.name)
    profile = (work / "profile").resolve()
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(work / "pdf")] + [str(work / "marked" / b.name) for b in books],
                   check=True, capture_output=True)
    problems, lines = [], []
    for book in books:
        pdf = work / "pdf" / (book.stem + ".pdf")
        if not pdf.exists():
            problems.append(f"{book.name}: LibreOffice wrote no PDF")
            continue
        counts = check_workbook(book.stem, pdf, sheet_facts(book), problems)
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
    print(f"print-check: {len(books)} workbooks, {len(lines)} sheets printed in {time.monotonic() - started:.1f} s; "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

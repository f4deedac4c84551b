#!/usr/bin/env python3
"""Writes the workbooks that test `appendix check` (Tests/AppendixKitTests/Fixtures/check/).

`make check-fixtures` runs it in the project's venv (openpyxl, gptables). The files are committed,
so the Swift tests need no Python: each is a few kilobytes, and openpyxl stamps the time into
docProps/core.xml, so regenerating them changes bytes but not what the check finds.

- clean.xlsx: a workbook made to the guidance (cover, contents, notes, two tables marked up as
  Excel tables, titles in A1, a document title): 0 findings.
- bad-RULE.xlsx: clean.xlsx with one thing changed, so that it breaks exactly the rule RULE.
- gptables.xlsx: written by gptables (the Analysis Function's own package).
- hostile-*.xlsx: files that must be refused with a clean error: not a zip, cut short, a zip bomb
  (10 MiB of spaces in 10 KB), one whose directory lies about the size, a billion-laughs DTD,
  an external entity, XML that does not parse, a UTF-16 part.
"""
import io
import sys
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.table import Table

OUT = Path(sys.argv[1] if len(sys.argv) > 1 else "Tests/AppendixKitTests/Fixtures/check")


def add_table(ws, name, header, rows, top=3):
    """Writes header + rows from row `top` and marks them up as an Excel table."""
    for offset, values in enumerate([header] + rows):
        for column, value in enumerate(values, start=1):
            ws.cell(row=top + offset, column=column, value=value)
    last = ws.cell(row=top + len(rows), column=len(header)).coordinate
    if name:
        ws.add_table(Table(displayName=name, ref=f"A{top}:{last}"))


def clean(**changes):
    """The clean workbook, with `changes` (flags) applied."""
    wb = Workbook()
    cover = wb.active
    cover.title = "Cover"
    for line in ["Registrar fees 2019/20", "Source: Barnet Council", "Contact: fees@example.org", "Published: 21 November 2018"]:
        cover.append([line])
    sheets = ["Contents", "Notes", "Table_1", "Table_2"]
    if changes.get("no_cover"):
        wb.remove(cover)
    if not changes.get("no_contents"):
        contents = wb.create_sheet("Contents")
        contents["A1"] = "Contents"
        contents["A2"] = "This worksheet contains one table."
        add_table(contents, "contents", ["Sheet", "Title"], [["Table_1", "Fees"], ["Table_2", "Comparators"]])
    if not changes.get("no_notes"):
        notes = wb.create_sheet("Notes")
        notes["A1"] = "Notes"
        notes["A2"] = "This worksheet contains one table."
        add_table(notes, "notes", ["Note number", "Note text"], [["[note 1]", "Prices do not include VAT."]])
    t1 = wb.create_sheet("Table_1")
    t1["A1"] = None if changes.get("no_title") else "Table 1: Fees 2019/20 [note 1]"
    t1["A2"] = "This worksheet contains one table."
    top = 3
    if changes.get("two_header_rows"):
        t1["B3"] = "Charges (£)"
        top = 4
    rows = [["Marriage", 150, 165], ["Civil partnership", 175, 195], ["Citizenship", 80, 86]]
    if changes.get("blank_row"):
        rows.insert(1, [None, None, None])
    add_table(t1, None if changes.get("no_markup") else "fees", ["Ceremony", "2018/19", "2019/20"], rows, top=top)
    if changes.get("merged"):
        t1.merge_cells("A1:C1")
    if changes.get("below"):
        t1.cell(row=top + len(rows) + 2, column=1, value="Source: registrar's records")
    if changes.get("colour_only"):
        t1.cell(row=top + 2, column=3).fill = PatternFill("solid", fgColor="FFC7CE")
    if changes.get("low_contrast"):
        t1.cell(row=top + 1, column=1).font = Font(color="BBBBBB")
    if changes.get("chart"):
        chart = BarChart()
        chart.add_data(Reference(t1, min_col=3, min_row=top, max_row=top + len(rows)), titles_from_data=True)
        t1.add_chart(chart, "E3")
    t2 = wb.create_sheet("Sheet2" if changes.get("default_name") else "Table_2")
    t2["A1"] = "Table 2: Comparators"
    t2["A2"] = "This worksheet contains one table."
    add_table(t2, "comparators", ["Borough", "Fee"], [["Barnet", 165], ["Brent", 180]])
    if changes.get("hidden"):
        t2.sheet_state = "hidden"
    if not changes.get("no_title_property"):
        wb.properties.title = "Registrar fees 2019/20"
    return wb


BAD = {
    "title-in-a1": {"no_title": True},
    "table-markup": {"no_markup": True},
    "single-header-row": {"two_header_rows": True},
    "merged-cells": {"merged": True},
    "blank-in-table": {"blank_row": True},
    "content-below-table": {"below": True},
    "default-sheet-name": {"default_name": True},
    "hidden-sheet": {"hidden": True},
    "cover-sheet": {"no_cover": True},
    "contents-sheet": {"no_contents": True},
    "notes-sheet": {"no_notes": True},
    "alt-text": {"chart": True},
    "document-title": {"no_title_property": True},
    "colour-only": {"colour_only": True},
    "contrast": {"low_contrast": True},
}


def gptables_workbook(path):
    import gptables as gpt
    import pandas as pd

    fees = pd.DataFrame({"Ceremony": ["Marriage", "Civil partnership"], "2018/19": [150, 175], "2019/20": [165, 195]})
    boroughs = pd.DataFrame({"Borough": ["Barnet", "Brent"], "Fee": [165, 180]})
    tables = {
        "Table_1": gpt.GPTable(table=fees, table_name="fees", title="Fees 2019/20", source="Source: Barnet Council", units={1: "£", 2: "£"}),
        "Table_2": gpt.GPTable(table=boroughs, table_name="comparators", title="Comparator fees", source="Source: boroughs' websites", units={1: "£"}),
    }
    cover = gpt.Cover(title="Registrar fees 2019/20", intro=["Fees proposed for 2019/20."], contact=["fees@example.org"])
    notes = pd.DataFrame({"Note number": ["1"], "Note text": ["Prices do not include VAT."]})
    gpt.write_workbook(filename=str(path), sheets=tables, cover=cover, notes_table=notes, contentsheet_options={"title": "Contents"})


def rewrite(source, replacements):
    """`source`'s zip with some parts' bytes replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        names = [item.filename for item in zin.infolist()]
        assert set(replacements) <= set(names), "a replaced part must exist"
        for name in names:
            zout.writestr(name, replacements.get(name, zin.read(name)))
    return out.getvalue()


def lying_bomb():
    """10 MiB of spaces whose directory (and local header) claim 1,000 bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", b"<workbook>" + b" " * (10 << 20) + b"</workbook>")
    data = bytearray(out.getvalue())
    size = (10 << 20) + 21
    for signature, field in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        assert int.from_bytes(data[at + field:at + field + 4], "little") == size
        data[at + field:at + field + 4] = (1000).to_bytes(4, "little")
    return bytes(data)


def hostile(clean_path):
    laughs = b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10)
    ) + b']>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="&lol9;" sheetId="1"/></sheets></workbook>'
    external = (b'<?xml version="1.0"?>\n<!DOCTYPE worksheet [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
                b'<c r="A1" t="inlineStr"><is><t>&secret;</t></is></c></row></sheetData></worksheet>')
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", b"<workbook>" + b" " * (10 << 20) + b"</workbook>")
    data = clean_path.read_bytes()
    return {
        "hostile-not-a-zip.xlsx": b"Ceremony,Fee\nMarriage,165\n",
        "hostile-cut-short.xlsx": data[: len(data) // 2],
        "hostile-zip-bomb.xlsx": bomb.getvalue(),
        "hostile-lying-size.xlsx": lying_bomb(),
        "hostile-billion-laughs.xlsx": rewrite(clean_path, {"xl/workbook.xml": laughs}),
        "hostile-external-entity.xlsx": rewrite(clean_path, {"xl/worksheets/sheet1.xml": external}),
        "hostile-malformed-xml.xlsx": rewrite(clean_path, {"xl/workbook.xml": b'<workbook><sheets><sheet name="a"'}),
        "hostile-utf16.xlsx": rewrite(clean_path, {"xl/workbook.xml": '<?xml version="1.0" encoding="UTF-16"?><workbook/>'.encode("utf-16")}),
    }


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    clean().save(OUT / "clean.xlsx")
    for rule, changes in BAD.items():
        clean(**changes).save(OUT / f"bad-{rule}.xlsx")
    gptables_workbook(OUT / "gptables.xlsx")
    for name, data in hostile(OUT / "clean.xlsx").items():
        (OUT / name).write_bytes(data)
    print(f"check-fixtures: {len(list(OUT.glob('*.xlsx')))} workbooks in {OUT}")


if __name__ == "__main__":
    main()

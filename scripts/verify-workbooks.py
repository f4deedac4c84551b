#!/usr/bin/env python3
"""Verify that every formula cell in .xlsx workbooks carries a correct cached value.

Usage:
    verify-workbooks.py [--tolerance 1e-9] FILE_OR_DIR...

For each workbook (a directory argument means every *.xlsx directly inside it):
  1. open it with openpyxl (proves the package/XML is well-formed),
     (LibreOffice runs with an en-GB locale, so date names and orders are UK ones)
  2. collect every formula cell and its cached value (data_only=True),
  3. recalculate it with LibreOffice headless (a fresh temporary profile whose
     OOXMLRecalcMode is 0 = "always recalculate on load"; all workbooks are
     converted in a single soffice invocation), load the converted copy with
     data_only=True and compare, cell by cell (matched by sheet name and
     coordinate), the recalculated value with the cached one.

Comparison rules:
  * numbers: equal when |cached - recalc| <= tol * max(1, |cached|, |recalc|),
    i.e. an ABSOLUTE tolerance for magnitudes <= 1 and a RELATIVE tolerance
    above that (default tol = 1e-9);
  * dates/times (openpyxl turns date-formatted numbers into datetime) are
    compared as Excel serial numbers with the same rule;
  * strings: exactly; a missing cached value (None) equals an empty string;
  * booleans: exactly.  LibreOffice has no boolean cell type, so a recalculated
    0/1 *number* is accepted for a cached FALSE/TRUE (and the reverse);
  * errors (#N/A, #DIV/0!, ...): exactly, and an error never equals a string
    with the same text (a cached string "N/A" must recalculate to "N/A").
  * formulas using NOW/TODAY/RAND/RANDBETWEEN/RANDARRAY are not compared
    (they cannot reproduce); they are reported as skipped.

Output: one line per workbook `name.xlsx: N formula cells checked, D differences`,
each difference as `sheet!A1: formula =..., cached X, recalculated Y`, and a
final `verify: N formula cells in W workbooks, D differences`.

Exit status: 0 all good; 1 any difference or any workbook that failed to open
or convert; 2 usage error or LibreOffice (soffice) not found.

LibreOffice 7.4 quirks seen (so known false alarms are recognisable):
  * it writes results with 15 significant digits (PI() -> 3.14159265358979),
    so a --tolerance below ~1e-14 reports spurious differences;
  * "text"&(A1>1) gives "text1" in LibreOffice but "textTRUE" in Excel (recognised by
    known_quirk() and reported as a quirk, not counted as a difference);
  * a number joined with & gets a 3-digit exponent ("1E+027"; Excel "1E+27") and whole
    numbers of 16+ digits are written in full ("5279749999996528"; Excel
    "5.27974999999653E+15") -- also recognised by known_quirk();
  * it lacks XLOOKUP/XMATCH and other newer _xlfn functions (-> #NAME?);
  * it gives DATE() results a date format, so openpyxl returns a datetime
    (compared here as a serial number, so this is not a difference).

The functions (collect, recalc_all, compare_cells, known_quirk, ...) are imported by
scripts/differential.py.

Environment: SOFFICE=/path/to/soffice overrides the soffice lookup.
Requires: openpyxl (pip install openpyxl).
"""

import argparse
import datetime as _dt
import math
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time

try:
    import openpyxl
    from openpyxl.utils.datetime import to_excel
except ImportError:  # pragma: no cover
    sys.stderr.write("verify-workbooks: openpyxl is not installed (pip install openpyxl)\n")
    sys.exit(2)

try:  # openpyxl >= 3.1
    from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula
except ImportError:  # pragma: no cover
    ArrayFormula = DataTableFormula = ()

VOLATILE_RE = re.compile(r"\b(NOW|TODAY|RAND|RANDBETWEEN|RANDARRAY)\s*\(", re.IGNORECASE)

REGISTRY_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>en-GB</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>en-GB</value></prop></item>
</oor:items>
"""

SOFFICE_CANDIDATES = [
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
]


class Err:
    """A spreadsheet error value (#N/A, #DIV/0!, ...), distinct from a string."""

    __slots__ = ("code",)

    def __init__(self, code):
        self.code = code

    def __eq__(self, other):
        return isinstance(other, Err) and other.code == self.code

    def __repr__(self):
        return self.code


def find_soffice():
    env = os.environ.get("SOFFICE")
    if env:
        return env if (os.path.isfile(env) and os.access(env, os.X_OK)) else None
    for name in ("soffice", "libreoffice"):
        p = shutil.which(name)
        if p:
            return p
    for p in SOFFICE_CANDIDATES:
        if os.path.isfile(p) and os.access(p, os.X_OK):
            return p
    return None


def expand_inputs(args):
    files, problems = [], []
    for a in args:
        p = pathlib.Path(a)
        if p.is_dir():
            found = sorted(q for q in p.iterdir()
                           if q.is_file() and q.suffix.lower() == ".xlsx" and not q.name.startswith("~$"))
            if not found:
                problems.append(f"{a}: directory contains no *.xlsx files")
            files.extend(found)
        elif p.is_file():
            files.append(p)
        else:
            problems.append(f"{a}: no such file or directory")
    return files, problems


def cell_value(cell):
    """The value of a data_only cell, with errors wrapped as Err."""
    v = cell.value
    if cell.data_type == "e" and isinstance(v, str):
        return Err(v)
    return v


def formula_text(v):
    """Formula text without its leading '='."""
    if ArrayFormula and isinstance(v, ArrayFormula):
        t = v.text or ""
        return "{" + (t[1:] if t.startswith("=") else t) + "}"
    if DataTableFormula and isinstance(v, DataTableFormula):
        return "TABLE(...)"
    t = str(v)
    return t[1:] if t.startswith("=") else t


def is_formula(cell):
    v = cell.value
    if cell.data_type == "f":
        return True
    if ArrayFormula and isinstance(v, (ArrayFormula, DataTableFormula)):
        return True
    return False


def collect(path):
    """Return [(sheet, coord, formula, cached_value)] for every formula cell."""
    wb_f = openpyxl.load_workbook(path)  # formulas
    wb_v = openpyxl.load_workbook(path, data_only=True)  # cached values
    out = []
    try:
        for ws in wb_f.worksheets:
            wv = wb_v[ws.title]
            for row in ws.iter_rows():
                for c in row:
                    if is_formula(c):
                        out.append((ws.title, c.coordinate, formula_text(c.value),
                                    cell_value(wv[c.coordinate])))
    finally:
        wb_f.close()
        wb_v.close()
    return out


def as_number(v):
    """Number for comparison or None. Bools are handled separately."""
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, (_dt.datetime, _dt.date, _dt.time)):
        return float(to_excel(v))
    if isinstance(v, _dt.timedelta):
        return v.total_seconds() / 86400.0
    return None


def same(cached, recalc, tol):
    if isinstance(cached, Err) or isinstance(recalc, Err):
        return cached == recalc
    # missing value and empty string are the same "nothing"
    if cached in (None, "") and recalc in (None, ""):
        return True
    if isinstance(cached, bool) or isinstance(recalc, bool):
        if isinstance(cached, bool) and isinstance(recalc, bool):
            return cached == recalc
        # LibreOffice has no boolean type: accept TRUE/FALSE <-> 1/0 numbers
        other = recalc if isinstance(cached, bool) else cached
        b = cached if isinstance(cached, bool) else recalc
        n = as_number(other)
        return n is not None and n == (1.0 if b else 0.0)
    a, b = as_number(cached), as_number(recalc)
    if a is not None and b is not None:
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return abs(a - b) <= tol * max(1.0, abs(a), abs(b))
    if isinstance(cached, str) and isinstance(recalc, str):
        return cached == recalc
    return False


def sheet_ref(sheet, coord):
    """Sheet!A1, quoting the sheet name the way Excel does when needed."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", sheet):
        return f"{sheet}!{coord}"
    return "'" + sheet.replace("'", "''") + f"'!{coord}"


def show(v):
    if isinstance(v, Err):
        return v.code
    if isinstance(v, str):
        return '"' + v.replace('"', '\\"') + '"'
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        return repr(v)
    return "None" if v is None else str(v)



# LibreOffice quirks: differences that come from LibreOffice disagreeing with Excel (the
# spreadsheet Appendix's cached values follow), not from Appendix. Each is matched narrowly by
# the formula's shape AND the exact way the values differ, so a real difference in the same
# cell is still reported; tolerance is never loosened for them.
_COMPARISON_IN_CONCAT_RE = re.compile(r'&\s*\([^()]*(<>|<=|>=|<|>|=)[^()]*\)|\([^()]*(<>|<=|>=|<|>|=)[^()]*\)\s*&')


def known_quirk(formula, cached, recalc):
    """The LibreOffice quirk that explains cached != recalc in this formula, or None."""
    # "text"&(A1>1): Excel joins a logical as TRUE/FALSE, LibreOffice (no boolean type) as 1/0.
    if (isinstance(cached, str) and isinstance(recalc, str) and _COMPARISON_IN_CONCAT_RE.search(formula)
            and ("TRUE" in cached or "FALSE" in cached)
            and cached.replace("TRUE", "1").replace("FALSE", "0") == recalc):
        return "a logical joined with & reads 1/0 in LibreOffice, TRUE/FALSE in Excel"
    # A number joined with &: LibreOffice writes a 3-digit exponent (1E+027; Excel 1E+27) and
    # every digit of a whole number of 16+ digits (5279749999996528; Excel, like General,
    # 15 significant digits: 5.27974999999653E+15). Only those number pieces may differ.
    if isinstance(cached, str) and isinstance(recalc, str) and "&" in formula and cached != recalc:
        a, b = _NUMBER_PIECE_RE.split(cached), _NUMBER_PIECE_RE.split(recalc)
        if len(a) == len(b) and all(x == y or (i % 2 == 1 and _lo_number_text(x, y)) for i, (x, y) in enumerate(zip(a, b))):
            return "a number joined with & is written with a 3-digit exponent or all 16+ digits by LibreOffice"
    # TEXT() of a number of 1E+15 or more: Excel keeps 15 significant digits and shows zeros
    # after them (4,415,950,000,000,000), LibreOffice shows 16 or 17 (4,415,950,000,000,001).
    # Only digit runs of 16+ integer digits may differ, and only past the 15th digit.
    if (isinstance(cached, str) and isinstance(recalc, str) and "TEXT(" in formula.upper()
            and cached != recalc and _same_to_15_digits(cached, recalc)):
        return "TEXT() of a number of 1E+15 or more shows 16+ significant digits in LibreOffice, 15 in Excel"
    return None


_LONG_NUMBER_RE = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)")


def _same_to_15_digits(excel, lo):
    """Whether `excel` and `lo` differ only in whole numbers of 16+ digits that agree once both
    are rounded to 15 significant digits."""
    a, b = _LONG_NUMBER_RE.split(excel), _LONG_NUMBER_RE.split(lo)
    if len(a) != len(b):
        return False
    for i, (x, y) in enumerate(zip(a, b)):
        if x == y:
            continue
        dx, dy = x.replace(",", ""), y.replace(",", "")
        if i % 2 == 0 or len(dx) < 16 or len(dx) != len(dy):
            return False
        if _round15(dx) != _round15(dy):
            return False
    return True


def _round15(digits):
    """A whole number's digits rounded half up to 15 significant digits (zeros after)."""
    head, tail = int(digits[:15]), digits[15:]
    if tail[0] >= "5":
        head += 1
    return str(head) + "0" * len(tail)


_NUMBER_PIECE_RE = re.compile(r"(-?\d+(?:\.\d+)?(?:E[+-]\d+)?)")


def _lo_number_text(excel, lo):
    """Whether `lo` is LibreOffice's text for the number Excel writes as `excel`."""
    # The piece may run on into digits joined after the number ("…E+17" & "658" reads as one
    # piece "…E+17658"; "4228000000273612" & "302" as "4228000000273612302"), so the joined
    # tail must be the same in both.
    m = re.fullmatch(r"(-?\d+(?:\.\d+)?E[+-])0(\d\d+)", lo)
    if m and excel == m.group(1) + m.group(2):
        return True
    if re.fullmatch(r"-?\d{16,}", lo):
        width = 17 if lo.startswith("-") else 16
        return any(_general15(float(lo[:k])) + lo[k:] == excel for k in range(width, len(lo) + 1))
    return False


def _general15(x):
    """Excel's General text of a number of 1e15 or more: 15 significant digits, E+NN."""
    mantissa, exponent = ("%.14E" % x).split("E")
    mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}E{exponent[0]}{int(exponent[1:]):02d}"


class Difference:
    """One formula cell whose cached value differs from the recalculated one."""

    __slots__ = ("sheet", "coord", "formula", "cached", "recalc", "quirk", "kind")

    def __init__(self, sheet, coord, formula, cached, recalc, quirk=None):
        self.sheet, self.coord, self.formula = sheet, coord, formula
        self.cached, self.recalc, self.quirk = cached, recalc, quirk
        self.kind = None  # set by callers that classify differences


def format_difference(d):
    recalc = "<sheet missing in LibreOffice copy>" if d.recalc is _MISSING_SHEET else show(d.recalc)
    return f"{sheet_ref(d.sheet, d.coord)}: formula ={d.formula}, cached {show(d.cached)}, recalculated {recalc}"


_MISSING_SHEET = object()


def compare_cells(cells, wb_r, tol):
    """Compare collect()'s cells with the recalculated workbook wb_r (data_only).
    Returns (checked, skipped, [Difference]); differences explained by a known LibreOffice
    quirk carry its description in .quirk."""
    diffs, checked, skipped = [], 0, 0
    sheetnames = set(wb_r.sheetnames)
    for sheet, coord, formula, cached in cells:
        if VOLATILE_RE.search(formula):
            skipped += 1
            continue
        checked += 1
        if sheet not in sheetnames:
            diffs.append(Difference(sheet, coord, formula, cached, _MISSING_SHEET))
            continue
        recalc = cell_value(wb_r[sheet][coord])
        if not same(cached, recalc, tol):
            diffs.append(Difference(sheet, coord, formula, cached, recalc, known_quirk(formula, cached, recalc)))
    return checked, skipped, diffs


MAX_PER_CALL = 200


def recalc_all(soffice, files, workdir, timeout):
    """Convert all files in one soffice run (one per MAX_PER_CALL files).
    Returns {index: converted path or None}, log."""
    profile = workdir / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(REGISTRY_XCU, encoding="utf-8")
    indir, outdir = workdir / "in", workdir / "out"
    indir.mkdir()
    outdir.mkdir()
    # Copy to unique names so equal basenames from different dirs cannot collide.
    staged = []
    for i, f in enumerate(files):
        dst = indir / f"{i:05d}.xlsx"
        shutil.copyfile(f, dst)
        staged.append(dst)
    env = dict(os.environ)
    env.setdefault("HOME", str(workdir))
    env["SAL_USE_VCLPLUGIN"] = "svp"
    logs = []
    # LibreOffice 7.4 converts at most 242 documents per invocation and then exits 0 without a
    # word about the rest, so more than MAX_PER_CALL workbooks take several calls (one for
    # `make test`'s sample); whatever is still missing is reported by the caller.
    for start in range(0, len(staged), MAX_PER_CALL):
        chunk = staged[start:start + MAX_PER_CALL]
        cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
               "--nologo", "--norestore", "--nolockcheck", "--nodefault",
               "--convert-to", "xlsx:Calc Office Open XML", "--outdir", str(outdir)] + [str(s) for s in chunk]
        try:
            proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  env=env, timeout=timeout, start_new_session=True)
            log = proc.stdout.decode("utf-8", "replace")
            if proc.returncode != 0:
                log += f"\n(soffice exited {proc.returncode})"
        except subprocess.TimeoutExpired as e:
            log = (e.stdout or b"").decode("utf-8", "replace") + f"\n(soffice timed out after {timeout}s)"
        logs.append(log)
    log = "\n".join(logs)
    result = {}
    for i, s in enumerate(staged):
        out = outdir / s.name
        result[i] = out if out.is_file() and out.stat().st_size > 0 else None
    return result, log


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Check cached formula values in .xlsx workbooks against a LibreOffice recalculation.")
    ap.add_argument("--tolerance", type=float, default=1e-9,
                    help="numeric tolerance: absolute for |x|<=1, relative above (default 1e-9)")
    ap.add_argument("--timeout", type=float, default=600,
                    help="seconds allowed for the LibreOffice run (default 600)")
    ap.add_argument("--keep-recalculated", metavar="DIR",
                    help="also copy LibreOffice's recalculated workbooks into DIR (for debugging)")
    ap.add_argument("paths", nargs="+", metavar="FILE.xlsx|DIR")
    args = ap.parse_args(argv)
    if args.tolerance < 0:
        ap.error("--tolerance must be >= 0")

    soffice = find_soffice()
    if not soffice:
        sys.stderr.write("verify-workbooks: LibreOffice 'soffice' not found on PATH "
                         "(install it with scripts/ensure-libreoffice.sh, or set SOFFICE=/path/to/soffice)\n")
        return 2

    files, problems = expand_inputs(args.paths)
    for p in problems:
        print(f"verify-workbooks: {p}", file=sys.stderr)
    failed = len(problems)

    # 1+2: open and collect.
    collected = []  # (path, cells)
    for f in files:
        try:
            cells = collect(f)
        except Exception as e:  # noqa: BLE001 - any failure means "not a valid workbook"
            print(f"{f.name}: FAILED to open with openpyxl: {type(e).__name__}: {e}")
            failed += 1
            continue
        collected.append((f, cells))

    total_cells = total_diffs = 0
    if collected:
        t0 = time.monotonic()
        with tempfile.TemporaryDirectory(prefix="verify-workbooks-") as tmp:
            converted, log = recalc_all(soffice, [f for f, _ in collected], pathlib.Path(tmp), args.timeout)
            elapsed = time.monotonic() - t0
            if args.keep_recalculated:
                keep = pathlib.Path(args.keep_recalculated)
                keep.mkdir(parents=True, exist_ok=True)
                for i, (f, _) in enumerate(collected):
                    if converted.get(i):
                        shutil.copyfile(converted[i], keep / f.name)
            for i, (f, cells) in enumerate(collected):
                out = converted.get(i)
                if out is None:
                    print(f"{f.name}: FAILED: LibreOffice did not produce a recalculated copy")
                    print("  soffice output: " + (log.strip().replace("\n", "\n  ") or "(none)"))
                    failed += 1
                    continue
                try:
                    wb_r = openpyxl.load_workbook(out, data_only=True)
                except Exception as e:  # noqa: BLE001
                    print(f"{f.name}: FAILED to open LibreOffice's recalculated copy: {type(e).__name__}: {e}")
                    failed += 1
                    continue
                checked, skipped, found = compare_cells(cells, wb_r, args.tolerance)
                diffs = [format_difference(d) for d in found if not d.quirk]
                quirks = [d for d in found if d.quirk]
                wb_r.close()
                print(f"{f.name}: {checked} formula cells checked, {len(diffs)} differences")
                if skipped:
                    print(f"  ({skipped} volatile formula cells not compared: NOW/TODAY/RAND...)")
                for d in diffs:
                    print("  " + d)
                for d in quirks:
                    print(f"  (LibreOffice quirk, not counted: {d.quirk}) {format_difference(d)}")
                total_cells += checked
                total_diffs += len(diffs)
        sys.stdout.flush()
        print(f"  (LibreOffice recalculation of {len(collected)} workbook(s) took {elapsed:.1f}s)",
              file=sys.stderr)

    nwb = len(files)
    line = f"verify: {total_cells} formula cells in {nwb} workbooks, {total_diffs} differences"
    if failed:
        line += f", {failed} failed"
    print(line)
    return 1 if (total_diffs or failed) else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Differential test: Appendix's cached formula values against a real spreadsheet engine.

Generates random report definitions and CSV data (seeded, reproducible), builds each with the
`appendix` CLI, recalculates ALL the built workbooks in ONE LibreOffice call and compares every
formula cell's cached value with the recalculated one (scripts/verify-workbooks.py's functions).

Properties checked, per generated case:
  * the build either succeeds (exit 0, the workbook opens in openpyxl) or fails with exactly one
    stderr line starting `appendix: error:` and exit 1, leaving no file at the output path and no
    temporary file beside it -- never a crash (exit >= 70, a signal) or a partial file;
  * 0 differences between cached and recalculated values (tolerance 1e-9, as `make verify`);
    differences that are known LibreOffice quirks (verify-workbooks.known_quirk) are listed but
    not counted;
  * issue #11 item 13: min/max/sum over related rows holding no number must not show 0.

What is generated: field types money/number/percent/integer/auto/text with blanks, N/A (any
case), text misfits, accounting forms; near-equal floats (0.30000000000000004 vs 0.3); large and
small magnitudes (1e-9 .. 1e14, negatives); expressions using every operator and function of the
language (+ - * / unary -, & , = <> < <= > >=, min/max/sum/avg over values, ranges `a:b` and
related keyed sources `src.field`, if, round, abs, isnumber, text(x, fmt), iferror, rag, dot);
display patterns; totals (SUBTOTAL), group_by with subtotals, sort, filter, for_each columns,
per_period sheets with a summary.

The generators include the inputs behind issue #11's silent differences (near-equal floats,
related rows with no number, TEXT() of huge values, result/target pairs that differ in the 16th
digit, 1e400): each once gave a cached value LibreOffice disagreed with, and is fixed.

Usage:
    differential.py [--count N] [--seed S] [--first I] [--bin PATH] [--work DIR]
                    [--engine libreoffice|gnumeric] [--show N]
    differential.py --print-case I [--seed S]      # the definition and CSVs of one case

A difference prints the seed and case number, the definition, the CSV files and the cell; the
case can be rebuilt with `--seed S --first I --count 1` or shown with `--print-case I`.
The last line is `differential: ...` with the figures. Exit status 0 when every property holds,
1 otherwise, 2 on a usage/setup error. With --engine gnumeric differences are listed but never
fail the run (the reference engine is LibreOffice).
"""

import argparse
import concurrent.futures
import importlib.util
import os
import pathlib
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("verify_workbooks", HERE / "verify-workbooks.py")
vw = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(vw)
openpyxl = vw.openpyxl

DEFAULT_SEED = 20240611

# ----------------------------------------------------------------------------------------------
# Values


def num_text(x):
    """A float as a CSV number (shortest round trip, integers without '.0')."""
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


class Gen:
    """Random choices for one case."""

    def __init__(self, rng):
        self.r = rng
        self.tags = set()

    def pick(self, seq):
        return self.r.choice(seq)

    def chance(self, p):
        return self.r.random() < p

    # -- numbers -------------------------------------------------------------------------------
    def number(self, kind="any"):
        r = self.r
        roll = r.random()
        if kind == "int":
            if roll < 0.7:
                return float(r.randint(-50, 1200))
            return float(self.pick([0, 1, 1000, 1234567, 99999999999999, -100000000000000, 10 ** 14, 7 * 10 ** 12]))
        if roll < 0.18:
            v = self.pick([0.1, 0.2, 0.3, 0.30000000000000004, 0.7, 0.6999999999999999, 1.0000000000000002,
                              100.00000000000001, 0.9, 0.8999999999999999, 1.1, 1.1000000000000001, 3.3000000000000003])
            self.tags.add("near-equal")
            return v
        if roll < 0.30:
            self.tags.add("magnitude")
            return self.pick([1e-9, -1e-9, 2.5e-7, 0.001, 1e14, -1e14, 123456789012.34, -56789012345.6,
                              99999999999999.0, 3e-5, 5e-10, 12345678.901234, 1e13 + 0.5])
        if roll < 0.45:
            return float(r.randint(-20, 20))
        if roll < 0.8:
            return round(r.uniform(-1000, 5000), r.randint(0, 3))
        return self.pick([0.0, 0.5, 0.25, 0.1, 0.125, 100.0, 90.1, 90.0, 110.0, 99.0, 0.09, 0.099, 10.0])

    def missing_text(self):
        return self.pick(["", "", "N/A", "n/a", "NA", "#N/A", " N/A "])

    def cell(self, ftype):
        """CSV text for a value of a field of type ftype."""
        r = self.r
        roll = r.random()
        if roll < 0.12:
            self.tags.add("missing")
            return self.missing_text()
        if ftype == "text":
            return self.pick(["0123", "N/A", "abc", "", "12", "Due Q3", "1,234"])
        if ftype == "auto" and roll < 0.2:
            self.tags.add("auto-text")
            return self.pick(["See detail comments", "Due Q3 18/19", "tbc", "1 234", "-"])
        if ftype == "integer":
            x = self.number("int")
            if abs(x) >= 1000 and x == int(x) and self.chance(0.4):
                return f"{int(x):,}"
            return num_text(x)
        x = self.number()
        if ftype == "percent":
            if self.chance(0.5) and abs(x) < 1e6:
                # "12.5%" reads as 0.125
                return num_text(round(x, 3)) + "%"
            return num_text(x)
        if ftype == "money":
            y = round(x, 2)
            form = r.random()
            if 0.01 <= abs(y) < 1e12 and y == x:
                if form < 0.25:
                    return ("-£" if y < 0 else "£") + f"{abs(y):,.2f}"
                if form < 0.4 and y < 0:
                    return f"({abs(y):,.2f})"
                if form < 0.5:
                    return f"{y:,.2f}" if y >= 0 else f"-{abs(y):,.2f}"
            if form > 0.95:
                return "-"  # a lone dash is zero in money fields
            return num_text(x)
        return num_text(x)


# ----------------------------------------------------------------------------------------------
# Expressions

NUM_LITERALS = ["0", "1", "2", "3", "100", "0.1", "0.2", "0.3", "10%", "2.5", ".5", "1e3", "1e-9", "1e14", "0.001"]
TEXT_FORMATS = ["0", "0.0", "0.00", "#,##0", "#,##0.00", "£#,##0", "£#,##0.00", "0%", "0.0%", "+0.0%;-0.0%;0.0%",
                "$0.000", "€#,##0.000000", "+0;-0", "-0.0", "0.000000", "#,##0;-#,##0;0"]
CMP_OPS = ["=", "<>", "<", "<=", ">", ">=", "=="]
POLARITIES = ['"Smaller is Better"', '"smaller is better"', '"Bigger is Better"', '"anything"']


class ExprGen:
    def __init__(self, g, nums, texts, ranges, related, pol_cols):
        self.g = g
        self.nums = nums          # numeric column ids usable here
        self.texts = texts        # text column ids
        self.ranges = ranges      # (first, last) column-range pairs
        self.related = related    # "src.field" strings
        self.pol_cols = pol_cols  # polarity columns

    def num(self, d):
        g = self.g
        if d <= 0 or g.chance(0.25):
            if g.chance(0.8) and self.nums:
                return g.pick(self.nums)
            return g.pick(NUM_LITERALS)
        k = g.r.randint(0, 13)
        if k <= 3:
            op = g.pick(["+", "-", "*", "/"])
            g.tags.add("arith")
            return f"{self.num(d - 1)} {op} {self.num(d - 1)}"
        if k == 4:
            return f"({self.num(d - 1)})"
        if k == 5:
            g.tags.add("negate")
            return f"-{self.atom(d - 1)}"
        if k == 6:
            g.tags.add("aggregate")
            fn = g.pick(["min", "max", "sum", "avg"])
            n = g.r.randint(1, 3)
            args = [self.agg_arg(d - 1) for _ in range(n)]
            return f"{fn}({', '.join(args)})"
        if k == 7:
            g.tags.add("if")
            return f"if({self.cond(d - 1)}, {self.num(d - 1)}, {self.num(d - 1)})"
        if k == 8:
            g.tags.add("round")
            digits = g.pick(["", ", 0", ", 1", ", 2", ", -1", ", -2", ", 3"])
            return f"round({self.num(d - 1)}{digits})"
        if k == 9:
            g.tags.add("abs")
            return f"abs({self.num(d - 1)})"
        if k == 10:
            g.tags.add("iferror")
            fb = self.num(0) if g.chance(0.6) else '"n/c"'
            return f"iferror({self.num(d - 1)}, {fb})"
        if k == 11 and (self.ranges or self.related):
            g.tags.add("aggregate")
            fn = g.pick(["min", "max", "sum", "avg"])
            return f"{fn}({self.agg_arg(d - 1, prefer_many=True)})"
        return f"{self.atom(d - 1)} {g.pick(['*', '/'])} {self.atom(d - 1)}"

    def atom(self, d):
        e = self.num(d)
        return e if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*|[0-9.e%-]+", e) and not e.startswith("-") else f"({e})"

    def agg_arg(self, d, prefer_many=False):
        g = self.g
        roll = g.r.random()
        if (prefer_many or roll < 0.35) and self.related and g.chance(0.5):
            g.tags.add("related")
            return g.pick(self.related)
        if (prefer_many or roll < 0.6) and self.ranges:
            g.tags.add("range")
            a, b = g.pick(self.ranges)
            return f"{a}:{b}"
        return self.num(d)

    def cond(self, d):
        g = self.g
        roll = g.r.random()
        if roll < 0.5:
            g.tags.add("compare")
            return f"{self.num(d)} {g.pick(CMP_OPS)} {self.num(d)}"
        if roll < 0.7 and (self.nums or self.texts):
            g.tags.add("isnumber")
            return f"isnumber({g.pick(self.nums + self.texts)})"
        if roll < 0.8 and self.texts:
            g.tags.add("text-compare")
            lit = g.pick(['"alpha"', '"Beta"', '""', '"N/A"'])
            return f'{g.pick(self.texts)} {g.pick(["=", "<>", "<", ">="])} {lit}'
        return self.num(d)

    def text_fn(self, d):
        g = self.g
        g.tags.add("text()")
        x = self.num(d)
        if g.chance(0.15):
            g.tags.add("text-huge")
            x = f"({x}) * 1e14"
        return f'text({x}, "{g.pick(TEXT_FORMATS)}")'

    def pol(self):
        g = self.g
        if self.pol_cols and g.chance(0.6):
            return g.pick(self.pol_cols)
        return g.pick(POLARITIES)

    def string(self, d):
        g = self.g
        k = g.r.randint(0, 9)
        if k <= 1:
            return self.text_fn(d - 1)
        if k == 2:
            g.tags.add("rag")
            return f"rag({self.num(d - 1)}, {self.num(d - 1)}, {self.pol()})"
        if k == 3:
            g.tags.add("dot")
            return f"dot({self.num(d - 1)}, {self.num(d - 1)}, {self.pol()})"
        if k == 4:
            g.tags.add("concat")
            return f"{self.num(d - 1)} & \" / \" & {self.num(d - 1)}"
        if k == 5:
            g.tags.add("concat")
            left = g.pick(self.texts) if self.texts else '"x"'
            return f"{left} & \" (\" & {self.text_fn(d - 1)} & \")\""
        if k == 6:
            g.tags.add("if")
            return f"if({self.cond(d - 1)}, {self.string(d - 1)}, {self.string(d - 1) if g.chance(0.5) else self.num(d - 1)})"
        if k == 7:
            g.tags.add("iferror")
            return f'iferror({self.string(d - 1)}, "not comparable")'
        if k == 8 and g.chance(0.3):
            # a logical joined with & (LibreOffice quirk: 1/0 instead of TRUE/FALSE)
            g.tags.add("concat-logical")
            return f'"flag " & ({self.num(0)} > {self.num(0)})'
        return f"{self.num(d - 1)} & \"\""

    def top(self):
        d = self.g.r.randint(1, 4)
        return self.string(d) if self.g.chance(0.4) else self.num(d)

    def display(self):
        g = self.g
        g.tags.add("display")
        parts = []
        for _ in range(g.r.randint(1, 3)):
            lit = g.pick(["", " – ", "/", " against ", " ({{x}}) ", "£"])
            hole = self.num(g.r.randint(0, 2))
            if g.chance(0.5):
                hole += ":" + g.pick(TEXT_FORMATS)
            parts.append(lit + "{" + hole + "}")
        return "".join(parts)


# ----------------------------------------------------------------------------------------------
# Definitions


def yq(s):
    """A YAML double-quoted scalar."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def ys(s):
    """A YAML single-quoted scalar (for expressions and patterns)."""
    return "'" + s.replace("'", "''") + "'"


def csv_text(header, rows):
    def q(v):
        return '"' + v.replace('"', '""') + '"' if any(c in v for c in ',"\n') or v != v.strip() else v
    return "".join(",".join(q(v) for v in line) + "\n" for line in [header] + rows)


FIELD_TYPES = ["money", "number", "percent", "integer", "auto", "auto"]
GROUPS = ["Alpha", "Beta", "Gamma", "alpha"]
LABELS = ["alpha", "Beta", "gamma", "Delta", "", "N/A", "Epsilon"]
POL_VALUES = ["Smaller is Better", "smaller is better", "Bigger is Better", "", "N/A"]


class Case:
    def __init__(self, number, yaml, files, tags):
        self.number, self.yaml, self.files, self.tags = number, yaml, files, tags

    def text(self):
        out = ["--- definition.yaml", self.yaml.rstrip("\n")]
        for name, body in self.files.items():
            out += [f"--- {name}", body.rstrip("\n")]
        return "\n".join(out)


def generate(seed, number):
    g = Gen(random.Random(f"{seed}:{number}"))
    if g.chance(0.15):
        return periodic_case(g, number)
    return table_case(g, number)


def expression_columns(g, cols, nums, texts, ranges, related, pol_cols, count):
    """Appends `count` expression/display columns; later ones may use earlier ones."""
    made = []
    for j in range(count):
        eg = ExprGen(g, list(nums), list(texts), list(ranges), related, pol_cols)
        cid = f"e{j + 1}"
        lines = [f"      - id: {cid}"]
        if g.chance(0.2):
            lines.append(f"        display: {ys(eg.display())}")
            texts.append(cid)
        else:
            e = eg.top()
            lines.append(f"        expression: {ys(e)}")
            (texts if re.match(r"(text|rag|dot)\(|.*&", e) else nums).append(cid)
        if g.chance(0.3):
            lines.append(f"        missing: {yq(g.pick(['', '–', 'n/a', 'no data']))}")
        if g.chance(0.3):
            lines.append(f"        format: {yq(g.pick(['money', 'percent1', 'thousands', '0.000', 'general', 'signed_percent1']))}")
        if g.chance(0.1):
            lines.append("        hidden: true")
        cols.append("\n".join(lines))
        made.append(cid)
        # a range over the columns so far (consecutive columns in sheet order)
    return made


def table_case(g, number):
    nf = g.r.randint(2, 5)
    types = [g.pick(FIELD_TYPES) for _ in range(nf)]
    if g.chance(0.1):
        types[g.r.randint(0, nf - 1)] = "text"
    use_for_each = g.chance(0.25)
    use_related = g.chance(0.35)
    use_pol = g.chance(0.4)
    use_group = g.chance(0.3)
    use_sort = g.chance(0.3)
    use_filter = g.chance(0.2)
    use_totals = g.chance(0.5) or use_group

    fields = [f"f{i + 1}" for i in range(nf)]
    fe_labels = ["2019/20", "2020/21", "2021/22"][: g.r.randint(2, 3)] if use_for_each else []
    fe_fields = ["y_" + lab.replace("/", "_") for lab in fe_labels]
    fe_type = g.pick(FIELD_TYPES)

    header = ["label", "grp"] + fields + fe_fields + (["pol"] if use_pol else []) + (["k"] if use_related else [])
    nrows = g.r.randint(1, 9)
    rows = []
    keys = ["K1", "K2", "K3", "K4"]
    for _ in range(nrows):
        row = [g.pick(LABELS), g.pick(GROUPS)]
        row += [g.cell(t) for t in types]
        row += [g.cell(fe_type) for _ in fe_fields]
        if use_pol:
            row.append(g.pick(POL_VALUES))
        if use_related:
            row.append(g.pick(keys + ["K9", ""]))
        rows.append(row)
    # occasionally a misfit value in a strict field: the build must fail cleanly
    if g.chance(0.04):
        strict = [i for i, t in enumerate(types) if t in ("money", "number", "percent", "integer")]
        if strict:
            g.tags.add("misfit")
            # 1e400 overflows (issue #11 item 5): refused with a one-line error, never INF in a cell
            at, column, bad = g.r.randrange(len(rows)), g.pick(strict), g.pick(["abc", "1,23", "12 34", "£", "1e400"])
            rows[at][2 + column] = bad

    files = {"main.csv": csv_text(header, rows)}
    y = ["sources:", "  main:", "    file: main.csv", "    fields:"]
    y += [f"      {f}: {t}" for f, t in zip(fields, types)]
    y += [f"      {f}: {fe_type}" for f in fe_fields]
    y.append("      label: text" if g.chance(0.5) else "      label: auto")
    if use_related:
        y.append("      k: text")
    if g.chance(0.15):
        y.append('    missing: ["", "N/A", "-", "tbc"]')
        g.tags.add("missing-list")
    related = []
    if use_related:
        rtypes = [g.pick(FIELD_TYPES) for _ in range(2)]
        rrows = []
        for k in keys:
            n = g.pick([0, 1, 2, 3])
            all_missing = g.chance(0.3)
            for i in range(n):
                if all_missing:
                    vals = [g.missing_text() or "N/A" for _ in rtypes]
                    g.tags.add("related-no-number")
                else:
                    vals = [g.cell(t) for t in rtypes]
                rrows.append([k] + vals)
        if not rrows:
            rrows.append(["K1", "1", "2"])
        files["rel.csv"] = csv_text(["k", "r1", "r2"], rrows)
        y += ["  rel:", "    file: rel.csv", "    key: k", "    fields:", "      k: text",
              f"      r1: {rtypes[0]}", f"      r2: {rtypes[1]}"]
        related = ["rel.r1", "rel.r2"]
    y += ["sheets:", "  - name: Main", "    source: main"]
    if g.chance(0.5):
        y.append(f"    title: {yq('Case ' + str(number))}")
    if g.chance(0.3):
        y.append("    subtitle: generated")
    if use_filter:
        g.tags.add("filter")
        f = g.pick(fields)
        y.append("    filter: " + ys(g.pick([f'grp <> "Beta"', f'if(isnumber({f}), {f} < 100, 0)',
                                              f'{f} >= 0', f'label = "alpha"', f'isnumber({f})'])))
    if use_sort:
        g.tags.add("sort")
        y.append("    sort:")
        y.append(f"      - {g.pick(['grp', 'label'])}")
        if g.chance(0.6):
            y.append(f"      - {{ field: {g.pick(fields)}, descending: {g.pick(['true', 'false'])} }}")
    cols = ["      - field: label", "      - field: grp"]
    nums, texts, pol_cols = [], ["label", "grp"], []
    order = ["label", "grp"]
    for f in fields:
        cols.append(f"      - field: {f}")
        if g.chance(0.3):
            cols.append(f"        format: {g.pick(['money', 'percent', 'count', 'number', 'thousands_dash'])}")
        nums.append(f)
        order.append(f)
    if use_for_each:
        g.tags.add("for_each")
        cols.append(f"      - for_each: [{', '.join(yq(x) for x in fe_labels)}]\n        id: \"y_{{key}}\"\n"
                    f"        field: \"y_{{key}}\"\n        header: \"{{label}}\"")
        nums += fe_fields
        order += fe_fields
    if use_pol:
        cols.append("      - field: pol")
        pol_cols.append("pol")
        texts.append("pol")
        order.append("pol")
    if use_related and g.chance(0.5):
        cols.append("      - field: k")
        order.append("k")
    if g.chance(0.2):
        # issue #11 item 9: near-equal result/target pairs compared by =, rag() and dot()
        g.tags.add("near-equal-pair")
        pairs = [("0.30000000000000004", "0.3"), ("0.3", "0.30000000000000004"), ("100.00000000000001", "100"),
                 ("1.0000000000000002", "1"), ("0.6999999999999998", "0.7"), ("90.00000000000001", "100")]
        header += ["res", "tgt"]
        for row in rows:
            pair = g.pick(pairs)
            row += list(pair)
        y.insert(y.index("    fields:") + 1, "      res: number\n      tgt: number")
        cols.append("      - field: res\n      - field: tgt")
        cols.append("      - id: onq\n        expression: 'if(res = tgt, \"on target\", \"off target\")'")
        cols.append(f"      - id: ragq\n        expression: 'rag(res, tgt, {g.pick(POLARITIES)})'")
        cols.append("      - id: dotq\n        expression: 'dot(res, tgt, \"Bigger is Better\")'")
        texts += ["onq", "ragq", "dotq"]
        order += ["res", "tgt"]
        nums += ["res", "tgt"]
        files["main.csv"] = csv_text(header, rows)
    ranges = []
    for _ in range(3):
        i = g.r.randrange(2, len(order))
        j = g.r.randrange(i, len(order))
        ranges.append((order[i], order[j]))
    made = expression_columns(g, cols, nums, texts, ranges, related, pol_cols, g.r.randint(1, 5))
    y += ["    columns:"] + cols
    if use_group:
        g.tags.add("group_by")
        y.append("    group_by:")
        y.append(f"      - {{ field: grp, heading: {yq('{value}')}, subtotal: {yq('Total {value}')} }}")
    if use_totals:
        g.tags.add("totals")
        candidates = [c for c in nums if c not in ()]
        chosen = g.r.sample(candidates, g.r.randint(1, min(3, len(candidates))))
        y.append("    totals:")
        y.append(f"      columns: [{', '.join(chosen)}]")
        y.append("      label: Total")
    if use_related:
        y += ["  - name: Rel", "    source: rel", "    columns:", "      - field: k", "      - field: r1", "      - field: r2"]
    return Case(number, "\n".join(y) + "\n", files, g.tags)


MONTHS = [("2018-04", "Apr 2018"), ("2018-05", "May 2018"), ("2018-06", "June 2018"), ("2018-07", "2018/07"),
          ("2018-08", "Aug-2018"), ("2018-09", "Sept 2018"), ("2018-10", "October 2018"), ("2018-11", "2018-11"),
          ("2018-12", "Dec 2018"), ("2019-01", "2019-01"), ("2019-02", "Feb 2019"), ("2019-03", "Mar 2019"),
          ("2019-04", "Apr 2019")]


def periodic_case(g, number):
    g.tags.add("per_period")
    start = g.r.randint(0, 8)
    months = MONTHS[start:start + g.r.randint(1, 5)]
    if len(months) > 2 and g.chance(0.5):
        months = months[:1] + months[2:]  # a gap: the summary shows "(no data)"
        g.tags.add("period-gap")
    measures = ["FPN littering", "Fly-tipping", "Dog fouling", "Graffiti"][: g.r.randint(1, 4)]
    ctype = g.pick(["integer", "number", "money", "auto"])
    xtype = g.pick(FIELD_TYPES)
    rows = []
    for _, written in months:
        for m in measures:
            if g.chance(0.9):
                rows.append([written, m, g.cell(ctype), g.cell(xtype)])
    if not rows:
        rows.append([months[0][1], measures[0], "1", "2"])
    g.r.shuffle(rows)
    files = {"pp.csv": csv_text(["period", "measure", "count", "x"], rows)}
    y = ["sources:", "  pp:", "    file: pp.csv", "    fields:", f"      count: {ctype}", f"      x: {xtype}",
         "sheets:", '  - name: "{period}"', "    source: pp", "    per_period: period",
         '    title: "Activity, {period}"', "    columns:", "      - field: measure", "      - field: count",
         "      - field: x"]
    cols = []
    nums, texts = ["count", "x"], ["measure"]
    made = expression_columns(g, cols, nums, texts, [("count", "x")], [], [], g.r.randint(1, 3))
    y += cols
    if g.chance(0.6):
        g.tags.add("totals")
        y += ["    totals:", f"      columns: [{', '.join(g.r.sample(['count', 'x'], g.r.randint(1, 2)))}]", "      label: Total"]
    value = g.pick(["count", "x"] + [c for c in made if c in nums])
    y += ["    summary:", "      name: Summary", "      rows: measure", f"      value: {value}"]
    if g.chance(0.5):
        y.append("      chart: { type: line, title: By month }")
    return Case(number, "\n".join(y) + "\n", files, g.tags)


# ----------------------------------------------------------------------------------------------
# Building


class Built:
    def __init__(self, case, workdir, xlsx):
        self.case, self.workdir, self.xlsx = case, workdir, xlsx
        self.rc = None
        self.stderr = ""
        self.problem = None  # a violated build property
        self.cells = None    # collect()'s cells when the workbook opened


def build_one(binary, case, root):
    workdir = root / f"case-{case.number:05d}"
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    (workdir / "definition.yaml").write_text(case.yaml, encoding="utf-8")
    for name, body in case.files.items():
        (workdir / name).write_text(body, encoding="utf-8")
    outdir = workdir / "out"
    outdir.mkdir()
    xlsx = outdir / f"case-{case.number:05d}.xlsx"
    b = Built(case, workdir, xlsx)
    try:
        p = subprocess.run([binary, "build", str(workdir / "definition.yaml"), "--data", str(workdir),
                            "--output", str(xlsx), "--mode", "memory"],
                           stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
    except subprocess.TimeoutExpired:
        b.problem = "build timed out after 120s"
        return b
    b.rc = p.returncode
    b.stderr = p.stderr.decode("utf-8", "replace")
    leftovers = [q.name for q in outdir.iterdir() if q != xlsx]
    if p.returncode == 0:
        if not xlsx.is_file():
            b.problem = "exit 0 but no workbook written"
        elif leftovers:
            b.problem = f"exit 0 but temporary files left: {leftovers}"
    elif p.returncode == 1:
        lines = b.stderr.strip("\n").split("\n")
        if len(lines) != 1 or not lines[0].startswith("appendix: error:"):
            b.problem = f"exit 1 without a one-line 'appendix: error:' message: {b.stderr!r}"
        elif xlsx.exists():
            b.problem = "exit 1 but a (partial) workbook was written"
        elif leftovers:
            b.problem = f"exit 1 and files left in the output folder: {leftovers}"
    else:
        how = f"signal {-p.returncode}" if p.returncode < 0 else f"exit {p.returncode}"
        b.problem = f"crash: {how}; stderr: {b.stderr.strip()[:500]!r}"
    return b


# ----------------------------------------------------------------------------------------------
# Checks beyond cached == recalculated

_RELATED_AGG_RE = re.compile(r"^(?:IFERROR\()?(MIN|MAX|SUM)\('((?:[^']|'')+)'!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)\)")


def related_without_numbers(wb_values, formula, value):
    """Issue #11 item 13: MIN/MAX/SUM over related rows with no number must not show 0."""
    m = _RELATED_AGG_RE.match(formula)
    if not m or not isinstance(value, (int, float)) or isinstance(value, bool) or value != 0:
        return False
    sheet = m.group(2).replace("''", "'")
    if sheet not in wb_values.sheetnames:
        return False
    ws = wb_values[sheet]
    for row in ws[f"{m.group(3)}{m.group(4)}:{m.group(5)}{m.group(6)}"]:
        for c in row:
            if isinstance(c.value, (int, float)) and not isinstance(c.value, bool):
                return False
    return True


def classify(d):
    """A short name for the kind of a difference (for the summary; the cells are printed in full)."""
    f, c, r = d.formula, d.cached, d.recalc
    if getattr(d, "kind", None):
        return d.kind
    if isinstance(c, str) and isinstance(r, str):
        if {c, r} <= {"GREEN", "AMBER", "RED"} or re.search(r"(GREEN|AMBER|RED)", c + r):
            return "rag() status differs (near-equal comparison)"
        if "TEXT(" in f and re.search(r"\d{16,}", c.replace(",", "") + r.replace(",", "")):
            return "TEXT() of a value >= 1e15"
        if re.search(r"[→↑↓] [SIW]", c + r):
            return "dot() direction differs (near-equal comparison)"
        if re.search(r"\dE-\d\d", c) and re.search(r"0\.0000", r):
            return "number < 1e-4 joined with &: E-notation cached, decimals recalculated"
        if c == "N/A" or r == "N/A" or c in ("", "n/a", "–", "no data", "n/c") or r in ("", "n/a", "–", "no data", "n/c"):
            return "missing text on one side only"
        if "TEXT(" in f:
            return "TEXT() result differs"
        return "text result differs"
    if isinstance(c, str) != isinstance(r, str):
        return "number on one side, text (missing) on the other"
    if isinstance(c, vw.Err) or isinstance(r, vw.Err):
        return "error value differs"
    if isinstance(r, (int, float)) and r == 0 and isinstance(c, (int, float)) and abs(c) < 1e-9:
        return "near-equal subtraction: tiny cached, 0 recalculated (LibreOffice approxSub)"
    return "numeric result differs"


# ----------------------------------------------------------------------------------------------
# Engines


def recalc_gnumeric(files, workdir, timeout):
    ssconvert = shutil.which("ssconvert")
    if not ssconvert:
        raise SystemExit("differential: Gnumeric's ssconvert is not installed (apt-get install gnumeric)")
    out = {}
    log = []
    for i, f in enumerate(files):
        dst = workdir / f"{i:05d}.xlsx"
        try:
            p = subprocess.run([ssconvert, "--recalc", "-T", "Gnumeric_Excel:xlsx2", str(f), str(dst)],
                               capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
            if p.returncode != 0:
                log.append(p.stderr.decode("utf-8", "replace"))
        except subprocess.TimeoutExpired:
            log.append(f"{f}: ssconvert timed out")
        out[i] = dst if dst.is_file() and dst.stat().st_size > 0 else None
    return out, "\n".join(log)


# ----------------------------------------------------------------------------------------------


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=50, help="number of generated workbooks (default 50)")
    ap.add_argument("--seed", type=int, default=int(os.environ.get("APPENDIX_FUZZ_SEED", DEFAULT_SEED)),
                    help=f"seed (default APPENDIX_FUZZ_SEED or {DEFAULT_SEED})")
    ap.add_argument("--first", type=int, default=0, help="number of the first case (default 0)")
    ap.add_argument("--cases", help="comma-separated case numbers to run instead of --first/--count")
    ap.add_argument("--bin", default=".build/debug/appendix", help="the appendix binary")
    ap.add_argument("--work", default=".build/differential", help="folder for cases and workbooks (emptied)")
    ap.add_argument("--engine", choices=["libreoffice", "gnumeric"], default="libreoffice")
    ap.add_argument("--tolerance", type=float, default=1e-9)
    ap.add_argument("--timeout", type=float, default=3600, help="seconds for the engine run")
    ap.add_argument("--jobs", type=int, default=2, help="parallel builds (default 2)")
    ap.add_argument("--show", type=int, default=10, help="print definition and CSVs of at most N failing cases")
    ap.add_argument("--report", metavar="FILE.json", help="also write every case's tags, build outcome and differences")
    ap.add_argument("--print-case", type=int, metavar="I", help="print case I's definition and CSVs and exit")
    args = ap.parse_args(argv)

    if args.print_case is not None:
        print(generate(args.seed, args.print_case).text())
        return 0
    binary = os.path.abspath(args.bin)
    if not os.access(binary, os.X_OK):
        print(f"differential: {args.bin} not found; build it with `swift build --product appendix`", file=sys.stderr)
        return 2
    if args.engine == "libreoffice":
        soffice = vw.find_soffice()
        if not soffice:
            print("differential: LibreOffice 'soffice' not found (scripts/ensure-libreoffice.sh)", file=sys.stderr)
            return 2
    root = pathlib.Path(args.work).resolve()
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)

    t0 = time.monotonic()
    numbers = ([int(x) for x in args.cases.replace(" ", "").split(",") if x] if args.cases
               else list(range(args.first, args.first + args.count)))
    cases = [generate(args.seed, n) for n in numbers]
    with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as pool:
        built = list(pool.map(lambda c: build_one(binary, c, root), cases))
    t_build = time.monotonic() - t0

    failures = {}  # case number -> [lines]

    def fail(b, line):
        failures.setdefault(b.case.number, []).append(line)

    ok = []
    refused = 0
    for b in built:
        if b.problem:
            fail(b, f"build: {b.problem}")
            continue
        if b.rc == 1:
            refused += 1
            continue
        try:
            b.cells = vw.collect(b.xlsx)
        except Exception as e:  # noqa: BLE001 - any failure means "not a valid workbook"
            fail(b, f"openpyxl cannot open the workbook: {type(e).__name__}: {e}")
            continue
        ok.append(b)

    t1 = time.monotonic()
    engine = "LibreOffice" if args.engine == "libreoffice" else "Gnumeric"
    with tempfile.TemporaryDirectory(prefix="differential-") as tmp:
        tmp = pathlib.Path(tmp)
        if not ok:
            converted, log = {}, ""
        elif args.engine == "libreoffice":
            converted, log = vw.recalc_all(soffice, [b.xlsx for b in ok], tmp, args.timeout)
        else:
            converted, log = recalc_gnumeric([b.xlsx for b in ok], tmp, args.timeout)
        t_recalc = time.monotonic() - t1
        cells_total = diffs_total = quirks_total = 0
        kinds = {}
        report = {b.case.number: {"tags": sorted(b.case.tags), "rc": b.rc, "problem": b.problem,
                                  "stderr": b.stderr.strip()} for b in built}
        for i, b in enumerate(ok):
            out = converted.get(i)
            if out is None:
                fail(b, f"{engine} did not produce a recalculated copy; log: {log.strip()[:300]}")
                continue
            try:
                wb_r = openpyxl.load_workbook(out, data_only=True)
            except Exception as e:  # noqa: BLE001
                fail(b, f"cannot open {engine}'s recalculated copy: {type(e).__name__}: {e}")
                continue
            checked, _, found = vw.compare_cells(b.cells, wb_r, args.tolerance)
            wb_r.close()
            report[b.case.number]["cells"] = checked
            cells_total += checked
            wb_v = openpyxl.load_workbook(b.xlsx, data_only=True)
            for sheet, coord, formula, cached in b.cells:
                if args.engine == "libreoffice" and related_without_numbers(wb_v, formula, cached):
                    d = vw.Difference(sheet, coord, formula, cached, cached)
                    d.kind = "min/max/sum over related rows with no number gives 0 (issue #11 item 13)"
                    found.append(d)
            wb_v.close()
            for d in found:
                if d.quirk:
                    quirks_total += 1
                    print(f"case {b.case.number}: ({engine} quirk, not counted: {d.quirk}) {vw.format_difference(d)}")
                    continue
                kind = classify(d)
                kinds.setdefault(kind, []).append((b.case.number, d))
                report.setdefault(b.case.number, {}).setdefault("differences", []).append(
                    {"cell": vw.sheet_ref(d.sheet, d.coord), "formula": d.formula, "cached": vw.show(d.cached),
                     "recalculated": vw.show(d.recalc), "kind": kind})
                diffs_total += 1
                note = f" [{kind}]" if getattr(d, "kind", None) else ""
                fail(b, f"{vw.format_difference(d)}{note}")

    shown = 0
    for n in sorted(failures):
        print(f"FAILED seed {args.seed} case {n} (rebuild: scripts/differential.py --seed {args.seed} --first {n} --count 1)")
        lines = failures[n]
        for line in lines[:20]:
            print("  " + line)
        if len(lines) > 20:
            print(f"  ... and {len(lines) - 20} more")
        if shown < args.show:
            shown += 1
            print("  " + generate(args.seed, n).text().replace("\n", "\n  "))
    if kinds:
        print("differences by kind:")
        for kind, items in sorted(kinds.items(), key=lambda kv: -len(kv[1])):
            cases_ = sorted({n for n, _ in items})
            print(f"  {len(items):5d} in {len(cases_):4d} cases  {kind}  (e.g. case {cases_[0]})")
    elapsed = time.monotonic() - t0
    print(f"  (builds {t_build:.1f}s, {engine} recalculation of {len(ok)} workbooks {t_recalc:.1f}s, total {elapsed:.1f}s)",
          file=sys.stderr)
    bad_builds = sum(1 for b in built if b.problem)
    if args.report:
        import json
        pathlib.Path(args.report).write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    line = (f"differential: {len(built)} generated workbooks (seed {args.seed}, {'cases ' + args.cases if args.cases else f'cases {args.first}-{args.first + args.count - 1}'}"
            f"): {len(ok)} built, {refused} refused cleanly, "
            f"{bad_builds} bad builds; {cells_total} formula cells compared with {engine}, {diffs_total} differences"
            f"{f', {quirks_total} {engine} quirks not counted' if quirks_total else ''}, {len(failures)} failing cases")
    print(line)
    if args.engine == "gnumeric":
        return 0 if not bad_builds else 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

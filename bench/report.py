#!/usr/bin/env python3
"""Turns bench/run.sh's measurements into Markdown tables, issue #14's targets and BENCHMARKS.md.

    python bench/report.py --results R.tsv --rounds ROUNDS.tsv --startup S.tsv [--check C.txt]
                           [--baseline bench/baseline-sizes.tsv] [--write BENCHMARKS.md] [--summary-only] ...

Prints the tables, the targets and a short summary (the ratios) to standard output; with
--summary-only, the summary alone. With --write, writes the full report (machine, method, load
per round, results, targets, checks) and keeps the sections of the old file it does not
generate (hand-written ones, and bench/memory.sh's "Memory by template"), after its own.

The method it reports: a round runs every tool once at one size; ratios are medians over the
counted rounds of per-round ratios (floor.c's time / the tool's time, so > 1 is faster than
floor.c); a target on speed is judged on the counted rounds that started with 1-minute load
< 0.5, and is "not judged" when there were none.
"""
import argparse
import csv
import datetime
import os
import platform
import re
import statistics
import subprocess
import sys

TOOLS = ["appendix", "floor", "rustpy", "pyexcelerate", "xlsxwriter", "openpyxl", "polars"]
WORKLOADS = ["appendix-grouped", "appendix-sorted", "appendix-periods"]
LABELS = {
    "appendix": "Appendix (Swift CLI, release)",
    "floor": "floor.c (libcsv + libxlsxwriter, constant_memory)",
    "rustpy": "rustpy-xlsxwriter 0.8.0 (rust_xlsxwriter)",
    "pyexcelerate": "PyExcelerate 0.13.0",
    "xlsxwriter": "XlsxWriter 3.3.1 (constant_memory)",
    "openpyxl": "openpyxl 3.1.5 (write_only)",
    "polars": "polars 2.1.0 write_excel",
    "appendix-grouped": "grouped (group_by ward: 20 groups, subtotals, grand total)",
    "appendix-sorted": "sorted (sort by amount, descending)",
    "appendix-periods": "per-period (per_period month: 12 sheets)",
}
CACHE_NOTES = {
    "rustpy": "no cached formula values",
    "pyexcelerate": "no cached values; formulas not XML-escaped (given pre-escaped); no page setup",
    "openpyxl": "no cached values",
    "polars": "caches 0 for every formula; an Excel table with structured references",
}
THROUGHPUT_TARGET = 1.4       # × floor.c at 100k and 1M rows
STARTUP_TARGET = 2.0          # 40-row appendix: at most 2× floor.c's time
RSS_LIMIT_MIB = 32            # the plain table, at every size up to 1M rows
SIZE_GROWTH_LIMIT = 1.05      # output size: at most 5 % above the baseline at the same rows
QUIET_LOAD = 0.5              # targets are judged on rounds that start below this load
COUNTED = ("counted", "counted-cap")


def read_tsv(path):
    if not path or not os.path.exists(path):
        return []
    with open(path) as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def median(values):
    values = list(values)
    return statistics.median(values) if values else None


def load1(text):
    return float(text.split()[0]) if text else float("nan")


class Run:
    """bench/run.sh's measurements: rounds (with their load) and the runs in them."""

    def __init__(self, results, rounds, startup):
        self.rounds = {r["round"]: r for r in rounds}
        self.counted = {k for k, r in self.rounds.items() if r["status"] in COUNTED}
        self.quiet = {k for k in self.counted if load1(self.rounds[k]["load_start"]) < QUIET_LOAD}
        self.runs = {}
        for row in results:
            if row["round"] in self.counted:
                self.runs.setdefault((row["tool"], int(row["rows"])), []).append(row)
        self.startup = {}
        for row in startup:
            if row["round"] in self.counted:
                self.startup.setdefault(row["round"], {})[row["tool"]] = row

    def sizes(self):
        return sorted({n for _, n in self.runs})

    def ok(self, tool, n):
        return [r for r in self.runs.get((tool, n), []) if r["status"] == "ok"]

    def summary(self, tool, n):
        """Medians over the counted rounds, or None; a failed tool: its last status."""
        runs = self.runs.get((tool, n))
        if not runs:
            return None
        ok = self.ok(tool, n)
        if not ok:
            return {"status": runs[-1]["status"], "wall": float(runs[-1]["wall_s"]), "rss": int(runs[-1]["rss_kib"]) / 1024}
        wall = median(float(r["wall_s"]) for r in ok)
        return {"status": "ok", "runs": len(ok), "wall": wall, "rate": n / wall,
                "cpu": median(float(r["user_s"]) + float(r["sys_s"]) for r in ok),
                "rss": max(int(r["rss_kib"]) for r in ok) / 1024,
                "bytes": median(int(r["bytes"]) for r in ok)}

    def pairs(self, tool, other, n, rounds=None):
        """Per round where both ran: (other's wall / tool's wall, other's CPU / tool's CPU)."""
        mine = {r["round"]: r for r in self.ok(tool, n)}
        theirs = {r["round"]: r for r in self.ok(other, n)}
        found = []
        for k in sorted(set(mine) & set(theirs), key=int):
            if rounds is None or k in rounds:
                a, b = mine[k], theirs[k]
                cpu_a = float(a["user_s"]) + float(a["sys_s"])
                cpu_b = float(b["user_s"]) + float(b["sys_s"])
                found.append((float(b["wall_s"]) / float(a["wall_s"]), cpu_b / cpu_a if cpu_a else float("nan")))
        return found

    def startup_pairs(self, rounds=None):
        """Per 40-row round: (round, Appendix's median ms, floor.c's, their ratio, CPU ratio)."""
        found = []
        for k in sorted(self.startup, key=int):
            pair = self.startup[k]
            if "appendix" in pair and "floor" in pair and (rounds is None or k in rounds):
                a, f = pair["appendix"], pair["floor"]
                cpu_a = float(a["user_ms"]) + float(a["sys_ms"])
                cpu_f = float(f["user_ms"]) + float(f["sys_ms"])
                found.append((k, float(a["median_ms"]), float(f["median_ms"]),
                              float(a["median_ms"]) / float(f["median_ms"]), cpu_a / cpu_f if cpu_f else float("nan")))
        return found

    def quiet_rounds(self, n):
        return [k for k in self.quiet if int(self.rounds[k]["rows"]) == n]


def sh(command):
    try:
        return subprocess.run(command, shell=True, capture_output=True, text=True, timeout=60).stdout.strip()
    except Exception:
        return ""


PACKAGES = """
import importlib.metadata as m, platform
names = ["XlsxWriter", "openpyxl", "rustpy-xlsxwriter", "PyExcelerate", "polars"]
found = []
for name in names:
    try:
        found.append(name + " " + m.version(name))
    except m.PackageNotFoundError:
        found.append(name + " not installed")
print(platform.python_version() + "; " + ", ".join(found))
"""


def machine(python, seconds):
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    os_release = open("/etc/os-release").read() if os.path.exists("/etc/os-release") else ""
    os_name = dict(re.findall(r'^(\w+)="?([^"\n]*)"?$', os_release, re.M)).get("PRETTY_NAME", "")
    free = sh("free -h").splitlines()
    packages = sh(f"{python} -c '{PACKAGES}'")
    return [
        ("CPU", f"{cpu} — `nproc` = {sh('nproc')}"),
        ("Memory (`free -h`)", "<br>".join(f"`{line}`" for line in free[:3]) if free else "?"),
        ("OS", f"{os_name} ({platform.machine()}, kernel {platform.release()})"),
        ("Swift", sh("swift --version 2>&1 | head -1")),
        ("libxlsxwriter", (sh("sed -n 's/^#define LXW_VERSION *\"\\(.*\\)\"/\\1/p' /usr/include/xlsxwriter.h") or "?")
         + " (" + sh("dpkg-query -W -f='${Package} ${Version}' libxlsxwriter-dev") + ")"),
        ("libcsv", sh("dpkg-query -W -f='${Package} ${Version}' libcsv-dev")),
        ("C compiler", sh("cc --version | head -1") + " (`-O2`)"),
        ("Python", packages or "?"),
        ("hyperfine", sh("hyperfine --version") or "not installed"),
        ("Time taken by the rounds", f"{seconds // 60} min {seconds % 60} s" if seconds else "?"),
    ]


def fmt_ratio(value):
    return "—" if value is None else f"{value:.2f}×"


def results_table(run):
    lines = ["| Rows | Tool | Wall (s) | CPU user+sys (s) | Rows/s | Peak RSS (MiB) | Output (MB) | × floor.c throughput | × floor.c CPU | Rounds | Note |",
             "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for n in run.sizes():
        for tool in TOOLS:
            s = run.summary(tool, n)
            if s is None:
                continue
            if s["status"] != "ok":
                lines.append(f"| {n:,} | {LABELS[tool]} | {s['status']} after {s['wall']:.1f} | — | — | {s['rss']:.1f} | — | — | — | 0 | |")
                continue
            pairs = run.pairs(tool, "floor", n)
            wall_ratio = median(p[0] for p in pairs) if pairs else None
            cpu_ratio = median(p[1] for p in pairs) if pairs else None
            lines.append(f"| {n:,} | {LABELS[tool]} | {s['wall']:.3f} | {s['cpu']:.2f} | {s['rate']:,.0f} | {s['rss']:.1f} | "
                         f"{s['bytes'] / 1e6:.2f} | {fmt_ratio(wall_ratio)} | {fmt_ratio(cpu_ratio)} | {s['runs']} | {CACHE_NOTES.get(tool, '')} |")
    return "\n".join(lines)


def workloads_table(run):
    lines = ["| Rows | Appendix workload | Wall (s) | CPU user+sys (s) | Rows/s | Peak RSS (MiB) | Output (MB) | time ÷ plain table's | Rounds |",
             "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for n in run.sizes():
        for tool in WORKLOADS:
            s = run.summary(tool, n)
            if s is None:
                continue
            if s["status"] != "ok":
                lines.append(f"| {n:,} | {LABELS[tool]} | {s['status']} after {s['wall']:.1f} | — | — | {s['rss']:.1f} | — | — | 0 |")
                continue
            pairs = run.pairs(tool, "appendix", n)
            slower = median(1 / p[0] for p in pairs) if pairs else None
            lines.append(f"| {n:,} | {LABELS[tool]} | {s['wall']:.3f} | {s['cpu']:.2f} | {s['rate']:,.0f} | {s['rss']:.1f} | "
                         f"{s['bytes'] / 1e6:.2f} | {fmt_ratio(slower)} | {s['runs']} |")
    return "\n".join(lines) if len(lines) > 2 else "_not run_"


def rounds_table(run):
    lines = ["| Round | Rows | Started | Load at start (1, 5, 15 min) | Load at end | Settled (s) | Counted |",
             "| ---: | ---: | --- | --- | --- | ---: | --- |"]
    words = {"counted": "yes", "repeated": "no: load > 1 at the start, started again",
             "counted-cap": "yes, though load > 1: the repeat cap was hit"}
    for k in sorted(run.rounds, key=int):
        r = run.rounds[k]
        quiet = " (quiet: < 0.5)" if k in run.quiet else ""
        lines.append(f"| {k} | {int(r['rows']):,} | {r['started']} | {r['load_start']}{quiet} | {r['load_end'] or '—'} | "
                     f"{r['settled_s']} | {words.get(r['status'], r['status'])} |")
    return "\n".join(lines)


def startup_table(run):
    pairs = run.startup_pairs()
    if not pairs:
        return "_not measured_"
    runs = next(iter(run.startup.values()))["appendix"]["runs"] if run.startup else "?"
    lines = [f"`hyperfine -N --warmup 3 --runs {runs}` per round, both programs in one call (their order alternating "
             "round by round); medians of each round's runs, the ratio per round, then the median of those ratios.", "",
             "| Round | Load at start | Appendix (ms) | floor.c (ms) | Appendix ÷ floor.c | CPU ratio |",
             "| ---: | --- | ---: | ---: | ---: | ---: |"]
    for k, a, f, ratio, cpu in pairs:
        lines.append(f"| {k} | {run.rounds[k]['load_start']} | {a:.2f} | {f:.2f} | {ratio:.2f}× | {cpu:.2f}× |")
    lines.append(f"| median | | {median(p[1] for p in pairs):.2f} | {median(p[2] for p in pairs):.2f} | "
                 f"**{median(p[3] for p in pairs):.2f}×** | {median(p[4] for p in pairs):.2f}× |")
    return "\n".join(lines)


def judged(quiet_count, total_count, what):
    return f"{quiet_count} of {total_count} counted round(s) {what} started with load < {QUIET_LOAD}"


def throughput_target(run, n, other="floor", target=THROUGHPUT_TARGET, label="floor.c"):
    name = f"Appendix ≥ {target}× {label}'s throughput at {n:,} rows"
    all_pairs = run.pairs("appendix", other, n)
    if not all_pairs:
        return f"- _not measured_ — {name}"
    quiet = run.pairs("appendix", other, n, set(run.quiet_rounds(n)))
    every = f"all counted rounds: {median(p[0] for p in all_pairs):.2f}× (CPU {median(p[1] for p in all_pairs):.2f}×)"
    rounds = judged(len(quiet), len(all_pairs), f"at {n:,} rows")
    if not quiet:
        return f"- **not judged** — {name}: {rounds}; {every}"
    ratio = median(p[0] for p in quiet)
    mark = "**met**" if ratio >= target else "**missed**"
    return (f"- {mark} — {name}: **{ratio:.2f}×** (CPU {median(p[1] for p in quiet):.2f}×), median of per-round "
            f"ratios over {rounds}; {every}")


def startup_target(run):
    name = f"a 40-row appendix end to end ≤ {STARTUP_TARGET:g}× floor.c's time"
    pairs = run.startup_pairs()
    if not pairs:
        return f"- _not measured_ — {name}"
    quiet = run.startup_pairs(set(run.quiet_rounds(40)))
    every = f"all counted rounds: {median(p[3] for p in pairs):.2f}×"
    rounds = judged(len(quiet), len(pairs), "of the 40-row case")
    if not quiet:
        return f"- **not judged** — {name}: {rounds}; {every}"
    ratio = median(p[3] for p in quiet)
    mark = "**met**" if ratio <= STARTUP_TARGET else "**missed**"
    return (f"- {mark} — {name}: **{ratio:.2f}×** ({median(p[1] for p in quiet):.1f} ms against "
            f"{median(p[2] for p in quiet):.1f} ms), median of per-round ratios over {rounds}; {every}")


def memory_target(run):
    name = f"the plain table's peak RSS ≤ {RSS_LIMIT_MIB} MiB and flat up to 1,000,000 rows"
    peaks = {n: s["rss"] for n in run.sizes() for s in [run.summary("appendix", n)] if s}
    if not peaks:
        return f"- _not measured_ — {name}"
    detail = ", ".join(f"{n:,} rows {mib:.1f} MiB" for n, mib in sorted(peaks.items()))
    growth = ""
    if 100_000 in peaks and 1_000_000 in peaks:
        growth = f"; 100k → 1M: {peaks[1_000_000] / peaks[100_000]:.2f}×"
    if 1_000_000 not in peaks:
        return f"- **not judged** — {name}: 1,000,000 rows not run ({detail})"
    mark = "**met**" if max(peaks.values()) <= RSS_LIMIT_MIB else "**missed**"
    return f"- {mark} — {name}: max **{max(peaks.values()):.1f} MiB** ({detail}{growth}); memory does not depend on load, so every counted round counts"


def size_target(run, baseline):
    name = f"output size ≤ {round((SIZE_GROWTH_LIMIT - 1) * 100)} % above the baseline at the same rows"
    if not baseline:
        return f"- _not measured_ — {name}: no baseline file"
    found = []
    for tool in ["appendix"] + WORKLOADS:
        for n in run.sizes():
            s = run.summary(tool, n)
            base = baseline["sizes"].get((tool, n))
            if s and s["status"] == "ok" and base:
                found.append((tool, n, s["bytes"] / base))
    if not found:
        return f"- _not measured_ — {name} ({baseline['note']})"
    worst = max(found, key=lambda x: x[2])
    detail = ", ".join(f"{t.replace('appendix-', '') if t != 'appendix' else 'plain'} {n:,} {r:.3f}×" for t, n, r in found)
    mark = "**met**" if worst[2] <= SIZE_GROWTH_LIMIT else "**missed**"
    return f"- {mark} — {name} ({baseline['note']}): largest **{worst[2]:.3f}×** ({detail})"


def targets(run, baseline):
    lines = [throughput_target(run, 100_000), throughput_target(run, 1_000_000),
             throughput_target(run, 100_000, "rustpy", 1.0, "rust_xlsxwriter (rustpy-xlsxwriter)"),
             startup_target(run), memory_target(run), size_target(run, baseline)]
    return "\n".join(lines)


def read_baseline(path):
    if not path or not os.path.exists(path):
        return None
    lines = open(path).read().splitlines()
    note = next((line.lstrip("# ").strip() for line in lines if line.startswith("#")), "")
    rows = csv.DictReader([line for line in lines if not line.startswith("#")], delimiter="\t")
    return {"note": note, "sizes": {(r["tool"], int(r["rows"])): int(r["bytes"]) for r in rows}}


def summary_lines(run):
    """The ratios in a few lines (what `make bench-quick` prints)."""
    lines = []
    for n in run.sizes():
        a, f = run.summary("appendix", n), run.summary("floor", n)
        pairs = run.pairs("appendix", "floor", n)
        if a and f and pairs and a["status"] == f["status"] == "ok":
            loads = ", ".join(run.rounds[k]["load_start"].split()[0] for k in sorted({r["round"] for r in run.ok("appendix", n)}, key=int))
            lines.append(f"{n:,} rows: Appendix {a['wall']:.3f} s wall / {a['cpu']:.2f} s CPU / {a['rss']:.1f} MiB, floor.c "
                         f"{f['wall']:.3f} s / {f['cpu']:.2f} s → Appendix = {median(p[0] for p in pairs):.2f}× floor.c's "
                         f"throughput (CPU {median(p[1] for p in pairs):.2f}×; {len(pairs)} round(s), 1-min load at start {loads})")
    pairs = run.startup_pairs()
    if pairs:
        lines.append(f"40 rows: Appendix {median(p[1] for p in pairs):.1f} ms, floor.c {median(p[2] for p in pairs):.1f} ms → "
                     f"Appendix takes {median(p[3] for p in pairs):.2f}× floor.c's time (CPU {median(p[4] for p in pairs):.2f}×)")
    busy = [k for k in run.counted if k not in run.quiet]
    if busy:
        lines.append(f"{len(busy)} of {len(run.counted)} round(s) started with 1-minute load ≥ {QUIET_LOAD}: other work "
                     "skews these figures (the CPU ratio less than the wall-time one)")
    return "\n".join(lines)


GENERATED = ["Machine", "Method", "Workload", "Results", "Appendix's other workloads", "Rounds and load",
             "A 40-row appendix, end to end", "Targets (issue #14)", "Targets", "Where the time goes", "Output checks"]


def kept_sections(path):
    """The `## ` sections of the old report that this script does not write, in their order."""
    if not os.path.exists(path):
        return ""
    text = open(path).read()
    parts = re.split(r"(?m)^(?=## )", text)
    kept = [p for p in parts[1:] if p.splitlines()[0][3:].strip() not in GENERATED]
    return "".join(kept).rstrip() + "\n" if kept else ""


METHOD = """A **round** runs every tool once at one size: Appendix and floor.c first, their order
alternating from round to round, then Appendix's other workloads, then the Python peers (at
up to {peers_max} rows). Tools take turns round by round, never all runs of one tool and then
the next: on a shared machine that once gave a false 0.67× for a true 0.85×. Before each round
the script waits (at most {settle} s) until the 1-minute load is below 0.5, so the previous
round's own load can decay, then records `/proc/loadavg` at the start and at the end of the
round. A round that starts with 1-minute load above 1 is not run but started again after
settling (at most {max_repeats} such repeats in the whole run){cap}.

{rounds}

Each run is timed around `/usr/bin/time -v`: wall time (the whole process: start-up, reading,
writing, zipping), CPU time (user + sys) and peak RSS. A tool's figures are medians over the
counted rounds (peak RSS the largest). **Ratios are medians of per-round pairs**: in each
round, floor.c's time divided by the tool's (so above 1× is faster than floor.c), for wall and
for CPU time, then the median of those. **Targets on speed are judged only on rounds that
started with load < 0.5**; with no such round a target is "not judged" (the figure over all
counted rounds is given for information). The machine has {nproc} cores: CPU time above wall
time means a tool used both (Appendix checks the finished package on a second thread); wall
time well above CPU time means it waited for a core."""

WORKLOAD = """`bench/generate.py N` writes a seeded, deterministic CSV of N rows × 8 columns shaped like a council
spending export: `id` (`TX000001`), `date` (`2018-10-01`), `ward` (20 names), `category` (12),
`description` (20–60 characters, about a quarter with a comma, so quoted), `amount` (`£1,234.56`, about
1 in 20 a bracketed negative `(12.50)`), `budget` (`£1,234.56`), `count` (integer). CSV sizes: {csv_sizes}.

Each tool writes the same one-sheet workbook: a header row, the 8 columns (money parsed to numbers;
`id`, `date`, `ward`, `category`, `description` as text) and two computed columns as Excel formulas,
`IF(COUNT(F2,G2)<2,"N/A",F2-G2)` (money) and `IFERROR(IF(COUNT(F2,G2)<2,"N/A",F2/G2),"N/A")` (percent),
with their cached values where the tool can store them, the same cell formats (bordered, top-aligned
body cells, money and percent formats, a shaded bold header), widths and page setup.

- **Appendix**: `appendix build bench-N.yaml --data .build-bench --output …` (release build, `--mode
  auto`, the default); the definitions are written by `bench/definitions.py`.
- **floor.c**: `bench/floor.c`, libcsv (`csv_parse` on 64 KiB chunks, callbacks write cells directly)
  + libxlsxwriter in `constant_memory` mode: what this stack costs with no overhead of its own.
- **rustpy-xlsxwriter**: `bench/rustpy_bench.py`, a generator of dicts into `write_worksheet`
  (rust_xlsxwriter, constant memory), the computed columns as `formula_columns`: **no cached values**.
- **PyExcelerate**: `bench/pyexcelerate_bench.py`, the whole sheet as a list of rows, styles per
  column: **no cached values**; it writes a formula's text into the XML **without escaping** it (a `<`
  breaks the workbook, so the script passes the formulas pre-escaped), turns any text starting with
  `=` into a formula (the text columns are forced to strings), and has no page setup.
- **XlsxWriter**: `bench/xlsxwriter_bench.py`, `csv` module + XlsxWriter `{{'constant_memory': True}}`,
  `write_formula` with the computed value.
- **openpyxl**: `bench/openpyxl_bench.py`, `csv` module + `Workbook(write_only=True)` with named
  styles: **no cached values**.
- **polars**: `bench/polars_bench.py`, `pl.read_csv` + `DataFrame.write_excel` into an XlsxWriter
  workbook: always an Excel table, so the formulas are table column formulas in structured references
  (`[@amount]`), and **every cached value is 0**.

`bench/check_outputs.py` proves each of these notes cell by cell (below).

Appendix's other workloads use the same CSV and columns (`bench/definitions.py`): **grouped**
(`group_by: ward`, a heading and a `SUBTOTAL` row per ward and a grand total), **sorted** (`sort:
amount` descending: the external merge sort when streaming), **per-period** (`per_period: month` over
the same rows with a `month` column added, one sheet per month)."""


def rounds_per_size(run):
    """The Method's sentence on how many rounds each size had, and where the workloads ran."""
    def counted(n):
        return sum(1 for k in run.counted if int(run.rounds[k]["rows"]) == n)

    sizes = [n for n in run.sizes() if n != 40]
    each = ", ".join(f"{counted(n)} at {n:,} rows" for n in sizes)
    lines = [f"Counted rounds in this run: {counted(40)} of the 40-row case, {each}."]
    workload_rounds = {n: len({r["round"] for w in WORKLOADS for r in run.runs.get((w, n), [])}) for n in sizes}
    fewer = [n for n in sizes if 0 < workload_rounds[n] < counted(n)]
    if fewer:
        lines.append("Appendix's other workloads ran in the first " + ", ".join(
            f"{workload_rounds[n]} of the {counted(n)} rounds at {n:,} rows" for n in fewer)
            + " (`--large-workload-rounds`; each takes about as long as Appendix and floor.c together), "
            "Appendix and floor.c in every round.")
    return " ".join(lines)


def render(args, run, baseline, checks, goals):
    sizes = run.sizes()
    csv_sizes = ", ".join(f"{n:,} rows {os.path.getsize(p) / 1e6:.1f} MB" for n in sizes
                          for p in [os.path.join(args.data, f"bench-{n}.csv")] if os.path.exists(p)) or "?"
    cap = ""
    if int(args.repeats or 0) >= int(args.max_repeats) and any(r["status"] == "counted-cap" for r in run.rounds.values()):
        cap = " — **the cap was hit in this run**: the rounds marked so below were run at load above 1"
    info = machine(args.python, int(args.seconds or 0))
    profile = "".join(open(p).read().strip() + "\n\n" for p in args.profile)
    skipped = f"\n\nSkipped: {args.skipped}." if args.skipped else ""
    return f"""# Benchmarks

Measured {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')} with `{args.command}` (`make bench`;
`make bench-quick` for a one-round check at 100k rows that leaves this file alone; `bench/run.sh
--help` for the options). Everything it builds and writes stays in `.build-bench*/`. Sections
after "Output checks" are written by hand or by `bench/memory.sh`, and kept when this file is
regenerated.

## Machine

| | |
| --- | --- |
""" + "\n".join(f"| {k} | {v} |" for k, v in info) + f"""
| Appendix built from | {args.swift_note or '—'} (`swift build -c release`) |

## Method

{METHOD.format(peers_max=f"{int(args.peers_max):,}" if args.peers_max else "100,000", settle=args.settle,
               max_repeats=args.max_repeats, cap=cap, nproc=sh('nproc'),
               rounds=rounds_per_size(run))}{skipped}

## Workload

{WORKLOAD.format(csv_sizes=csv_sizes)}

## Targets (issue #14)

{goals}

## Results

{results_table(run)}

## Appendix's other workloads

{workloads_table(run)}

## A 40-row appendix, end to end

{startup_table(run)}

## Rounds and load

{rounds_table(run)}

{"## Where the time goes" + chr(10) + chr(10) + profile if profile else ""}## Output checks

Every workbook of {int(args.check_rows):,} rows was opened with openpyxl (`bench/check_outputs.py`) and
compared cell by cell with the CSV:

```
{checks}
```

"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", required=True)
    parser.add_argument("--rounds", required=True)
    parser.add_argument("--startup")
    parser.add_argument("--check")
    parser.add_argument("--check-rows", default="0")
    parser.add_argument("--baseline")
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--appendix", default="")
    parser.add_argument("--swift-note", default="")
    parser.add_argument("--timeout", default="?")
    parser.add_argument("--data", default=".build-bench", help="the folder holding bench-N.csv")
    parser.add_argument("--skipped", default="", help="peers skipped, and why")
    parser.add_argument("--settle", default="?")
    parser.add_argument("--max-repeats", default="0")
    parser.add_argument("--repeats", default="0", help="rounds started again in this run")
    parser.add_argument("--peers-max", default="")
    parser.add_argument("--seconds", default="0", help="how long the rounds took")
    parser.add_argument("--profile", action="append", default=[], help="a bench/profile.py section to include")
    parser.add_argument("--command", default="bench/run.sh")
    parser.add_argument("--summary-only", action="store_true")
    parser.add_argument("--write")
    args = parser.parse_args()

    run = Run(read_tsv(args.results), read_tsv(args.rounds), read_tsv(args.startup))
    baseline = read_baseline(args.baseline)
    goals = targets(run, baseline)
    if not args.summary_only:
        for part in (results_table(run), workloads_table(run), startup_table(run), rounds_table(run), goals):
            print("\n" + part)
    print("\n" + summary_lines(run) + (f"\nSkipped: {args.skipped}" if args.skipped else ""))
    if not args.write:
        return 0
    checks = open(args.check).read().strip() if args.check and os.path.exists(args.check) else "not run"
    checks = checks.replace(os.path.abspath(args.data) + "/", "").replace(os.getcwd() + "/", "")
    report = render(args, run, baseline, checks, goals) + kept_sections(args.write)
    with open(args.write, "w") as handle:
        handle.write(report.rstrip() + "\n")
    print(f"\nwrote {args.write}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

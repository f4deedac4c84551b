#!/usr/bin/env python3
"""Turns bench/run.sh's measurements into a markdown table and BENCHMARKS.md.

    python bench/report.py --results R.tsv --startup S.tsv [--check C.txt] [--write BENCHMARKS.md] ...

Prints the results table to standard output; with --write, also writes the full report
(machine, versions, table, 40-row timing, target checks, workbook checks).
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

TOOLS = ["appendix", "floor", "xlsxwriter", "openpyxl"]
LABELS = {
    "appendix": "Appendix (Swift CLI)",
    "floor": "floor.c (libcsv + libxlsxwriter, constant_memory)",
    "xlsxwriter": "XlsxWriter 3.3.1 (constant_memory)",
    "openpyxl": "openpyxl 3.1.5 (write_only)",
}
FLOOR_RATIO_TARGET = 0.85
XLSXWRITER_RATIO_TARGET = 5.0
RSS_LIMIT_MIB = 64
FLAT_GROWTH = 1.10  # "flat": peak RSS at 1M at most 10 % above 100k
STARTUP_LIMIT_MS = 100


def sh(command):
    try:
        return subprocess.run(command, shell=True, capture_output=True, text=True, timeout=60).stdout.strip()
    except Exception:
        return ""


def machine(python, appendix):
    cpu = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    os_name = ""
    try:
        os_name = dict(re.findall(r'^(\w+)="?([^"\n]*)"?$', open("/etc/os-release").read(), re.M)).get("PRETTY_NAME", "")
    except OSError:
        pass
    free = sh("free -h").splitlines()
    python_version = sh(python + " -c 'import platform; print(platform.python_version())'")
    packages = sh(f"{python} -c 'import xlsxwriter, openpyxl; print(xlsxwriter.__version__, openpyxl.__version__)'").split()
    return [
        ("CPU", f"{cpu} — `nproc` = {sh('nproc')}"),
        ("Memory (`free -h`)", "<br>".join(f"`{line}`" for line in free[:3]) if free else "?"),
        ("OS", f"{os_name} ({platform.machine()}, kernel {platform.release()})"),
        ("Swift", sh("swift --version 2>&1 | head -1")),
        ("libxlsxwriter", (sh("sed -n 's/^#define LXW_VERSION *\"\\(.*\\)\"/\\1/p' /usr/include/xlsxwriter.h") or "?")
         + " (" + sh("dpkg-query -W -f='${Package} ${Version}' libxlsxwriter-dev") + ")"),
        ("libcsv", sh("dpkg-query -W -f='${Package} ${Version}' libcsv-dev")),
        ("C compiler", sh("cc --version | head -1") + " (`-O2`)"),
        ("Python", f"{python_version}; XlsxWriter {packages[0] if packages else '?'}, "
                   f"openpyxl {packages[1] if len(packages) > 1 else '?'}"),
        ("hyperfine", sh("hyperfine --version") or "not installed (shell loop used)"),
    ]


def load_results(path):
    runs = {}
    with open(path) as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            runs.setdefault((row["tool"], int(row["rows"])), []).append(row)
    summary = {}
    for key, rows in runs.items():
        ok = [r for r in rows if r["status"] == "ok"]
        if ok:
            wall = statistics.median(float(r["wall_s"]) for r in ok)
            summary[key] = {
                "status": "ok",
                "runs": len(ok),
                "wall": wall,
                "walls": [float(r["wall_s"]) for r in ok],
                "rate": key[1] / wall if wall > 0 else float("inf"),
                "rss": max(int(r["rss_kib"]) for r in ok) / 1024,
                "cpu": statistics.median(float(r["user_s"]) + float(r["sys_s"]) for r in ok),
            }
        else:
            bad = rows[-1]
            summary[key] = {"status": bad["status"], "runs": 0, "wall": float(bad["wall_s"]),
                            "rss": int(bad["rss_kib"]) / 1024}
    return summary


def fmt_rate(rate):
    return f"{rate:,.0f}"


def results_table(summary):
    sizes = sorted({n for _, n in summary})
    lines = [
        "| Rows | Tool | Wall (s) | Rows/s | Peak RSS (MiB) | CPU user+sys (s) | Throughput vs floor |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for n in sizes:
        floor = summary.get(("floor", n))
        for tool in TOOLS:
            result = summary.get((tool, n))
            if not result:
                continue
            if result["status"] != "ok":
                what = "timeout" if result["status"] == "timeout" else result["status"]
                lines.append(f"| {n:,} | {LABELS[tool]} | {what} after {result['wall']:.1f} | — | "
                             f"{result['rss']:.1f} | — | — |")
                continue
            relative = (f"{result['rate'] / floor['rate']:.2f}×" if floor and floor["status"] == "ok" else "—")
            runs = f" (median of {result['runs']})" if result["runs"] > 1 else ""
            lines.append(f"| {n:,} | {LABELS[tool]} | {result['wall']:.3f}{runs} | {fmt_rate(result['rate'])} | "
                         f"{result['rss']:.1f} | {result['cpu']:.2f} | {relative} |")
    return "\n".join(lines)


def load_startup(path):
    rows = {}
    if path and os.path.exists(path):
        with open(path) as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                rows[row["tool"]] = row
    return rows


def startup_table(startup):
    if not startup:
        return "_not measured_"
    lines = ["| Tool | Median (ms) | Mean (ms) | Min (ms) | Max (ms) | Method |", "| --- | ---: | ---: | ---: | ---: | --- |"]
    for tool in TOOLS:
        if tool in startup:
            r = startup[tool]
            lines.append(f"| {LABELS[tool]} | {float(r['median_ms']):.1f} | {float(r['mean_ms']):.1f} | "
                         f"{float(r['min_ms']):.1f} | {float(r['max_ms']):.1f} | {r['method']} |")
    return "\n".join(lines)


def targets(summary, startup, timeout):
    lines = []

    def mark(ok):
        return "**met**" if ok else "**missed**"

    sizes = sorted({n for _, n in summary})
    # Throughput targets: at 1M rows, or the largest size measured (said so).
    def ratio_line(other, target, label):
        size = 1_000_000 if ("appendix", 1_000_000) in summary else (max(n for t, n in summary if t == "appendix") if any(t == "appendix" for t, _ in summary) else None)
        if size is None:
            return f"- _not measured_ — Appendix ≥ {target}× {label}'s throughput at 1M rows"
        where = "1M rows" if size == 1_000_000 else f"{size:,} rows (1M not run)"
        a, o = summary.get(("appendix", size)), summary.get((other, size))
        if not o or o["status"] != "ok":
            return f"- _not measured_ — Appendix ≥ {target}× {label}'s throughput at {where}: no {label} result"
        if a["status"] != "ok":
            return (f"- {mark(False)} — Appendix ≥ {target}× {label}'s throughput at {where}: Appendix {a['status']} "
                    f"after {a['wall']:.0f} s (limit {timeout} s) vs {label} {fmt_rate(o['rate'])} rows/s")
        ratio = a["rate"] / o["rate"]
        return (f"- {mark(ratio >= target)} — Appendix ≥ {target}× {label}'s throughput at {where}: "
                f"{fmt_rate(a['rate'])} vs {fmt_rate(o['rate'])} rows/s = **{ratio:.2f}×**")

    lines.append(ratio_line("floor", FLOOR_RATIO_TARGET, "the floor"))
    lines.append(ratio_line("xlsxwriter", XLSXWRITER_RATIO_TARGET, "XlsxWriter"))

    appendix = {n: summary[("appendix", n)] for n in sizes if ("appendix", n) in summary}
    measured = {n: r for n, r in appendix.items() if r["status"] == "ok"}
    if appendix:
        largest = max(appendix)
        r = appendix[largest]
        peak = max(x["rss"] for x in appendix.values())
        finished = r["status"] == "ok"
        detail = ", ".join(f"{n:,} rows {x['rss']:.1f} MiB{'' if x['status'] == 'ok' else ' (' + x['status'] + ')'}" for n, x in sorted(appendix.items()))
        lines.append(f"- {mark(peak <= RSS_LIMIT_MIB and finished)} — Appendix peak RSS ≤ {RSS_LIMIT_MIB} MiB: "
                     f"max **{peak:.1f} MiB** ({detail})")
    else:
        lines.append(f"- _not measured_ — Appendix peak RSS ≤ {RSS_LIMIT_MIB} MiB")
    if 100_000 in measured and 1_000_000 in appendix:
        small, big = measured[100_000]["rss"], appendix[1_000_000]["rss"]
        growth = big / small
        floor_note = ""
        if ("floor", 100_000) in summary and ("floor", 1_000_000) in summary:
            f0, f1 = summary[("floor", 100_000)]["rss"], summary[("floor", 1_000_000)]["rss"]
            floor_note = f"; the floor: {f0:.1f} → {f1:.1f} MiB"
        ok = appendix[1_000_000]["status"] == "ok" and growth <= FLAT_GROWTH
        lines.append(f"- {mark(ok)} — Appendix peak RSS flat from 100k to 1M rows (≤ {int((FLAT_GROWTH - 1) * 100)} % growth): "
                     f"{small:.1f} → {big:.1f} MiB = **{growth:.2f}×**{floor_note}")
    else:
        lines.append("- _not measured_ — Appendix peak RSS flat from 100k to 1M rows (needs both sizes)")
    if "appendix" in startup:
        median = float(startup["appendix"]["median_ms"])
        floor = f" (the floor: {float(startup['floor']['median_ms']):.1f} ms)" if "floor" in startup else ""
        lines.append(f"- {mark(median < STARTUP_LIMIT_MS)} — a 40-row appendix end to end < {STARTUP_LIMIT_MS} ms: "
                     f"median **{median:.1f} ms** of 20 runs{floor}")
    else:
        lines.append(f"- _not measured_ — a 40-row appendix end to end < {STARTUP_LIMIT_MS} ms")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", required=True)
    parser.add_argument("--startup")
    parser.add_argument("--check")
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--appendix", default="")
    parser.add_argument("--swift-note", default="")
    parser.add_argument("--timeout", default="?")
    parser.add_argument("--data", default=".build-bench", help="the folder holding bench-N.csv")
    parser.add_argument("--load", default="", help="load averages (1, 5, 15 min) when timing began")
    parser.add_argument("--profile", action="append", default=[], help="a bench/profile.py section to include")
    parser.add_argument("--command", help="the bench/run.sh command line, for the report")
    parser.add_argument("--write")
    args = parser.parse_args()

    summary = load_results(args.results)
    startup = load_startup(args.startup)
    table = results_table(summary)
    goals = targets(summary, startup, args.timeout)
    print()
    print(table)
    print()
    print(startup_table(startup))
    print()
    print(goals)
    if not args.write:
        return 0

    sizes = sorted({n for _, n in summary})
    checks = open(args.check).read().strip() if args.check and os.path.exists(args.check) else "not run"
    checks = checks.replace(os.getcwd() + "/", "")
    info = machine(args.python, args.appendix)
    profile_section = ""
    if args.profile:
        profile_section = "## Where the time goes\n\n" + "\n".join(open(p).read().strip() + "\n" for p in args.profile) + "\n"
    csv_sizes = ", ".join(f"{n:,} rows {os.path.getsize(p) / 1e6:.1f} MB" for n in sizes
                          for p in [os.path.join(args.data, f"bench-{n}.csv")] if os.path.exists(p)) or "?"
    command = args.command or "bench/run.sh" + ("" if sizes == [10_000, 100_000, 1_000_000] else " --sizes " + ",".join(map(str, sizes)))
    report = f"""# Benchmarks

Measured {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')} with `{command}`. Re-run with `bench/run.sh`
(`--sizes 10000,100000` for a quick run; `--help` for the options). Everything it builds and writes
stays in `.build-bench*/`.

## Machine

| | |
| --- | --- |
""" + "\n".join(f"| {k} | {v} |" for k, v in info) + f"""
| Load average when timing began | {args.load or '?'} (other work on the machine skews the figures) |
| Appendix built from | {args.swift_note or '—'} (`swift build -c release`) |

## Workload

`bench/generate.py N` writes a seeded, deterministic CSV of N rows × 8 columns shaped like a council
spending export: `id` (`TX000001`), `date` (`2018-10-01`), `ward` (20 names), `category` (12),
`description` (20–60 characters, about a quarter with a comma, so quoted), `amount` (`£1,234.56`, about
1 in 20 a bracketed negative `(12.50)`), `budget` (`£1,234.56`), `count` (integer). CSV sizes: {csv_sizes}.

Each tool writes the same one-sheet workbook: a header row, the 8 columns (money parsed to numbers;
`id`, `date`, `ward`, `category`, `description` as text) and two computed columns as Excel formulas,
`IF(COUNT(F2,G2)<2,"N/A",F2-G2)` (money) and `IFERROR(IF(COUNT(F2,G2)<2,"N/A",F2/G2),"N/A")` (percent),
with their cached values (openpyxl cannot store cached values, so it writes the formulas only), and the
same cell formats (bordered, top-aligned body cells, money and percent formats, a shaded bold header).

- **Appendix**: `appendix build bench-N.yaml --data .build-bench --output …`, release build; the
  definition is written by `run.sh` (fields `id: text, amount: money, budget: money, count: integer`).
- **floor**: `bench/floor.c`, libcsv (`csv_parse` on 64 KiB chunks, callbacks write cells directly)
  + libxlsxwriter in `constant_memory` mode. What this stack costs with no overhead of its own.
- **XlsxWriter**: `bench/xlsxwriter_bench.py`, `csv` module + XlsxWriter `{{'constant_memory': True}}`,
  `write_formula` with the computed value.
- **openpyxl**: `bench/openpyxl_bench.py`, `csv` module + `Workbook(write_only=True)` with named styles.

Wall time is the whole process (start-up, reading, writing, zipping), measured around
`/usr/bin/time -v`, which gives the peak RSS ("Maximum resident set size") and CPU time. Up to 100k
rows each figure is the median of 3 runs (peak RSS the largest); above, one run. Each run has a
{args.timeout} s limit. The machine has {sh('nproc')} cores; CPU time close to wall time means a tool
used one of them.

## Results

{table}

## A 40-row appendix, end to end

{startup_table(startup)}

## Targets

{goals}

{profile_section}## Output checks

Every workbook of the smallest size was opened with openpyxl (`bench/check_outputs.py`) and
compared cell by cell with the CSV:

```
{checks}
```
"""
    with open(args.write, "w") as handle:
        handle.write(report)
    print(f"\nwrote {args.write}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The "Memory by template" section of BENCHMARKS.md, from bench/memory.sh's measurements.

    python3 bench/memory_report.py --results R.tsv [--appendix BIN] [--mode M] [--command C]
        prints the section (Markdown) to standard output;
    python3 bench/memory_report.py --section S.md --write BENCHMARKS.md
        puts the section into the file, replacing an earlier one (bench/run.sh calls this after
        it rewrites BENCHMARKS.md, so the section survives).
"""
import argparse
import csv
import datetime
import os
import subprocess

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADING = "## Memory by template"
TARGET_MIB = 64


def features(name):
    """What in a template makes it hold rows today: grouping, sorting, per-period, related sources."""
    definition = yaml.safe_load(open(os.path.join(ROOT, "Templates", name + ".yaml")))
    found = []
    sheets = definition.get("sheets", [])
    if any(s.get("group_by") for s in sheets):
        found.append("group_by")
    if any(s.get("sort") for s in sheets):
        found.append("sort")
    if any(s.get("per_period") for s in sheets):
        found.append("per_period")
    if any(s.get("key") for s in definition.get("sources", {}).values()):
        found.append("related source")
    if any(s.get("header_groups") for s in sheets):
        found.append("header groups")
    if any(s.get("filter") for s in sheets):
        found.append("filter")
    if len(sheets) > 1:
        found.append(f"{len(sheets)} sheets")
    return ", ".join(found) or "plain table"


def mib(kib):
    return float(kib) / 1024


def section(results, appendix, mode, command):
    rows = list(csv.DictReader(open(results), delimiter="\t"))
    sizes = sorted({int(r["rows"]) for r in rows})
    names = sorted({r["template"] for r in rows})
    cell = {(r["template"], int(r["rows"])): r for r in rows}
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    lines = [HEADING, "",
             f"Peak RSS (`/usr/bin/time -f %M`) and wall time of `appendix build --mode {mode}` (release build, "
             f"HEAD {commit}, {datetime.date.today().isoformat()}) for every shipped template with its data scaled "
             f"up by `bench/scale_templates.py`: every source has N rows while the groups (<= 50), periods "
             f"(<= 24) and keys of related sources (<= 10,000) stay as in the sample. Issue #12's target: "
             f"<= {TARGET_MIB} MiB at 1M rows for every template, and <= 10 % growth from 100k to 1M. "
             f"Made by `{command}`" + (f" with `{appendix}`." if appendix else "."), ""]
    header = ["Template", "What it uses"] + [f"{n:,} rows" for n in sizes]
    if len(sizes) > 1:
        header.append(f"growth {sizes[-2]:,} → {sizes[-1]:,}")
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "---|" * 2 + "---:|" * (len(header) - 2))
    for name in names:
        values = [f"`{name}`", features(name)]
        for n in sizes:
            r = cell.get((name, n))
            if r is None:
                values.append("–")
            elif r["status"] != "ok":
                values.append(f"{r['status']} ({mib(r['rss_kib']):,.0f} MiB, {float(r['wall_s']):.1f} s)")
            else:
                values.append(f"{mib(r['rss_kib']):,.1f} MiB, {float(r['wall_s']):.2f} s")
        if len(sizes) > 1:
            a, b = cell.get((name, sizes[-2])), cell.get((name, sizes[-1]))
            values.append(f"{mib(b['rss_kib']) / mib(a['rss_kib']):.2f}×" if a and b and a["status"] == b["status"] == "ok" else "–")
        lines.append("| " + " | ".join(values) + " |")
    return "\n".join(lines) + "\n"


def write_section(text, path):
    """Replaces the section in `path` (up to the next `## ` heading), or appends it."""
    old = open(path).read() if os.path.exists(path) else ""
    start = old.find(HEADING + "\n")
    if start < 0:
        new = old.rstrip("\n") + "\n\n" + text
    else:
        end = old.find("\n## ", start + len(HEADING))
        new = old[:start] + text + ("\n" + old[end + 1:] if end >= 0 else "")
    with open(path, "w") as handle:
        handle.write(new)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--results")
    parser.add_argument("--appendix")
    parser.add_argument("--mode", default="auto")
    parser.add_argument("--command", default="bench/memory.sh")
    parser.add_argument("--section")
    parser.add_argument("--write")
    args = parser.parse_args()
    if args.section:
        write_section(open(args.section).read(), args.write)
    else:
        print(section(args.results, args.appendix, args.mode, args.command), end="")


if __name__ == "__main__":
    main()

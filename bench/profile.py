#!/usr/bin/env python3
"""Where a command spends its time, with perf: top functions by own time and by inclusive time.

    python bench/profile.py OUT.md -- COMMAND [ARGS...]

Runs COMMAND twice under `perf record`: once with frame-pointer call graphs at ~1 kHz for own
("self") time per function, once with DWARF unwinding at ~250 Hz for inclusive time (Swift
frames are often inlined or lack frame pointers, so inclusive times need DWARF). Writes a
markdown section to OUT.md and prints it. Swift symbols are demangled with `swift demangle`.
zlib ships without symbols on Debian, so its addresses are summed as one "zlib deflate" line.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

SELF_TOP = 10
INCLUSIVE_TOP = 25
# Wrappers that only forward (everything is under them) and compiler thunks: not informative.
NOISE = re.compile(r"^(_start|__libc_start|main$|appendix_main|static Appendix\.\$main|specialized static ParsableCommand|"
                   r"protocol witness for ParsableCommand|specialized reportingErrors|reportingErrors|Appendix\.Build\.run|"
                   r"closure #1 in Appendix\.Build\.run|partial apply|thunk for|reabstraction thunk|key path getter|"
                   r"implicit closure|0x[0-9a-f]+$|\[unknown\]|(__DataStorage|Data\.|Data\._Representation)\S*withUnsafeBytes)")


def demangle(lines):
    if not shutil.which("swift"):
        return lines
    result = subprocess.run(["swift", "demangle", "--simplified"], input="\n".join(lines), capture_output=True, text=True)
    out = result.stdout.split("\n")
    return out[:len(lines)] if len(out) >= len(lines) else lines


def report(data, *options):
    result = subprocess.run(["perf", "report", "-i", data, "--stdio", "-g", "none", *options],
                            capture_output=True, text=True)
    return [line for line in result.stdout.splitlines() if line.strip() and not line.startswith("#")]


def main():
    if "--" not in sys.argv or sys.argv.index("--") != 2:
        print(__doc__, file=sys.stderr)
        return 2
    out_path, command = sys.argv[1], sys.argv[3:]
    if not shutil.which("perf"):
        print("profile.py: perf is not installed (apt-get install linux-perf)", file=sys.stderr)
        return 1
    tmp = tempfile.mkdtemp(prefix="bench-perf-")
    fp_data, dwarf_data = os.path.join(tmp, "fp.data"), os.path.join(tmp, "dwarf.data")
    for data, graph, freq in ((fp_data, ["-g"], "999"), (dwarf_data, ["--call-graph", "dwarf,32768"], "250")):
        for attempt in (1, 2):  # once more if the first try fails (a busy machine, a clash on the output file)
            run = subprocess.run(["perf", "record", "-q", "-F", freq, *graph, "-o", data, "--", *command],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if run.returncode == 0:
                break
            print(f"profile.py: perf record exited {run.returncode} (try {attempt}): {run.stderr.strip()[-500:]}", file=sys.stderr)
        else:
            return 1

    # Own time, by library.
    by_dso = []
    for line in report(fp_data, "--no-children", "--sort", "dso"):
        m = re.match(r"\s*([\d.]+)%\s+(\S+)", line)
        if m and float(m.group(1)) >= 0.5:
            by_dso.append((float(m.group(1)), m.group(2)))

    # Own time, by function; zlib's anonymous addresses summed into one line.
    rows, zlib = [], 0.0
    for line in report(fp_data, "--no-children", "--sort", "dso,symbol"):
        m = re.match(r"\s*([\d.]+)%\s+(\S+)\s+\[[.k]\]\s+(.+?)\s*$", line)
        if not m:
            continue
        share, dso, symbol = float(m.group(1)), m.group(2), re.split(r"\s{2,}", m.group(3))[0]
        if dso.startswith("libz.") and symbol.startswith("0x"):
            zlib += share
            continue
        rows.append((share, dso, symbol))
    if zlib:
        rows.append((zlib, "libz.so", "zlib deflate internals (no symbols; summed)"))
    rows.sort(reverse=True)
    rows = rows[:SELF_TOP]
    names = demangle([r[2] for r in rows])
    self_lines = [f"| {share:.1f} % | `{name.strip()[:110]}` | {dso} |" for (share, dso, _), name in zip(rows, names)]

    # Inclusive time (DWARF call graphs).
    inclusive, seen = [], set()
    raw = []
    for line in report(dwarf_data, "--children", "--sort", "symbol"):
        m = re.match(r"\s*([\d.]+)%\s+([\d.]+)%\s+\[[.k]\]\s+(.+?)\s*$", line)
        if m:
            raw.append((float(m.group(1)), float(m.group(2)), re.split(r"\s{2,}", m.group(3))[0]))
    for (children, own, _), name in zip(raw, demangle([r[2] for r in raw])):
        name = re.sub(r"^specialized ", "", name.replace(" (inlined)", "").strip())
        if children > 95 or children < 2 or NOISE.match(name) or name in seen or name.startswith(("closure #", "Collection.map")):
            continue
        seen.add(name)
        inclusive.append(f"| {children:.1f} % | {own:.1f} % | `{name[:110]}` |")
        if len(inclusive) >= INCLUSIVE_TOP:
            break

    text = "\n".join([
        f"Profile of `{' '.join(os.path.basename(c) if i == 0 else c for i, c in enumerate(command))}` with `perf`.",
        "",
        "Own time by library: " + ", ".join(f"{dso} {share:.1f} %" for share, dso in by_dso) + ".",
        "",
        f"Top {SELF_TOP} functions by own time (frame-pointer call graphs, ~1 kHz):",
        "",
        "| Own time | Function | Library |",
        "| ---: | --- | --- |",
        *self_lines,
        "",
        f"Top {len(inclusive)} functions by inclusive time (DWARF unwinding, ~250 Hz; inlined frames included):",
        "",
        "| Inclusive | Own | Function |",
        "| ---: | ---: | --- |",
        *inclusive,
        "",
    ])
    with open(out_path, "w") as handle:
        handle.write(text)
    print(text)
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

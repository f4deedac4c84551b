#!/usr/bin/env python3
"""The wall time of each step of `make bench`, written into BENCHMARKS.md (the section
"Time taken by `make bench`", between markers, so bench/run.sh's report keeps it).

    bench/phases.py --write BENCHMARKS.md --phase build=4 --phase rounds=640 ...

Each --phase is KEY=SECONDS, KEY one of PHASES below, in the order they ran."""
import argparse
import datetime
import sys

from marked_section import write_marked_section

START, END = "<!-- bench-phases:start -->", "<!-- bench-phases:end -->"
BUDGET_SECONDS = 20 * 60
PHASES = {
    "build": "release build of `appendix` (`make build`; nothing to do when it is built)",
    "rounds": "the rounds (`bench/run.sh`): 40 rows, 10,000, 100,000 and 1,000,000 rows, with the settling between rounds",
    "memory": "memory by template at 10,000 and 100,000 rows (`bench/memory.sh`)",
    "web-build": "release build of `appendix-web` (`make build-web`: the server's own packages; the library's modules are shared with `appendix`'s build)",
    "web-load": "the web app under load (`make bench-web`: 60 s of load, start and stop)",
}


def minutes(seconds):
    return f"{seconds // 60} min {seconds % 60:02d} s"


def section(phases):
    total = sum(seconds for _, seconds in phases)
    verdict = "within" if total <= BUDGET_SECONDS else "**over**"
    lines = [
        "## Time taken by `make bench`",
        "",
        f"Wall time of each step of the last `make bench` ({datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}); "
        f"the budget is {BUDGET_SECONDS // 60} minutes on a quiet machine: {verdict} it.",
        "",
        "| step | wall time |",
        "|---|---:|",
    ]
    lines += [f"| {PHASES[key]} | {minutes(seconds)} |" for key, seconds in phases]
    lines.append(f"| **total** | **{minutes(total)}** |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--phase", action="append", default=[], help="KEY=SECONDS, in the order the steps ran")
    parser.add_argument("--write", help="the BENCHMARKS.md to write the section into")
    args = parser.parse_args()
    phases = []
    for phase in args.phase:
        key, _, seconds = phase.partition("=")
        if key not in PHASES or not seconds.isdigit():
            parser.error(f"--phase {phase}: expected KEY=SECONDS with KEY one of {', '.join(PHASES)}")
        phases.append((key, int(seconds)))
    text = section(phases)
    print(text)
    if args.write:
        write_marked_section(args.write, START, END, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

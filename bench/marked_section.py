"""One section of a Markdown file between two marker comments, replaced in place or appended.

Used by bench/phases.py ("Time taken by make bench") and scripts/web-load.py ("Web app under
load") to keep their sections of BENCHMARKS.md up to date without touching the rest.
"""
import os


def write_marked_section(path, start, end, text):
    """Puts `text` between the markers `start` and `end` in `path`, or appends the block."""
    old = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
    block = f"{start}\n{text}\n{end}"
    if start in old and end in old:
        new = old[:old.index(start)] + block + old[old.index(end) + len(end):]
    else:
        new = old.rstrip("\n") + "\n\n" + block + "\n"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(new)

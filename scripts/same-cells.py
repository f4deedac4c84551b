#!/usr/bin/env python3
"""Compare two workbooks part by part, byte for byte (issue #14: cell for cell identical output).

    scripts/same-cells.py BEFORE.xlsx AFTER.xlsx [BEFORE2.xlsx AFTER2.xlsx ...]

Unzips both workbooks of each pair and compares every part's bytes, except docProps/core.xml
(it holds the time of writing). Prints one line per pair: `same` with the number of parts and
sheet XML bytes compared, or the parts that differ (sheet XML first) and the first differing
offset of each. Exits 1 if any pair differs.
"""
import sys
import zipfile


def parts(path):
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name != "docProps/core.xml"}


def first_difference(a, b):
    for offset, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return offset
    return min(len(a), len(b))


def compare(before, after):
    a, b = parts(before), parts(after)
    names = sorted(set(a) | set(b), key=lambda name: (not name.startswith("xl/worksheets/"), name))
    differing = [name for name in names if a.get(name) != b.get(name)]
    if not differing:
        sheets = sum(len(data) for name, data in a.items() if name.startswith("xl/worksheets/"))
        print(f"same: {before} = {after} ({len(a)} parts, {sheets:,} bytes of sheet XML)")
        return True
    for name in differing:
        if name not in a or name not in b:
            print(f"DIFFERENT: {before} / {after}: {name} only in {'the second' if name not in a else 'the first'}")
        else:
            offset = first_difference(a[name], b[name])
            print(f"DIFFERENT: {before} / {after}: {name} from byte {offset}: "
                  f"{a[name][offset:offset + 60]!r} vs {b[name][offset:offset + 60]!r}")
    return False


def main(arguments):
    if len(arguments) < 2 or len(arguments) % 2:
        sys.exit(__doc__)
    pairs = zip(arguments[0::2], arguments[1::2])
    results = [compare(before, after) for before, after in pairs]
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main(sys.argv[1:])

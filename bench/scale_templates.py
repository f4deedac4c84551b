#!/usr/bin/env python3
"""Scaled-up data for every shipped template (issue #12: peak memory by template).

    python3 bench/scale_templates.py --rows N --out DIR [--templates NAME,...] [--seed S]

For each Templates/*.yaml whose sources all exist in SampleData/, writes DIR/NAME/ holding the
template's CSV files scaled to N rows each, so that

    appendix build Templates/NAME.yaml --data DIR/NAME --output OUT.xlsx

builds it. Rows repeat the sample rows with realistic variation while what the issue keeps fixed
stays fixed:

* grouping values (`group_by`, `sort`, `filter` and `per_period` fields) keep the sample's values,
  so groups (<= 50) and periods (<= 24) do not grow with N;
* the key of a related source (`key:`) takes at most 10,000 values: each sample key K becomes
  K, K-1, K-2 ... (the same in every source of the template, so rows still relate);
* numbers are the sample's scaled by a random factor in [0.5, 1.5], written in the sample's
  style (decimals, thousands commas, £, %, brackets for negatives);
* long free text (descriptions) gets a row number appended, as in a real ledger;
* the `rows:` field of a per-period summary gets a copy number appended (a summary allows one row
  per label and period), so the summary grows with N as a real one would.

A template with table `charts:` (refused above 4,000 rows) also gets DIR/NAME/.definition.yaml,
the definition without them, which bench/memory.sh builds instead. Control `checks:` cannot hold
on scaled data, so bench/memory.sh builds with `--warn-only` (the checks are still worked out).

A control-total source (one a check's `expect:` reads as `source.field`) keeps its rows. A `folder:` source keeps its files (one per period) and each gets N / files rows. Prints one
line per template: NAME, the rows written per source, and the number of groups, periods and keys.
"""
import argparse
import csv
import os
import random
import re
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAX_KEYS = 10_000
NUMBER = re.compile(r"^(?P<neg>-?)(?P<open>\(?)(?P<pound>£?)(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?(?P<close>\)?)(?P<pct>%?)$")
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as handle:
        records = [r for r in csv.reader(handle)]
    return records[0], [r for r in records[1:] if any(field.strip() for field in r)]


def field_names(node):
    """Field names a definition entry uses: `field: x`, a list of them, or `{ field: x }`."""
    if node is None:
        return []
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [node["field"]] if "field" in node else []
    return [name for item in node for name in field_names(item)]


def template_roles(definition):
    """Per source: the fields whose values must stay fixed; the keyed fields; per source, the
    fields whose values must be unique per period (a summary's `rows`)."""
    fixed = {name: set() for name in definition.get("sources", {})}
    unique = {}
    for sheet in definition.get("sheets", []):
        names = fixed.setdefault(sheet.get("source"), set())
        names.update(field_names(sheet.get("group_by")))
        names.update(field_names(sheet.get("sort")))
        if sheet.get("per_period"):
            names.add(sheet["per_period"])
        if sheet.get("filter"):
            names.update(IDENTIFIER.findall(str(sheet["filter"])))
        if isinstance(sheet.get("summary"), dict) and sheet["summary"].get("rows"):
            names.discard(sheet["summary"]["rows"])
            unique.setdefault(sheet.get("source"), set()).add(sheet["summary"]["rows"])
    keys = {source["key"] for source in definition.get("sources", {}).values() if source.get("key")}
    return fixed, keys, unique


def scaled_number(text, rng):
    match = NUMBER.match(text.strip())
    if not match:
        return None
    digits = match["digits"].replace(",", "")
    value = float(digits + (match["frac"] or "")) * rng.uniform(0.5, 1.5)
    decimals = len(match["frac"]) - 1 if match["frac"] else 0
    body = f"{value:,.{decimals}f}" if "," in match["digits"] else f"{value:.{decimals}f}"
    return f"{match['neg']}{match['open']}{match['pound']}{body}{match['close']}{match['pct']}"


def is_free_text(column):
    """Long, varied text that is not a category: descriptions, comments."""
    texts = [v for v in column if v.strip() and NUMBER.match(v.strip()) is None]
    if len(texts) < max(2, len(column) // 2):
        return False
    return sum(map(len, texts)) / len(texts) > 20 and len(set(texts)) > len(texts) // 2


class Scaler:
    """Writes one source's rows scaled to `rows`, keeping fixed fields and bounding keys."""

    def __init__(self, header, sample, fixed, keys, key_copies, seed, unique=()):
        self.header, self.sample = header, sample
        self.unique = {i for i, name in enumerate(header) if name.strip() in unique}
        self.fixed = {i for i, name in enumerate(header) if name.strip() in fixed}
        self.keys = {i for i, name in enumerate(header) if name.strip() in keys}
        self.free = {i for i in range(len(header)) if i not in self.fixed | self.keys and is_free_text([r[i] for r in sample if i < len(r)])}
        self.key_copies = key_copies
        self.rng = random.Random(seed)

    def row(self, n):
        base = self.sample[n % len(self.sample)]
        copy = (n // len(self.sample)) % self.key_copies
        out = []
        for i, value in enumerate(base):
            if i in self.unique:
                out.append(value if n < len(self.sample) else f"{value} ({n // len(self.sample)})")
            elif i in self.keys:
                out.append(value if copy == 0 or not value.strip() else f"{value}-{copy}")
            elif i in self.fixed:
                out.append(value)
            elif i in self.free and n >= len(self.sample):
                out.append(f"{value} ({n + 1})")
            else:
                number = scaled_number(value, self.rng) if n >= len(self.sample) else None
                out.append(number if number is not None else value)
        return out

    def write(self, path, rows, start=0):
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(self.header)
            for n in range(start, start + rows):
                writer.writerow(self.row(n))


def source_paths(source, data):
    if "file" in source:
        return [os.path.join(data, source["file"])]
    folder = os.path.join(data, source["folder"])
    if not os.path.isdir(folder):
        return [folder]
    return sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.lower().endswith(".csv"))


def key_copies(definition, keys, data):
    """How many copies of each sample key fit under MAX_KEYS (1 when nothing is keyed)."""
    distinct = set()
    for source in definition.get("sources", {}).values():
        for path in source_paths(source, data):
            header, sample = read_csv(path)
            for i, name in enumerate(header):
                if name.strip() in keys:
                    distinct.update(r[i] for r in sample if i < len(r) and r[i].strip())
    return max(1, MAX_KEYS // max(1, len(distinct))) if distinct else 1


def scale_template(path, rows, out, data, seed):
    definition = yaml.safe_load(open(path))
    name = os.path.splitext(os.path.basename(path))[0]
    sources = definition.get("sources", {})
    if not sources or not all(os.path.exists(p) for s in sources.values() for p in source_paths(s, data)):
        return None
    fixed, keys, unique = template_roles(definition)
    copies = key_copies(definition, keys, data)
    controls = {name for check in definition.get("checks", []) for name in sources
                if re.search(rf"\b{re.escape(name)}\.", str(check.get("expect", "")))}
    target = os.path.join(out, name)
    written = []
    for source_name, source in sources.items():
        paths = source_paths(source, data)
        for index, sample_path in enumerate(paths):
            header, sample = read_csv(sample_path)
            if not sample:
                continue
            share = rows // len(paths) + (1 if index < rows % len(paths) else 0)
            if source_name in controls:
                share = len(sample)  # a control total that checks read (one row), not data to grow
            relative = os.path.relpath(sample_path, data)
            os.makedirs(os.path.dirname(os.path.join(target, relative)), exist_ok=True)
            scaler = Scaler(header, sample, fixed.get(source_name, set()), keys, copies, seed + index, unique.get(source_name, set()))
            scaler.write(os.path.join(target, relative), share)
            written.append(f"{relative}: {share}")
    if any(sheet.get("charts") for sheet in definition.get("sheets", [])):
        # A table chart is refused above 4,000 rows (a chart of more categories is unreadable),
        # so the scaled build uses the definition without its table charts.
        for sheet in definition["sheets"]:
            sheet.pop("charts", None)
        with open(os.path.join(target, ".definition.yaml"), "w") as file:
            yaml.safe_dump(definition, file, sort_keys=False, allow_unicode=True)
    return name, written, copies


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--templates", help="comma-separated names (default: every template with sample data)")
    parser.add_argument("--data", default=os.path.join(ROOT, "SampleData"))
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    wanted = set(args.templates.split(",")) if args.templates else None
    templates = sorted(f for f in os.listdir(os.path.join(ROOT, "Templates")) if f.endswith(".yaml"))
    for file in templates:
        if wanted and file[:-5] not in wanted:
            continue
        result = scale_template(os.path.join(ROOT, "Templates", file), args.rows, args.out, args.data, args.seed)
        if result:
            name, written, copies = result
            print(f"{name}\t{'; '.join(written)}\tkey copies {copies}")
        else:
            print(f"{file[:-5]}\tskipped: sample data missing", file=sys.stderr)


if __name__ == "__main__":
    main()

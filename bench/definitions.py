#!/usr/bin/env python3
"""The benchmark definitions over the bench CSV (bench/generate.py), for bench/run.sh.

    python3 bench/definitions.py N DIR

Writes into DIR, for N rows, one definition per workload (each builds one workbook from
bench-N.csv, or bench-month-N.csv for per-period, with the same ten columns):

    bench-N.yaml          plain    the table as it comes (what floor.c and the peers write)
    bench-grouped-N.yaml  grouped  group_by ward (20 groups): heading and subtotal rows, a grand total
    bench-sorted-N.yaml   sorted   sort by amount, largest first
    bench-periods-N.yaml  periods  per_period month: one sheet per month (12)
"""
import os
import sys

FIELDS = "{ id: text, amount: money, budget: money, count: integer }"
COLUMNS = """    columns:
      - field: id
      - field: date
      - field: ward
      - field: category
      - field: description
      - id: amount
        field: amount
        format: money
      - id: budget
        field: budget
        format: money
      - field: count
      - id: variance
        expression: amount - budget
        format: money
      - id: share
        expression: amount / budget
        format: percent
"""
SHEET = {
    "plain": "  - name: Data\n    source: rows\n",
    "grouped": """  - name: Data
    source: rows
    group_by:
      - field: ward
        heading: "{value}"
        subtotal: "Total {value}"
    totals:
      columns: [amount, budget, variance]
      label: Total
""",
    "sorted": """  - name: Data
    source: rows
    sort:
      - field: amount
        descending: true
""",
    "periods": """  - name: "{period}"
    source: rows
    per_period: month
""",
}
WORKLOADS = list(SHEET)


def file_name(workload, rows):
    return f"bench-{rows}.yaml" if workload == "plain" else f"bench-{workload}-{rows}.yaml"


def csv_name(workload, rows):
    return f"bench-month-{rows}.csv" if workload == "periods" else f"bench-{rows}.csv"


def definition(workload, rows):
    stem = file_name(workload, rows)[: -len(".yaml")]
    return (f"# Benchmark definition, workload {workload} (written by bench/definitions.py).\n"
            f"output: {stem}.xlsx\nsources:\n  rows:\n    file: {csv_name(workload, rows)}\n"
            f"    fields: {FIELDS}\nsheets:\n" + SHEET[workload] + COLUMNS)


def main():
    rows, folder = int(sys.argv[1]), sys.argv[2]
    for workload in WORKLOADS:
        with open(os.path.join(folder, file_name(workload, rows)), "w") as handle:
            handle.write(definition(workload, rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())

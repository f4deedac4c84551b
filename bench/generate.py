#!/usr/bin/env python3
"""Deterministic synthetic CSV for the Appendix benchmarks.

    bench/generate.py N OUT.csv [--seed S] [--month]

Writes a header and N rows of 8 columns, shaped like a council spending export:

    id           text     TX000001, TX000002, ...
    date         text     2018-10-01 style (auto-typed by Appendix; reads as text)
    ward         text     one of 20 ward names
    category     text     one of 12 categories
    description  text     20-60 characters; about 1 in 4 contains a comma (so is quoted)
    amount       money    "£1,234.56"; about 1 in 20 a bracketed negative "(12.50)"
    budget       money    "£1,234.56", never zero
    count        integer  0-2500, written without separators

With --month, a ninth column `month` holds the date's month (`2018-10`), for the per-period
workload. The same N and seed always give byte-identical files (UTF-8, LF line ends, RFC 4180 quoting).
"""
import argparse
import csv
import datetime
import random
import sys

WARDS = [
    "Brunswick Park", "Burnt Oak", "Childs Hill", "Colindale", "Coppetts", "East Barnet",
    "East Finchley", "Edgware", "Finchley Church End", "Garden Suburb", "Golders Green",
    "Hale", "Hendon", "High Barnet", "Mill Hill", "Oakleigh", "Totteridge",
    "Underhill", "West Finchley", "West Hendon",
]
CATEGORIES = [
    "Highways", "Libraries", "Registrars", "Parks", "Waste", "Housing", "Adult Social Care",
    "Children's Services", "Planning", "Licensing", "Leisure", "Environmental Health",
]
WORDS = [
    "annual", "maintenance", "contract", "payment", "supplies", "repairs", "service",
    "agency", "staff", "equipment", "hire", "licence", "renewal", "survey", "works",
    "materials", "consultancy", "training", "printing", "postage", "cleaning", "security",
    "grounds", "vehicle", "fuel", "software", "support", "catering", "venue", "insurance",
]
START = datetime.date(2018, 10, 1)


def money(pence: int) -> str:
    """£1,234.56 for positive amounts, (12.50) for negative ones."""
    if pence < 0:
        p = -pence
        return f"({p // 100}.{p % 100:02d})"
    return f"£{pence // 100:,}.{pence % 100:02d}"


def description(rng: random.Random) -> str:
    target = rng.randint(20, 60)
    words = []
    length = 0
    while True:
        word = rng.choice(WORDS)
        extra = len(word) + (1 if words else 0)
        if length + extra > target:
            break
        words.append(word)
        length += extra
    text = " ".join(words)
    if len(words) > 2 and rng.random() < 0.25:
        cut = rng.randint(1, len(words) - 1)
        text = " ".join(words[:cut]) + ", " + " ".join(words[cut:])
    # Pad short texts up to 20 characters with a reference number.
    while len(text) < 20:
        text += f" ref {rng.randint(100, 999)}"
    return text[:60].rstrip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rows", type=int)
    parser.add_argument("output")
    parser.add_argument("--seed", type=int, default=20181121)
    parser.add_argument("--month", action="store_true", help="add a month column (YYYY-MM of date)")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    with open(args.output, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(["id", "date", "ward", "category", "description", "amount", "budget", "count"]
                        + (["month"] if args.month else []))
        for i in range(1, args.rows + 1):
            date = START + datetime.timedelta(days=rng.randrange(365))
            budget = rng.randint(100, 5_000_000)  # pence: £1.00 to £50,000.00
            if rng.random() < 0.05:
                amount = -rng.randint(1, 50_000)
            else:
                amount = int(budget * rng.uniform(0.5, 1.5))
            writer.writerow([
                f"TX{i:06d}",
                date.isoformat(),
                rng.choice(WARDS),
                rng.choice(CATEGORIES),
                description(rng),
                money(amount),
                money(budget),
                rng.randint(0, 2500),
            ] + ([date.isoformat()[:7]] if args.month else []))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env bash
# Builds the same workbooks with two appendix binaries and compares them part by part
# (scripts/same-cells.py): every shipped template on SampleData and the bench definition at
# ROWS rows (default 100,000), in both modes, and with --threads 1 and 2 for AFTER; and the
# demo's fee change workbook (`fees uplift` then `fees diff`).
#
#   scripts/same-cells.sh BEFORE_BIN AFTER_BIN [ROWS]
#
# Work files go to .build-same-cells/. Exits 1 if any pair differs.
set -euo pipefail
before=$(realpath "$1"); after=$(realpath "$2"); rows=${3:-100000}
root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/.build-same-cells"
mkdir -p "$work/before" "$work/after"
cd "$root"
[ -f "$work/bench-$rows.csv" ] || python3 bench/generate.py "$rows" "$work/bench-$rows.csv"
python3 bench/definitions.py "$rows" "$work"
pairs=()
for mode in memory streaming; do
  for t in Templates/*.yaml "$work/bench-$rows.yaml"; do
    name=$(basename "$t" .yaml); data=SampleData
    [ "$t" = "$work/bench-$rows.yaml" ] && data="$work"
    "$before" build "$t" --data "$data" --mode "$mode" --output "$work/before/$name-$mode.xlsx" --quiet
    for threads in 1 2; do
      "$after" build "$t" --data "$data" --mode "$mode" --threads "$threads" --output "$work/after/$name-$mode-$threads.xlsx" --quiet
      pairs+=("$work/before/$name-$mode.xlsx" "$work/after/$name-$mode-$threads.xlsx")
    done
  done
done
# The demo's fee change workbook (`make demo`), written outside the build pipeline.
for side in before after; do
  bin=$before; [ "$side" = after ] && bin=$after
  "$bin" fees uplift SampleData/registrar-fees-2018-19.csv --policy Templates/policies/registrar-uplift-2019-20.yaml \
    --comparators SampleData/registrar-fee-comparators-illustrative.csv --output "$work/proposed.csv" --quiet
  # The same path for both: the workbook names the file it compares.
  "$bin" fees diff SampleData/registrar-fees-2018-19.csv "$work/proposed.csv" \
    --old-amount charge_2018_19 --new-amount recommended_2019_20 --output "$work/$side/fee-changes.xlsx" > /dev/null
  cp "$work/proposed.csv" "$work/$side/proposed.csv"
done
cmp "$work/before/proposed.csv" "$work/after/proposed.csv"
pairs+=("$work/before/fee-changes.xlsx" "$work/after/fee-changes.xlsx")
python3 scripts/same-cells.py "${pairs[@]}"

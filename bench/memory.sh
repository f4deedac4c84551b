#!/usr/bin/env bash
# Peak memory by template (issue #12): builds every shipped template with data scaled up by
# bench/scale_templates.py (groups, periods and related keys fixed; rows growing) with a release
# `appendix`, and records peak RSS (/usr/bin/time %M) and wall time per template and size.
#
#   bench/memory.sh [--sizes 10000,100000,1000000] [--templates NAME,...] [--appendix-bin PATH]
#                   [--timeout SECONDS] [--mode auto|memory|streaming] [--no-report]
#
#   --sizes         row counts per source (default 10000,100000,1000000)
#   --templates     which templates (default every Templates/*.yaml with sample data)
#   --appendix-bin  measure this binary instead of building one from the working tree
#   --timeout       seconds before one build is stopped and reported as "timeout" (default 600)
#   --mode          passed to `appendix build --mode` (default auto, the tool's default)
#   --no-report     print the table but leave BENCHMARKS.md alone
#
# Writes the Markdown table to .build-bench-memory/memory.md and, unless --no-report, into
# BENCHMARKS.md as the section "Memory by template" (bench/run.sh keeps it when it rewrites the
# file). Data, workbooks and logs live in .build-bench-memory/ (BENCH_MEMORY_WORK=DIR for another
# folder); the release build in .build-bench-swift/ (shared with bench/run.sh).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
WORK=${BENCH_MEMORY_WORK:-.build-bench-memory}
SIZES=10000,100000,1000000
TEMPLATES=
APPENDIX=
TIMEOUT=600
MODE=auto
REPORT=1
while [ $# -gt 0 ]; do
  case $1 in
    --sizes) SIZES=$2; shift 2 ;;
    --templates) TEMPLATES=$2; shift 2 ;;
    --appendix-bin) APPENDIX=$(realpath "$2"); shift 2 ;;
    --timeout) TIMEOUT=$2; shift 2 ;;
    --mode) MODE=$2; shift 2 ;;
    --no-report) REPORT=0; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "memory.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
IFS=, read -r -a SIZE_LIST <<< "$SIZES"
log() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }
[ -x /usr/bin/time ] || { echo "memory.sh: /usr/bin/time is required (apt-get install time)" >&2; exit 1; }
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)

if [ -z "$APPENDIX" ]; then
  log "building appendix (release) from the working tree (HEAD $(git rev-parse --short HEAD))"
  swift build -c release --product appendix --scratch-path .build-bench-swift >&2
  APPENDIX=$(swift build -c release --product appendix --scratch-path .build-bench-swift --show-bin-path)/appendix
fi

RESULTS=$WORK/results.tsv
printf 'template\trows\twall_s\trss_kib\tstatus\n' > "$RESULTS"
stamp=$(sha1sum bench/scale_templates.py | cut -c1-12)
for n in "${SIZE_LIST[@]}"; do
  data=$WORK/data-$n
  if [ "$(cat "$data/.generator" 2>/dev/null)" != "$stamp" ]; then
    log "scaling the templates' data to $n rows"
    rm -rf "$data"
    python3 bench/scale_templates.py --rows "$n" --out "$data" ${TEMPLATES:+--templates "$TEMPLATES"} > "$WORK/scale-$n.txt"
    echo "$stamp" > "$data/.generator"
  fi
  for folder in "$data"/*/; do
    name=$(basename "$folder")
    [ -z "$TEMPLATES" ] || [[ ",$TEMPLATES," == *",$name,"* ]] || continue
    out=$WORK/out-$name-$n.xlsx status=ok definition=Templates/$name.yaml
    # Scaled data: table charts left out where the scaler wrote a definition without them;
    # --warn-only, as control totals cannot hold on scaled data (they are still worked out).
    [ -f "$folder/.definition.yaml" ] && definition=$folder/.definition.yaml
    rm -f "$out"
    /usr/bin/time -f '%e %M' -o "$WORK/time-$name-$n.txt" timeout "$TIMEOUT" \
      "$APPENDIX" build "$definition" --data "$folder" --output "$out" --mode "$MODE" --warn-only \
      > "$WORK/stdout-$name-$n.txt" 2> "$WORK/stderr-$name-$n.txt" || {
        rc=$?; if [ $rc = 124 ]; then status=timeout; else status="failed(rc=$rc)"; fi; }
    read -r wall rss < <(tail -1 "$WORK/time-$name-$n.txt")
    rm -f "$out"
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$n" "$wall" "$rss" "$status" >> "$RESULTS"
    printf '  %-26s %8s rows: %8.2f s %9.1f MiB  %s\n' "$name" "$n" "$wall" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$status" >&2
  done
done

python3 bench/memory_report.py --results "$RESULTS" --appendix "$APPENDIX" --mode "$MODE" \
  --command "bench/memory.sh --sizes $SIZES${TEMPLATES:+ --templates $TEMPLATES}" > "$WORK/memory.md"
cat "$WORK/memory.md"
[ $REPORT = 0 ] || python3 bench/memory_report.py --section "$WORK/memory.md" --write BENCHMARKS.md

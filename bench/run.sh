#!/usr/bin/env bash
# Appendix benchmarks: the Swift CLI against the floor for its stack (bench/floor.c: libcsv +
# libxlsxwriter by hand, constant_memory) and against Python's XlsxWriter and openpyxl, on
# synthetic CSVs of 10k / 100k / 1M rows; plus the end-to-end time of a 40-row appendix.
#
#   bench/run.sh [--sizes 10000,100000,1000000] [--runs N] [--timeout SECONDS]
#                [--tools appendix,floor,xlsxwriter,openpyxl] [--swift-source worktree|head]
#                [--appendix-bin PATH] [--profile] [--no-report]
#
#   --sizes         row counts to run (default 10000,100000,1000000)
#   --runs          runs per tool and size; the median wall time is reported (default: 3 up to
#                   100k rows, 1 above)
#   --timeout       seconds before one run is stopped and reported as "timeout" (default 900)
#   --tools         which tools to time (default all four)
#   --swift-source  build the Swift CLI from the working tree (default; falls back to a snapshot
#                   of HEAD, with a note in the report, when the tree does not compile — other
#                   engineers edit it while this runs) or from HEAD
#   --appendix-bin  time this appendix binary instead of building one
#   --profile       also profile Appendix and the floor with perf at 100k rows (or the largest
#                   size run) and add the top functions to the report (bench/profile.py)
#   --no-report     print the table but leave BENCHMARKS.md alone
#
# Everything it makes lives in .build-bench/ (data, workbooks, results; BENCH_WORK=DIR to use
# another folder; one run at a time per folder), .build-bench-venv/
# (Python) and .build-bench-swift*/ (SwiftPM scratch), all ignored by git. Writes BENCHMARKS.md.
set -euo pipefail

COMMAND="bench/run.sh${*:+ $*}"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
WORK=${BENCH_WORK:-.build-bench}
VENV=.build-bench-venv
SIZES=10000,100000,1000000
RUNS=
TIMEOUT=900
TOOLS=appendix,floor,xlsxwriter,openpyxl
SWIFT_SOURCE=worktree
APPENDIX_BIN=
REPORT=1
PROFILE=0

while [ $# -gt 0 ]; do
  case $1 in
    --sizes) SIZES=$2; shift 2 ;;
    --sizes=*) SIZES=${1#*=}; shift ;;
    --runs) RUNS=$2; shift 2 ;;
    --runs=*) RUNS=${1#*=}; shift ;;
    --timeout) TIMEOUT=$2; shift 2 ;;
    --timeout=*) TIMEOUT=${1#*=}; shift ;;
    --tools) TOOLS=$2; shift 2 ;;
    --tools=*) TOOLS=${1#*=}; shift ;;
    --swift-source) SWIFT_SOURCE=$2; shift 2 ;;
    --swift-source=*) SWIFT_SOURCE=${1#*=}; shift ;;
    --appendix-bin) APPENDIX_BIN=$(realpath "$2"); shift 2 ;;
    --appendix-bin=*) APPENDIX_BIN=$(realpath "${1#*=}"); shift ;;
    --no-report) REPORT=0; shift ;;
    --profile) PROFILE=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
IFS=, read -r -a SIZE_LIST <<< "$SIZES"
IFS=, read -r -a TOOL_LIST <<< "$TOOLS"
has_tool() { [[ ",$TOOLS," == *",$1,"* ]]; }
log() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }

mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
# One run at a time per work folder: runs share data, workbooks and results files.
exec 9> "$WORK/.lock"
if ! flock -n 9; then
  log "another bench/run.sh is using $WORK; waiting for it (or set BENCH_WORK=another-folder)"
  flock 9
fi

# --- tools from apt -----------------------------------------------------------------------
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
missing=()
[ -x /usr/bin/time ] || missing+=(time)
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v pkg-config >/dev/null || missing+=(pkg-config)
[ $PROFILE = 1 ] && ! command -v perf >/dev/null && missing+=(linux-perf)
for p in libxlsxwriter-dev libcsv-dev; do dpkg -s $p >/dev/null 2>&1 || missing+=($p); done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} (apt)"
  $SUDO apt-get update -qq || true
  for p in "${missing[@]}"; do
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$p" >/dev/null \
      || echo "run.sh: could not install $p" >&2
  done
fi
[ -x /usr/bin/time ] || { echo "run.sh: /usr/bin/time is required (apt-get install time)" >&2; exit 1; }

# --- Python --------------------------------------------------------------------------------
if ! "$VENV/bin/python" -c 'import xlsxwriter, openpyxl, sys; sys.exit(not (xlsxwriter.__version__ == "3.3.1" and openpyxl.__version__ == "3.1.5"))' 2>/dev/null; then
  log "making $VENV (xlsxwriter 3.3.1, openpyxl 3.1.5)"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q xlsxwriter==3.3.1 openpyxl==3.1.5
fi
PY=$ROOT/$VENV/bin/python

# --- data ------------------------------------------------------------------------------------
stamp=$(sha1sum bench/generate.py | cut -c1-12)
if [ "$(cat "$WORK/.generator" 2>/dev/null)" != "$stamp" ]; then rm -f "$WORK"/bench-*.csv; echo "$stamp" > "$WORK/.generator"; fi
for n in 40 "${SIZE_LIST[@]}"; do
  if [ ! -s "$WORK/bench-$n.csv" ]; then
    log "generating bench-$n.csv"
    python3 bench/generate.py "$n" "$WORK/bench-$n.csv.tmp" && mv "$WORK/bench-$n.csv.tmp" "$WORK/bench-$n.csv"
  fi
  cat > "$WORK/bench-$n.yaml" <<EOF
# Benchmark definition (written by bench/run.sh).
output: bench-$n.xlsx
sources:
  rows:
    file: bench-$n.csv
    fields: { id: text, amount: money, budget: money, count: integer }
sheets:
  - name: Data
    source: rows
    columns:
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
EOF
done

# --- the floor ----------------------------------------------------------------------------
FLOOR=$WORK/floor
if [ ! -x "$FLOOR" ] || [ bench/floor.c -nt "$FLOOR" ]; then
  log "compiling bench/floor.c"
  # shellcheck disable=SC2046
  cc -O2 bench/floor.c -o "$FLOOR" $(pkg-config --cflags --libs xlsxwriter) -lcsv
fi

# --- the Swift CLI -------------------------------------------------------------------------
SWIFT_NOTE=
if [ -n "$APPENDIX_BIN" ]; then
  APPENDIX=$APPENDIX_BIN
  SWIFT_NOTE="prebuilt binary $APPENDIX_BIN"
elif has_tool appendix; then
  build_head() {
    local src=$WORK/src-head
    rm -rf "$src" && mkdir -p "$src" && git archive HEAD | tar -x -C "$src"
    (cd "$src" && swift build -c release --product appendix --scratch-path "$ROOT/.build-bench-swift-head" >&2)
    APPENDIX=$(cd "$src" && swift build -c release --product appendix --scratch-path "$ROOT/.build-bench-swift-head" --show-bin-path)/appendix
  }
  commit=$(git rev-parse --short HEAD)
  if [ "$SWIFT_SOURCE" = head ]; then
    log "building appendix (release) from HEAD $commit"
    build_head
    SWIFT_NOTE="HEAD $commit (snapshot, --swift-source head)"
  else
    dirty=$(git status --porcelain -- Sources Package.swift | wc -l)
    log "building appendix (release) from the working tree (HEAD $commit, $dirty changed files)"
    built=0
    for attempt in 1 2; do
      if swift build -c release --product appendix --scratch-path .build-bench-swift 2> "$WORK/swift-build.err" >&2; then built=1; break; fi
      echo "run.sh: swift build failed (attempt $attempt):" >&2; grep -m3 'error:' "$WORK/swift-build.err" >&2 || tail -3 "$WORK/swift-build.err" >&2
      sleep 5
    done
    if [ $built = 1 ]; then
      APPENDIX=$(swift build -c release --product appendix --scratch-path .build-bench-swift --show-bin-path)/appendix
      SWIFT_NOTE="working tree at HEAD $commit ($dirty uncommitted changes under Sources/ and Package.swift)"
    else
      log "the working tree does not compile; benchmarking a snapshot of HEAD $commit instead"
      first_error=$(grep -m1 'error:' "$WORK/swift-build.err" | sed "s|$ROOT/||" || true)
      build_head
      SWIFT_NOTE="HEAD $commit snapshot — the working tree did not compile at run time (${first_error:-see $WORK/swift-build.err})"
    fi
  fi
fi

# --- timing -----------------------------------------------------------------------------------
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
RESULTS=$WORK/results.tsv
printf 'tool\trows\trun\twall_s\trss_kib\tuser_s\tsys_s\tstatus\n' > "$RESULTS"

command_for() {  # tool rows -> the command line, writing $WORK/out-TOOL-ROWS.xlsx
  local tool=$1 n=$2 out=$WORK/out-$1-$2.xlsx
  case $tool in
    appendix) echo "$APPENDIX build $WORK/bench-$n.yaml --data $WORK --output $out" ;;
    floor) echo "$FLOOR $WORK/bench-$n.csv $out" ;;
    xlsxwriter) echo "$PY $ROOT/bench/xlsxwriter_bench.py $WORK/bench-$n.csv $out" ;;
    openpyxl) echo "$PY $ROOT/bench/openpyxl_bench.py $WORK/bench-$n.csv $out" ;;
  esac
}

time_once() {  # tool rows run
  local tool=$1 n=$2 run=$3 log=$WORK/time-$1-$2-$3.txt status=ok
  local cmd; cmd=$(command_for "$tool" "$n")
  rm -f "$WORK/out-$tool-$n.xlsx"
  sync
  local t0 t1; t0=$(date +%s%N)
  # shellcheck disable=SC2086
  /usr/bin/time -v -o "$log" timeout "$TIMEOUT" $cmd > "$WORK/stdout-$tool-$n.txt" 2> "$WORK/stderr-$tool-$n.txt" || {
    rc=$?; if [ $rc = 124 ]; then status=timeout; else status="failed(rc=$rc)"; fi; }
  t1=$(date +%s%N)
  local wall rss user sys
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$log" 2>/dev/null); rss=${rss:-0}
  user=$(awk -F': ' '/User time \(seconds\)/ { print $2 }' "$log" 2>/dev/null); user=${user:-0}
  sys=$(awk -F': ' '/System time \(seconds\)/ { print $2 }' "$log" 2>/dev/null); sys=${sys:-0}
  if [ "$status" = ok ] && [ ! -s "$WORK/out-$tool-$n.xlsx" ]; then status=no-output; fi
  [ "$status" = ok ] || rm -f "$WORK/out-$tool-$n.xlsx"  # a partial workbook is not checked
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$n" "$run" "$wall" "$rss" "$user" "$sys" "$status" >> "$RESULTS"
  printf '  %-10s %8s rows  run %s: %8.3f s  %7.1f MiB  %s\n' "$tool" "$n" "$run" "$wall" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$status" >&2
  [ "$status" = ok ]
}

for n in "${SIZE_LIST[@]}"; do
  runs=${RUNS:-$([ "$n" -le 100000 ] && echo 3 || echo 1)}
  log "timing $n rows ($runs run(s) each, timeout ${TIMEOUT}s)"
  for tool in "${TOOL_LIST[@]}"; do
    for run in $(seq 1 "$runs"); do
      time_once "$tool" "$n" "$run" || break
    done
  done
done

# --- a 40-row appendix, end to end --------------------------------------------------------
STARTUP=$WORK/startup.tsv
printf 'tool\tmedian_ms\tmean_ms\tmin_ms\tmax_ms\tmethod\n' > "$STARTUP"
for tool in appendix floor; do
  has_tool $tool || continue
  cmd=$(command_for $tool 40)
  log "40-row $tool, median of 20 runs"
  if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 3 --runs 20 --export-json "$WORK/startup-$tool.json" "$cmd" >&2
    "$PY" - "$WORK/startup-$tool.json" "$tool" >> "$STARTUP" <<'EOF'
import json, statistics, sys
r = json.load(open(sys.argv[1]))["results"][0]
t = [x * 1000 for x in r["times"]]
print(f"{sys.argv[2]}\t{statistics.median(t):.2f}\t{statistics.mean(t):.2f}\t{min(t):.2f}\t{max(t):.2f}\thyperfine -N --warmup 3 --runs 20")
EOF
  else
    times=()
    for i in $(seq 1 23); do
      t0=$(date +%s%N); $cmd >/dev/null; t1=$(date +%s%N)
      [ "$i" -gt 3 ] && times+=("$(( (t1 - t0) / 1000 ))")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk -v tool=$tool '{ a[NR] = $1 / 1000; s += a[NR] }
      END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2;
            printf "%s\t%.2f\t%.2f\t%.2f\t%.2f\tshell loop, 3 warm-up + 20 runs\n", tool, m, s / NR, a[1], a[NR] }' >> "$STARTUP"
  fi
done

# --- profile --------------------------------------------------------------------------------
rm -f "$WORK/profile-appendix.md" "$WORK/profile-floor.md"
if [ $PROFILE = 1 ]; then
  if command -v perf >/dev/null; then
    prof_rows=${SIZE_LIST[-1]}
    for n in "${SIZE_LIST[@]}"; do [ "$n" -ge 100000 ] && { prof_rows=$n; break; }; done
    for tool in appendix floor; do
      has_tool $tool || continue
      log "profiling $tool at $prof_rows rows (perf)"
      # shellcheck disable=SC2046
      (cd "$WORK" && "$PY" "$ROOT/bench/profile.py" "$WORK/profile-$tool.md" -- $(command_for $tool "$prof_rows" | sed "s|$WORK/|./|g; s|$WORK|.|g") >/dev/null) \
        || echo "run.sh: profiling $tool failed" >&2
    done
  else
    echo "run.sh: perf is not available; no profile" >&2
  fi
fi

# --- check the workbooks, then report ---------------------------------------------------------
CHECK_ROWS=${SIZE_LIST[0]}
log "checking the $CHECK_ROWS-row workbooks with openpyxl"
check_files=()
for tool in "${TOOL_LIST[@]}"; do
  [ -s "$WORK/out-$tool-$CHECK_ROWS.xlsx" ] && check_files+=("$tool=$WORK/out-$tool-$CHECK_ROWS.xlsx")
done
checks_ok=1
"$PY" bench/check_outputs.py "$WORK/bench-$CHECK_ROWS.csv" "${check_files[@]}" > "$WORK/check.txt" || checks_ok=0
cat "$WORK/check.txt"

report_args=(--results "$RESULTS" --startup "$STARTUP" --check "$WORK/check.txt" --python "$PY" --swift-note "$SWIFT_NOTE" --timeout "$TIMEOUT" --load "$LOAD" --data "$WORK" --command "$COMMAND")
[ -n "${APPENDIX:-}" ] && report_args+=(--appendix "$APPENDIX")
for tool in appendix floor; do [ -s "$WORK/profile-$tool.md" ] && report_args+=(--profile "$WORK/profile-$tool.md"); done
[ $REPORT = 1 ] && report_args+=(--write BENCHMARKS.md)
"$PY" bench/report.py "${report_args[@]}"
# Keep the "Memory by template" section of bench/memory.sh (make bench-memory) in the new file.
MEMORY_SECTION=${BENCH_MEMORY_WORK:-.build-bench-memory}/memory.md
if [ $REPORT = 1 ] && [ -s "$MEMORY_SECTION" ]; then python3 bench/memory_report.py --section "$MEMORY_SECTION" --write BENCHMARKS.md; fi
[ $checks_ok = 1 ] || { echo "run.sh: a workbook failed its check (see above)" >&2; exit 1; }

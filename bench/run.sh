#!/usr/bin/env bash
# Appendix benchmarks: the Swift CLI against the floor for its stack (bench/floor.c: libcsv +
# libxlsxwriter by hand, constant_memory) and against Python peers (XlsxWriter, openpyxl,
# rustpy-xlsxwriter, PyExcelerate, polars), on synthetic CSVs of 10k / 100k / 1M rows; Appendix's
# grouped, sorted and per-period workloads on the same CSV; a 40-row appendix end to end.
#
#   bench/run.sh [--sizes 10000,100000,1000000] [--rounds N] [--large-rounds N] [--tools LIST]
#                [--workloads grouped,sorted,periods|none] [--large-workload-rounds N]
#                [--peers-max ROWS] [--startup-runs N]
#                [--settle SECONDS] [--max-repeats N] [--timeout SECONDS] [--check-rows N]
#                [--swift-source worktree|head] [--appendix-bin PATH] [--profile] [--no-report]
#                [--quick]
#
#   --sizes         row counts to run (default 10000,100000,1000000)
#   --rounds        rounds per size up to 100k rows, and rounds of the 40-row case (default 3)
#   --large-rounds  rounds per size above 100k rows (default 3: the 1M-row target is judged on
#                   their median)
#   --tools         appendix,floor,xlsxwriter,openpyxl,rustpy,pyexcelerate,polars (the default);
#                   a Python peer whose package pip cannot install is skipped with a note
#   --workloads     Appendix's other workloads, timed in the same rounds (default
#                   grouped,sorted,periods; bench/definitions.py); "none" for none
#   --large-workload-rounds
#                   in how many of the rounds above 100k rows the workloads run (default 1,
#                   the first: at 1M rows each takes ~16 s, so running them in all three
#                   rounds would add ~1.5 min to `make bench`'s 20-minute budget)
#   --peers-max     largest size the Python peers run at (default 100000)
#   --startup-runs  hyperfine runs per tool in each round of the 40-row case (default 50)
#   --settle        before each round, wait until the 1-minute load is below 0.5, at most this
#                   many seconds (default 45; twice that before the first round, after the
#                   build); the previous round's own load decays meanwhile
#   --max-repeats   a round that starts with 1-minute load above 1 is not run but started again
#                   after settling, at most this many times in the whole run (default 3); once
#                   the cap is hit such rounds are run and counted, and the report says so
#   --timeout       seconds before one run is stopped and reported as "timeout" (default 900)
#   --check-rows    which size's workbooks check_outputs.py checks (default the smallest size)
#   --swift-source  build the Swift CLI from the working tree (default; falls back to a snapshot
#                   of HEAD, with a note in the report, when the tree does not compile — other
#                   engineers edit it while this runs) or from HEAD
#   --appendix-bin  time this appendix binary instead of building one
#   --profile       also profile Appendix and the floor with perf at 100k rows (or the largest
#                   size run) and add the top functions to the report (bench/profile.py)
#   --no-report     print the tables but leave BENCHMARKS.md alone
#   --quick         day-to-day check (make bench-quick): 100k rows, one round, Appendix and
#                   floor.c only, the 40-row case, no settling or repeats, the 40-row workbooks
#                   checked, BENCHMARKS.md left alone; prints the ratios (options after it
#                   override these)
#
# Method: tools take turns round by round (Appendix and floor.c first, in alternating order,
# then the workloads and the peers), never all runs of one tool then the next; the load average
# is recorded at the start and end of every round; wall and CPU (user+sys) time per run;
# bench/report.py gives ratios as medians of per-round pairs and judges the targets on rounds
# that started with load below 0.5.
#
# Everything it makes lives in .build-bench/ (data, workbooks, results; BENCH_WORK=DIR to use
# another folder; one run at a time per folder), .build-bench-venv/ (Python) and
# .build-bench-swift*/ (SwiftPM scratch), all ignored by git. Writes BENCHMARKS.md, keeping its
# hand-written sections.
set -euo pipefail

COMMAND="bench/run.sh${*:+ $*}"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
WORK=${BENCH_WORK:-.build-bench}
VENV=.build-bench-venv
SIZES=10000,100000,1000000
ROUNDS=3
LARGE_ROUNDS=3
LARGE_WORKLOAD_ROUNDS=1
TOOLS=appendix,floor,xlsxwriter,openpyxl,rustpy,pyexcelerate,polars
WORKLOADS=grouped,sorted,periods
PEERS_MAX=100000
STARTUP_RUNS=50
SETTLE=45
MAX_REPEATS=3
TIMEOUT=900
CHECK_ROWS=
SWIFT_SOURCE=worktree
APPENDIX_BIN=
REPORT=1
PROFILE=0
QUICK=0

while [ $# -gt 0 ]; do
  option=$1 value=${2:-}
  case $option in --*=*) value=${option#*=}; option=${option%%=*}; set -- "$option" "$value" "${@:2}" ;; esac
  case $option in
    --sizes) SIZES=$value; shift 2 ;;
    --rounds) ROUNDS=$value; shift 2 ;;
    --large-rounds) LARGE_ROUNDS=$value; shift 2 ;;
    --tools) TOOLS=$value; shift 2 ;;
    --workloads) WORKLOADS=$value; shift 2 ;;
    --large-workload-rounds) LARGE_WORKLOAD_ROUNDS=$value; shift 2 ;;
    --peers-max) PEERS_MAX=$value; shift 2 ;;
    --startup-runs) STARTUP_RUNS=$value; shift 2 ;;
    --settle) SETTLE=$value; shift 2 ;;
    --max-repeats) MAX_REPEATS=$value; shift 2 ;;
    --timeout) TIMEOUT=$value; shift 2 ;;
    --check-rows) CHECK_ROWS=$value; shift 2 ;;
    --swift-source) SWIFT_SOURCE=$value; shift 2 ;;
    --appendix-bin) APPENDIX_BIN=$(realpath "$value"); shift 2 ;;
    --no-report) REPORT=0; shift ;;
    --profile) PROFILE=1; shift ;;
    --quick) QUICK=1 SIZES=100000 ROUNDS=1 TOOLS=appendix,floor WORKLOADS=none SETTLE=0 MAX_REPEATS=0 CHECK_ROWS=40 REPORT=0; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option $option (see --help)" >&2; exit 2 ;;
  esac
done
[ "$WORKLOADS" = none ] && WORKLOADS=
IFS=, read -r -a SIZE_LIST <<< "$SIZES"
IFS=, read -r -a WORKLOAD_LIST <<< "$WORKLOADS"
CHECK_ROWS=${CHECK_ROWS:-$(printf '%s\n' "${SIZE_LIST[@]}" | sort -n | head -1)}
has_tool() { [[ ",$TOOLS," == *",$1,"* ]]; }
drop_tool() { TOOLS=$(echo ",$TOOLS," | sed "s/,$1,/,/; s/^,//; s/,$//"); }
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

# --- Python: the checker's openpyxl, and the peers ------------------------------------------
# tool:pip requirement:module. xlsxwriter and openpyxl are required (the checker reads with
# openpyxl; polars writes through XlsxWriter); a peer pip cannot install is skipped.
PEERS=(xlsxwriter:xlsxwriter==3.3.1:xlsxwriter openpyxl:openpyxl==3.1.5:openpyxl
       rustpy:rustpy-xlsxwriter==0.8.0:rustpy_xlsxwriter pyexcelerate:pyexcelerate==0.13.0:pyexcelerate
       polars:polars==2.1.0:polars)
SKIPPED=
[ -x "$VENV/bin/python" ] || { log "making $VENV"; python3 -m venv "$VENV"; }
PY=$ROOT/$VENV/bin/python
for peer in "${PEERS[@]}"; do
  IFS=: read -r tool requirement module <<< "$peer"
  name=${requirement%%==*} version=${requirement#*==}
  [ "$("$PY" -c "import importlib.metadata as m; print(m.version('$name'))" 2>/dev/null)" = "$version" ] && continue
  log "installing $requirement into $VENV"
  "$PY" -m pip install -q "$requirement" >&2 || echo "run.sh: pip could not install $requirement" >&2
done
for peer in "${PEERS[@]}"; do
  IFS=: read -r tool requirement module <<< "$peer"
  "$PY" -c "import $module" 2>/dev/null && continue
  case $tool in xlsxwriter|openpyxl) echo "run.sh: $requirement is required and could not be installed" >&2; exit 1 ;; esac
  if has_tool "$tool"; then
    drop_tool "$tool"
    SKIPPED="${SKIPPED:+$SKIPPED; }$tool (pip could not install $requirement: offline, or no wheel for this machine)"
    echo "run.sh: skipping $tool: pip could not install $requirement" >&2
  fi
done
IFS=, read -r -a TOOL_LIST <<< "$TOOLS"

# --- data and definitions -----------------------------------------------------------------------
stamp=$(cat bench/generate.py bench/definitions.py | sha1sum | cut -c1-12)
if [ "$(cat "$WORK/.generator" 2>/dev/null)" != "$stamp" ]; then rm -f "$WORK"/bench-*.csv; echo "$stamp" > "$WORK/.generator"; fi
generate() {  # rows file [--month]
  [ -s "$WORK/$2" ] && return
  log "generating $2"
  python3 bench/generate.py "$1" "$WORK/$2.tmp" "${@:3}" && mv "$WORK/$2.tmp" "$WORK/$2"
}
for n in 40 "${SIZE_LIST[@]}"; do
  generate "$n" "bench-$n.csv"
  if [ "$n" != 40 ] && [[ " ${WORKLOAD_LIST[*]} " == *" periods "* ]]; then generate "$n" "bench-month-$n.csv" --month; fi
  python3 bench/definitions.py "$n" "$WORK"
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

# --- one run --------------------------------------------------------------------------------
RESULTS=$WORK/results.tsv
ROUNDS_TSV=$WORK/rounds.tsv
STARTUP=$WORK/startup.tsv
printf 'round\ttool\trows\twall_s\trss_kib\tuser_s\tsys_s\tbytes\tstatus\n' > "$RESULTS"
printf 'round\trows\tstatus\tstarted\tload_start\tload_end\tsettled_s\n' > "$ROUNDS_TSV"
printf 'round\ttool\tmedian_ms\tmean_ms\tmin_ms\tmax_ms\tuser_ms\tsys_ms\truns\n' > "$STARTUP"

command_for() {  # tool rows -> the command line, writing $WORK/out-TOOL-ROWS.xlsx
  local tool=$1 n=$2 out=$WORK/out-$1-$2.xlsx
  case $tool in
    appendix) echo "$APPENDIX build $WORK/bench-$n.yaml --data $WORK --output $out" ;;
    appendix-*) echo "$APPENDIX build $WORK/bench-${tool#appendix-}-$n.yaml --data $WORK --output $out" ;;
    floor) echo "$FLOOR $WORK/bench-$n.csv $out" ;;
    *) echo "$PY $ROOT/bench/${tool}_bench.py $WORK/bench-$n.csv $out" ;;
  esac
}

FAILED=" "
time_once() {  # tool rows round
  local tool=$1 n=$2 round=$3 log=$WORK/time-$1-$2.txt status=ok out=$WORK/out-$1-$2.xlsx
  local cmd; cmd=$(command_for "$tool" "$n")
  rm -f "$out"
  sync
  local t0 t1; t0=$(date +%s%N)
  # shellcheck disable=SC2086
  /usr/bin/time -v -o "$log" timeout "$TIMEOUT" $cmd > "$WORK/stdout-$tool-$n.txt" 2> "$WORK/stderr-$tool-$n.txt" || {
    rc=$?; if [ $rc = 124 ]; then status=timeout; else status="failed(rc=$rc)"; fi; }
  t1=$(date +%s%N)
  local wall rss user sys bytes
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$log" 2>/dev/null); rss=${rss:-0}
  user=$(awk -F': ' '/User time \(seconds\)/ { print $2 }' "$log" 2>/dev/null); user=${user:-0}
  sys=$(awk -F': ' '/System time \(seconds\)/ { print $2 }' "$log" 2>/dev/null); sys=${sys:-0}
  if [ "$status" = ok ] && [ ! -s "$out" ]; then status=no-output; fi
  [ "$status" = ok ] || { rm -f "$out"; FAILED="$FAILED$tool:$n "; }  # a partial workbook is not checked
  bytes=$(stat -c %s "$out" 2>/dev/null || echo 0)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$tool" "$n" "$wall" "$rss" "$user" "$sys" "$bytes" "$status" >> "$RESULTS"
  printf '  %-17s %8s rows: %8.3f s wall %8.2f s CPU %7.1f MiB  %s\n' "$tool" "$n" "$wall" \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$status" >&2
}

size_round() {  # rows round index: Appendix and floor.c first (order alternating), then the rest
  local n=$1 round=$2 index=$3 pair=(appendix floor) rest=() tool
  [ $((index % 2)) = 1 ] && pair=(floor appendix)
  if [ "$n" -le 100000 ] || [ "$index" -lt "$LARGE_WORKLOAD_ROUNDS" ]; then
    for w in "${WORKLOAD_LIST[@]}"; do rest+=("appendix-$w"); done
  fi
  if [ "$n" -le "$PEERS_MAX" ]; then
    for tool in "${TOOL_LIST[@]}"; do case $tool in appendix|floor) ;; *) rest+=("$tool") ;; esac; done
  fi
  for tool in "${pair[@]}" "${rest[@]}"; do
    has_tool "${tool%%-*}" || continue
    [[ "$FAILED" == *" $tool:$n "* ]] && continue  # failed or timed out in an earlier round
    time_once "$tool" "$n" "$round"
  done
}

startup_round() {  # 40 round index: hyperfine, Appendix and floor.c in alternating order
  local n=$1 round=$2 index=$3 tools=(appendix floor) cmds=() tool
  [ $((index % 2)) = 1 ] && tools=(floor appendix)
  for tool in "${tools[@]}"; do has_tool "$tool" && cmds+=("$(command_for "$tool" "$n")"); done
  [ ${#cmds[@]} -gt 0 ] || return 0
  hyperfine -N --warmup 3 --runs "$STARTUP_RUNS" --export-json "$WORK/startup-$round.json" "${cmds[@]}" >&2 || return 0
  "$PY" - "$WORK/startup-$round.json" "$round" "${APPENDIX:-}" >> "$STARTUP" <<'EOF'
import json, statistics, sys
for r in json.load(open(sys.argv[1]))["results"]:
    tool = "appendix" if r["command"].startswith(sys.argv[3] + " ") else "floor"
    t = [x * 1000 for x in r["times"]]
    print(f"{sys.argv[2]}\t{tool}\t{statistics.median(t):.3f}\t{statistics.mean(t):.3f}\t{min(t):.3f}\t{max(t):.3f}\t"
          f"{r['user'] * 1000:.3f}\t{r['system'] * 1000:.3f}\t{len(t)}")
EOF
}

# --- rounds ---------------------------------------------------------------------------------
ROUND=0 REPEATS=0
above() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a > b) }'; }
settle() {  # waits until the 1-minute load is below 0.5, at most $1 seconds; prints the wait
  local waited=0
  while above "$(cut -d' ' -f1 /proc/loadavg)" 0.49 && [ $waited -lt "$1" ]; do sleep 5; waited=$((waited + 5)); done
  echo $waited
}
measure() {  # rows wanted runner
  local n=$1 wanted=$2 runner=$3 counted=0 waited load status
  while [ $counted -lt "$wanted" ]; do
    # The first round may wait twice as long: the release build has just kept both cores busy.
    waited=$(settle $([ $ROUND = 0 ] && echo $((SETTLE * 2)) || echo "$SETTLE"))
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    ROUND=$((ROUND + 1))
    status=counted
    if above "${load%% *}" 1; then
      if [ "$REPEATS" -lt "$MAX_REPEATS" ]; then
        REPEATS=$((REPEATS + 1))
        log "round $ROUND ($n rows): load $load > 1 at the start; started again (repeat $REPEATS of at most $MAX_REPEATS)"
        printf '%s\t%s\trepeated\t%s\t%s\t\t%s\n' "$ROUND" "$n" "$(date +%T)" "$load" "$waited" >> "$ROUNDS_TSV"
        continue
      fi
      status=counted-cap
    fi
    log "round $ROUND: $n rows (load $load, settled ${waited}s)"
    local started; started=$(date +%T)
    $runner "$n" "$ROUND" "$counted"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$ROUND" "$n" "$status" "$started" "$load" "$(cut -d' ' -f1-3 /proc/loadavg)" "$waited" >> "$ROUNDS_TSV"
    counted=$((counted + 1))
  done
}

BENCH_START=$(date +%s)
if has_tool appendix || has_tool floor; then
  log "40-row appendix end to end: $ROUNDS round(s) of hyperfine, $STARTUP_RUNS runs each"
  measure 40 "$ROUNDS" startup_round
fi
for n in "${SIZE_LIST[@]}"; do
  wanted=$([ "$n" -le 100000 ] && echo "$ROUNDS" || echo "$LARGE_ROUNDS")
  log "timing $n rows: $wanted round(s), timeout ${TIMEOUT}s per run"
  measure "$n" "$wanted" size_round
done
BENCH_SECONDS=$(( $(date +%s) - BENCH_START ))

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
log "checking the $CHECK_ROWS-row workbooks with openpyxl"
check_files=()
for tool in "${TOOL_LIST[@]}" "${WORKLOAD_LIST[@]/#/appendix-}"; do
  [ -s "$WORK/out-$tool-$CHECK_ROWS.xlsx" ] && check_files+=("$tool=$WORK/out-$tool-$CHECK_ROWS.xlsx")
done
checks_ok=1
"$PY" bench/check_outputs.py "$WORK/bench-$CHECK_ROWS.csv" "${check_files[@]}" > "$WORK/check.txt" || checks_ok=0
cat "$WORK/check.txt"

report_args=(--results "$RESULTS" --rounds "$ROUNDS_TSV" --startup "$STARTUP" --check "$WORK/check.txt"
  --check-rows "$CHECK_ROWS" --python "$PY" --swift-note "$SWIFT_NOTE" --timeout "$TIMEOUT" --data "$WORK"
  --command "$COMMAND" --skipped "$SKIPPED" --settle "$SETTLE" --max-repeats "$MAX_REPEATS"
  --repeats "$REPEATS" --seconds "$BENCH_SECONDS" --peers-max "$PEERS_MAX" --baseline bench/baseline-sizes.tsv)
[ -n "${APPENDIX:-}" ] && report_args+=(--appendix "$APPENDIX")
for tool in appendix floor; do [ -s "$WORK/profile-$tool.md" ] && report_args+=(--profile "$WORK/profile-$tool.md"); done
[ $REPORT = 1 ] && report_args+=(--write BENCHMARKS.md)
[ $QUICK = 1 ] && report_args+=(--summary-only)
"$PY" bench/report.py "${report_args[@]}"
[ $checks_ok = 1 ] || { echo "run.sh: a workbook failed its check (see above)" >&2; exit 1; }

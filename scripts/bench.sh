#!/usr/bin/env bash
# bench.sh — time Homeport on a pinned real-world corpus.
#
# Usage: scripts/bench.sh [--quick]
#
#   --quick   small corpus (scripts/build-corpus.sh --quick) and 1 run per scan
#             instead of 3
#
# Steps:
#   1. `swift build -c release --product homeport` in the repo root, and how
#      long it took (skipped with SKIP_BUILD=1).
#   2. scripts/build-corpus.sh [--quick] (a no-op when the corpus is current).
#   3. `homeport scan PATH --format json --output FILE --quiet`, N times each,
#      on the whole corpus, then on CORPUS/swift and CORPUS/python alone, each
#      run timed with `/usr/bin/time -f '%e %U %S %M'` (the `time` package is
#      installed with apt-get if /usr/bin/time is missing). Exit codes 0, 1
#      (findings) and 3 (scan incomplete) count as success; 2 or others abort.
#   4. Startup: median wall time of 20 runs of `homeport --version` against
#      20 runs of /bin/true, in ms.
#
# Prints a table, one row per (tool, subset):
#   files, MB          corpus files the tool is meant to read (for homeport:
#                      *.swift *.py *.pyi and the C/C++ files under CORPUS/c;
#                      the "c-nopf" row scans CORPUS/c with --no-prefilter, so
#                      every C/C++ file goes through libclang)
#   best wall s        fastest of the N runs
#   cpu s              user+sys of that fastest run
#   RSS MB             highest peak RSS over the N runs
#   files/s, MB/s      files and MB over best wall
#   findings           length of the "findings" array in the JSON report
# and writes the rows as TSV to .bench/results/latest.tsv.
#
# Environment:
#   HOMEPORT_BIN=PATH   binary to time (default: <repo>/.build/release/homeport)
#   SKIP_BUILD=1        do not run swift build
#   BENCH_RUNS=N        runs per scan (default 3, or 1 with --quick)
#   CORPUS_DIR=DIR      corpus location (default: build-corpus.sh's default)
#
# Adding an anchor tool (ripgrep, ast-grep, semgrep via hyperfine, …): write a
# bench_<tool> LABEL PATH... function that calls add_row like bench_homeport
# does, and list it in ANCHORS below. None are implemented yet.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

QUICK=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) QUICK=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench: unknown argument: $1 (usage: scripts/bench.sh [--quick])" >&2; exit 2 ;;
  esac
  shift
done

if [[ $QUICK == 1 ]]; then RUNS=${BENCH_RUNS:-1}; else RUNS=${BENCH_RUNS:-3}; fi
HOMEPORT_BIN=${HOMEPORT_BIN:-$ROOT/.build/release/homeport}
SKIP_BUILD=${SKIP_BUILD:-0}
RESULTS_DIR=$ROOT/.bench/results
STARTUP_RUNS=20

# Anchor tools to time after homeport, each a bench_<name> function.
ANCHORS=()

SCRATCH=$(mktemp -d /tmp/homeport-bench.XXXXXX)
trap 'rm -rf "$SCRATCH"' EXIT

log() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }

now() { date +%s.%N; }
elapsed() { awk -v s="$1" -v e="$(now)" 'BEGIN{printf "%.1f", e-s}'; }

# ---------------------------------------------------------------------------
# Setup

ensure_time() {
  [[ -x /usr/bin/time ]] && return 0
  log "/usr/bin/time missing; installing the 'time' package"
  apt-get install -y -q time >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q time >/dev/null; }
  [[ -x /usr/bin/time ]] || die "could not install /usr/bin/time"
}

build_homeport() {
  if [[ $SKIP_BUILD == 1 ]]; then
    log "SKIP_BUILD=1: not building"
    return 0
  fi
  local start
  start=$(now)
  log "swift build -c release --product homeport"
  (cd "$ROOT" && swift build -c release --product homeport)
  BUILD_SECONDS=$(elapsed "$start")
  echo "build: swift build -c release --product homeport took ${BUILD_SECONDS} s"
}

# Sets CORPUS from build-corpus.sh's last line ("corpus: DIR files=… …").
build_corpus() {
  local args=() start last
  [[ $QUICK == 1 ]] && args+=(--quick)
  [[ -n "${CORPUS_DIR:-}" ]] && args+=("$CORPUS_DIR")
  start=$(now)
  last=$("$ROOT/scripts/build-corpus.sh" "${args[@]}" | tail -n 1)
  [[ $last == "corpus: "* ]] || die "build-corpus.sh gave no summary line"
  CORPUS=${last#corpus: }; CORPUS=${CORPUS%% files=*}
  local files=${last##* files=} mb=${last##* mb=}
  echo "corpus: $CORPUS, ${files%% *} files, $mb MB (ready in $(elapsed "$start") s)"
}

# ---------------------------------------------------------------------------
# Measurement helpers

# corpus_size EXTS PATH... — prints "FILES BYTES" for files under PATHs whose
# extension is in the space-separated EXTS (empty EXTS: every file).
corpus_size() {
  local exts=$1; shift
  find "$@" -name .git -prune -o -type f -printf '%s\t%f\n' \
    | awk -F '\t' -v exts="$exts" '
        BEGIN { n = split(exts, e, " "); for (i = 1; i <= n; i++) want[e[i]] = 1 }
        { ext = $2; if (!sub(/.*\./, "", ext)) ext = ""
          if (n == 0 || (ext in want)) { files++; bytes += $1 } }
        END { printf "%d %d\n", files, bytes }'
}

# timed TIMEFILE LOGFILE CMD... — runs CMD under /usr/bin/time; the last line
# of TIMEFILE is "wall user sys maxrss_kb". Returns CMD's exit code.
timed() {
  local timefile=$1 logfile=$2; shift 2
  local rc=0
  /usr/bin/time -f '%e %U %S %M' -o "$timefile" -- "$@" >"$logfile" 2>&1 || rc=$?
  return $rc
}

ROWS=()
# add_row TOOL SUBSET FILES BYTES WALL CPU RSS_KB FINDINGS
add_row() {
  ROWS+=("$(printf '%s\t' "$@")")
}

print_table() {
  printf '\n'
  printf '%-10s %-8s %7s %8s %9s %8s %8s %9s %7s %9s\n' \
    tool subset files MB "wall s" "cpu s" "RSS MB" "files/s" "MB/s" findings
  local row tool subset files bytes wall cpu rss findings
  for row in "${ROWS[@]}"; do
    IFS=$'\t' read -r tool subset files bytes wall cpu rss findings <<<"$row"
    awk -v t="$tool" -v s="$subset" -v f="$files" -v b="$bytes" -v w="$wall" \
        -v c="$cpu" -v r="$rss" -v n="$findings" 'BEGIN {
      mb = b / 1048576; ww = (w > 0) ? w : 0.01
      printf "%-10s %-8s %7d %8.1f %9.2f %8.2f %8.1f %9.0f %7.1f %9s\n",
             t, s, f, mb, w, c, r / 1024, f / ww, mb / ww, n }'
  done
  mkdir -p "$RESULTS_DIR"
  {
    printf 'tool\tsubset\tfiles\tbytes\twall_s\tcpu_s\trss_kb\tfindings\n'
    printf '%s\n' "${ROWS[@]}" | sed 's/\t$//'
  } >"$RESULTS_DIR/latest.tsv"
  printf '\n(rows also in %s)\n' "${RESULTS_DIR#"$ROOT"/}/latest.tsv"
}

count_findings() {
  python3 - "$1" <<'PY' 2>/dev/null || echo "?"
import json, sys
print(len(json.load(open(sys.argv[1]))["findings"]))
PY
}

# ---------------------------------------------------------------------------
# Tools. Each bench_<tool> LABEL PATH... times one scan of PATHs and add_rows.

HOMEPORT_EXTS="swift py pyi c h cc cpp cxx hpp hh hxx"

# bench_homeport LABEL [--no-prefilter] PATH...
bench_homeport() {
  local label=$1; shift
  local extra=()
  if [[ ${1:-} == --no-prefilter ]]; then extra=(--no-prefilter); shift; fi
  local size files bytes
  size=$(corpus_size "$HOMEPORT_EXTS" "$@"); read -r files bytes <<<"$size"
  local out="$SCRATCH/homeport-$label.json" tf="$SCRATCH/time" lf="$SCRATCH/homeport-$label.log"
  local i rc best_wall="" best_cpu="" max_rss=0 wall user sys rss
  for ((i = 1; i <= RUNS; i++)); do
    rm -f "$out"
    rc=0
    timed "$tf" "$lf" "$HOMEPORT_BIN" scan "$@" "${extra[@]}" --format json --output "$out" --quiet || rc=$?
    case $rc in
      0|1|3) ;;
      *) tail -n 20 "$lf" >&2; die "homeport scan ($label) exited $rc" ;;
    esac
    read -r wall user sys rss < <(tail -n 1 "$tf")
    log "homeport $label run $i/$RUNS: exit $rc, ${wall} s wall"
    if [[ -z $best_wall ]] || awk -v a="$wall" -v b="$best_wall" 'BEGIN{exit !(a < b)}'; then
      best_wall=$wall
      best_cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.2f", u+s}')
    fi
    ((rss > max_rss)) && max_rss=$rss
  done
  add_row homeport "$label" "$files" "$bytes" "$best_wall" "$best_cpu" "$max_rss" "$(count_findings "$out")"
}

# Anchors, for later work (ripgrep, ast-grep, semgrep, ideally via hyperfine).
# Each should time a comparable search over the same PATHs and add_row.
# bench_ripgrep() { local label=$1; shift; …; add_row ripgrep "$label" …; }
# bench_astgrep() { …; }
# bench_semgrep() { …; }

# startup — median ms of `homeport --version` vs /bin/true.
bench_startup() {
  python3 - "$STARTUP_RUNS" "$HOMEPORT_BIN" <<'PY'
import statistics, subprocess, sys, time
runs, binary = int(sys.argv[1]), sys.argv[2]
def median_ms(cmd):
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm-up
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        samples.append((time.perf_counter() - t) * 1000)
    return statistics.median(samples)
hp = median_ms([binary, "--version"])
true = median_ms(["/bin/true"])
print(f"startup: homeport --version {hp:.1f} ms, /bin/true {true:.1f} ms "
      f"(median of {runs}; difference {hp - true:.1f} ms)")
PY
}

# ---------------------------------------------------------------------------

main() {
  ensure_time
  build_homeport
  [[ -x "$HOMEPORT_BIN" ]] || die "no homeport binary at $HOMEPORT_BIN (set HOMEPORT_BIN or drop SKIP_BUILD)"
  build_corpus
  echo "homeport: $HOMEPORT_BIN ($("$HOMEPORT_BIN" --version 2>/dev/null | head -n 1 || echo '?')), $RUNS run(s) per scan"

  bench_homeport all "$CORPUS"
  bench_homeport swift "$CORPUS/swift"
  bench_homeport python "$CORPUS/python"
  bench_homeport c "$CORPUS/c"
  bench_homeport c-nopf --no-prefilter "$CORPUS/c"

  local anchor
  for anchor in "${ANCHORS[@]}"; do
    "bench_$anchor" all "$CORPUS"
  done

  print_table
  bench_startup
}

main

#!/usr/bin/env bash
# bench.sh — time Homeport on a pinned real-world corpus, side by side with anchor tools.
#
# Usage: scripts/bench.sh [--quick] [--with-semgrep] [--lsp-only] [--anchor-only] [--cost-only]
#                         [--startup] [--hostile-only]
#
#   --quick         small corpus (scripts/build-corpus.sh --quick), 1 timed run per command,
#                   no semgrep: about a minute once the corpus and the tools are there
#   --with-semgrep  also time Semgrep (one run on the whole corpus; minutes)
#   --lsp-only      steps 1-3, one scan of the corpus for the files with findings, and step 7
#                   only (the language servers): about a minute once the corpus is there
#   --anchor-only   steps 1-3 and Homeport next to ripgrep with the ASCII set only (step 4 without the
#                   other anchors), with the target checks: a few minutes
#   --cost-only     steps 1-2 and the per-file cost rows (step 6b) only
#   --startup       step 1 and the start-up rows of step 6 only (`homeport --version`, a scan of
#                   one small file), no corpus and no anchors; with BASE_BIN, that binary is timed
#                   in the same hyperfine run and each row shows the ratio to it, of the means,
#                   the medians and the CPU time; then, with valgrind, the instructions each
#                   executes (callgrind), which the load of a shared machine does not change
#   --hostile-only  steps 1 and 8 only (no corpus, no anchors): about two minutes
#
# Steps:
#   1. `swift build -c release --product homeport --static-swift-stdlib` (SKIP_BUILD=1 skips).
#   2. scripts/build-corpus.sh [--quick] (a no-op when the corpus is current).
#   3. Anchors, installed when missing: ripgrep and hyperfine with apt-get; ast-grep-cli, ruff
#      (for `ruff server`) and pre-commit (and semgrep with --with-semgrep) with pip into the
#      virtual environment .bench/venv. The
#      equivalent rules are in bench/: ripgrep-patterns.txt (the regex set written the natural
#      way, Unicode \s \b \w), ripgrep-patterns-ascii.txt (the same set tuned to ASCII classes),
#      ast-grep/ (a project whose rules match string literals and imports), semgrep.yml.
#   4. Whole corpus, all tools side by side with hyperfine (ripgrep with the ASCII set, the headline
#      anchor, first) (--warmup 1, BENCH_RUNS runs, mean
#      wall and CPU time), each command writing its JSON report to a file; then one more run of
#      each under /usr/bin/time for peak RSS, and findings counted from that report. All at 2
#      threads (--jobs 2 / -j 2).
#   5. Homeport alone: per language subset (swift, python, c), the --jobs 1 run (speed-up from 1
#      to 2 threads), and the tokenizers' throughput (--no-prefilter, --jobs 1) on the files
#      that have findings, per language, and on every Swift and C file.
#   6. Latency: `homeport --version` and a scan of one small file against /bin/true; a scan of
#      10 named files (what the pre-commit hook runs for 10 staged files), `scan --staged` with
#      the same 10 files staged (what the plain git hook runs: git reads the index), and the real
#      `pre-commit run` of that hook on them next to pre-commit running a no-op hook (its own
#      cost); a scan of one 5,000-line Python file (the one-shot scan an LSP scan is compared with).
#      hyperfine -N, many runs. The 5,000-line files: whole files from the corpus with findings,
#      one after another, cut at line 5,000 (Python: the .py files with findings; Swift: the few
#      .swift files with findings, then every other corpus .swift file in path order: the corpus
#      has no hand-written 5,000-line Swift file). If Homeport finds nothing in the result (a
#      corpus without OpenAI code in that language, as --quick has for Swift), its last lines
#      are replaced by a Fixtures/ file with findings, and the script says so.
#   6b. Per-file cost (valgrind): instructions of a scan of the generated clean 5,000-line Python
#      module (scripts/generate-lsp-files.py) and of 5,000 lines of corpus Swift that do not mention
#      OpenAI, with and without the prefilter, less an empty file's (start-up), per byte (target
#      < 100 without the prefilter); one finding's cost, (dense - sparse) / extra findings, in
#      instructions and in CPU time (hyperfine -N, COST_RUNS runs; target < 2 us). Rows in
#      .bench/results/file-cost.tsv.
#   7. Language servers: scripts/lsp-latency.py drives a running server over pipes as an editor
#      would (see its header): opens LSP_DOCUMENTS documents (100; the 5,000-line file first, then
#      corpus files of its language, files with findings first), edits each once, then times
#      LSP_EDITS (50) incremental didChange edits on the 5,000-line file, one at a time, from
#      writing didChange to the publishDiagnostics of that version. Rows: `homeport lsp` on the
#      .py and on the .swift file, `ruff server` (default settings) on the same .py file and the
#      same documents: median, p90 and max ms, VmRSS after the documents are open and edited, the
#      ratio to Ruff of the median and of RSS (target: <= 1.0 and <= 2.0). First the same rows for
#      the generated findings-dense and sparse modules (scripts/generate-lsp-files.py), Homeport
#      and Ruff each.
#   Every target prints PASS or FAIL: homeport/ripgrep-ascii wall <= 1.0 (goal 0.5), peak RSS
#   <= 200 MB, LSP median <= Ruff's and RSS <= 2x Ruff's, < 100 instructions/byte, < 2 us/finding.
#   8. Hostile inputs (scripts/hostile-bench.py): a 50 MB line, 500,000-line Python, Swift and C
#      files, 240,000 findings on one line, 250,000 suppressed lines; each also at a quarter of
#      the size, so the time and memory ratios show the scan is linear (targets: <= 5, linear 4).
#
# Prints tables and writes the rows as TSV to .bench/results/latest.tsv (and the hyperfine JSON
# next to it). Language-server rows: tool homeport-lsp or ruff-server, subset lsp-dense, lsp-sparse, lsp-py or
# lsp-swift, files = documents open, bytes = the measured file's, wall_s = median latency,
# stddev_s over the edits, cpu_s = the server's CPU per edit, rss_kb = VmRSS after the documents
# are open and edited, findings = diagnostics on the measured file; and in the columns only they
# fill: p90_s, max_s, hwm_kb (VmHWM), median_vs_ruff, rss_vs_ruff.
#
# Environment:
#   HOMEPORT_BIN=PATH   binary to time (default: <repo>/.build/release/homeport)
#   BASE_BIN=PATH       --startup: a binary to compare with (e.g. a release build of main)
#   SKIP_BUILD=1        do not run swift build
#   BENCH_RUNS=N        hyperfine runs per command (default 3, or 1 with --quick)
#   BENCH_JOBS=N        threads for every tool (default 2)
#   CORPUS_DIR=DIR      corpus location (default: build-corpus.sh's default); a corpus built in
#                       another checkout is reused as it is
#   SARIF_OUT=FILE      also write the SARIF of a whole-corpus scan there (to compare two builds)
#   COST_RUNS=N         hyperfine runs of the per-finding time (default 100: the difference of two ~20 ms means)
#   NO_INSTALL=1        do not install missing anchors (their rows are skipped)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

QUICK=0
WITH_SEMGREP=0
LSP_ONLY=0
HOSTILE_ONLY=0
STARTUP_ONLY=0
ANCHOR_ONLY=0
COST_ONLY=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --with-semgrep) WITH_SEMGREP=1 ;;
    --lsp-only) LSP_ONLY=1 ;;
    --hostile-only) HOSTILE_ONLY=1 ;;
    --startup) STARTUP_ONLY=1 ;;
    --anchor-only) ANCHOR_ONLY=1 ;;
    --cost-only) COST_ONLY=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench: unknown argument: $1 (usage: scripts/bench.sh [--quick] [--with-semgrep] [--lsp-only] [--anchor-only] [--cost-only] [--startup] [--hostile-only])" >&2; exit 2 ;;
  esac
  shift
done

if [[ $QUICK == 1 ]]; then RUNS=${BENCH_RUNS:-1}; else RUNS=${BENCH_RUNS:-3}; fi
JOBS=${BENCH_JOBS:-2}
HOMEPORT_BIN=${HOMEPORT_BIN:-$ROOT/.build/release/homeport}
SKIP_BUILD=${SKIP_BUILD:-0}
NO_INSTALL=${NO_INSTALL:-0}
RESULTS_DIR=$ROOT/.bench/results
VENV=$ROOT/.bench/venv
LATENCY_RUNS=30
AST_GREP_VERSION=0.51.1
PRE_COMMIT_VERSION=4.7.0
SEMGREP_VERSION=1.185.0
RUFF_VERSION=0.17.5
LSP_DOCUMENTS=100
LSP_EDITS=50

SCRATCH=$(mktemp -d /tmp/homeport-bench.XXXXXX)
trap 'rm -rf "$SCRATCH"' EXIT

log() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }

now() { date +%s.%N; }
elapsed() { awk -v s="$1" -v e="$(now)" 'BEGIN{printf "%.1f", e-s}'; }

# ---------------------------------------------------------------------------
# Setup

apt_install() {
  [[ $NO_INSTALL == 1 ]] && return 1
  log "installing $* with apt-get"
  apt-get install -y -q "$@" >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q "$@" >/dev/null 2>&1; }
}

ensure_tools() {
  [[ -x /usr/bin/time ]] || apt_install time || true
  [[ -x /usr/bin/time ]] || die "could not install /usr/bin/time (package 'time')"
  command -v hyperfine >/dev/null || apt_install hyperfine || true
  command -v hyperfine >/dev/null || die "hyperfine missing (apt-get install hyperfine)"
  command -v rg >/dev/null || apt_install ripgrep || log "ripgrep missing: its rows are skipped"
  local want=("ast-grep-cli==$AST_GREP_VERSION" "pre-commit==$PRE_COMMIT_VERSION" "ruff==$RUFF_VERSION")
  [[ $WITH_SEMGREP == 1 ]] && want+=("semgrep==$SEMGREP_VERSION")
  local need=0
  [[ -x $VENV/bin/ast-grep && -x $VENV/bin/pre-commit && -x $VENV/bin/ruff ]] || need=1
  [[ $WITH_SEMGREP == 1 && ! -x $VENV/bin/semgrep ]] && need=1
  if [[ $need == 1 && $NO_INSTALL != 1 ]]; then
    log "pip install ${want[*]} into ${VENV#"$ROOT"/}"
    [[ -x $VENV/bin/pip ]] || python3 -m venv "$VENV" \
      || { apt_install python3-venv && python3 -m venv "$VENV"; } || die "cannot create $VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check "${want[@]}" >"$SCRATCH/pip.log" 2>&1 \
      || { tail -n 5 "$SCRATCH/pip.log" >&2; log "pip install failed: those rows are skipped"; }
  fi
  RG=$(command -v rg || true)
  AST_GREP=$([[ -x $VENV/bin/ast-grep ]] && echo "$VENV/bin/ast-grep" || true)
  SEMGREP=$([[ $WITH_SEMGREP == 1 && -x $VENV/bin/semgrep ]] && echo "$VENV/bin/semgrep" || true)
  PRE_COMMIT=$([[ -x $VENV/bin/pre-commit ]] && echo "$VENV/bin/pre-commit" || true)
  RUFF=$([[ -x $VENV/bin/ruff ]] && echo "$VENV/bin/ruff" || true)
}

build_homeport() {
  if [[ $SKIP_BUILD == 1 ]]; then
    log "SKIP_BUILD=1: not building"
    return 0
  fi
  local start
  start=$(now)
  log "swift build -c release --product homeport --static-swift-stdlib"
  (cd "$ROOT" && swift build -c release --product homeport --static-swift-stdlib)
  echo "build: swift build -c release --product homeport --static-swift-stdlib took $(elapsed "$start") s"
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
  # Semgrep's default ignore list (tests/, …) applies only when no .semgrepignore exists.
  [[ $WITH_SEMGREP == 0 || -f $CORPUS/.semgrepignore ]] || echo "# empty: scan what the other tools scan" >"$CORPUS/.semgrepignore"
}

# ---------------------------------------------------------------------------
# Measurement helpers

HOMEPORT_EXTS="swift py pyi pyw c h cc cpp cxx hpp hh hxx"

# corpus_size PATH... — prints "FILES BYTES" of Homeport's source files under PATHs.
corpus_size() {
  find "$@" -name .git -prune -o -type f -printf '%s\t%f\n' \
    | awk -F '\t' -v exts="$HOMEPORT_EXTS" '
        BEGIN { n = split(exts, e, " "); for (i = 1; i <= n; i++) want[e[i]] = 1 }
        { ext = $2; if (!sub(/.*\./, "", ext)) ext = ""
          if (ext in want) { files++; bytes += $1 } }
        END { printf "%d %d\n", files, bytes }'
}

# hyperfine_json OUT.json [hyperfine args…] — runs hyperfine (output of the commands ignored,
# exit codes ignored: a linter exits 1 on findings) and exports its JSON.
hyperfine_json() {
  local out=$1; shift
  hyperfine --style basic -i --export-json "$out" "$@" >"$out.log" 2>&1 \
    || { tail -n 20 "$out.log" >&2; die "hyperfine failed (see above)"; }
}

# hf_stats FILE.json NAME — prints "mean stddev cpu" (seconds) of the command named NAME.
hf_stats() {
  python3 - "$1" "$2" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    if r["command"] == sys.argv[2]:
        print(f'{r["mean"]:.4f} {r["stddev"] or 0:.4f} {r["user"] + r["system"]:.4f}')
        break
PY
}

# peak_rss_kb CMD — runs the shell command once under /usr/bin/time; prints its peak RSS in KB.
peak_rss_kb() {
  /usr/bin/time -f '%M' -o "$SCRATCH/rss" -- bash -c "$1" >/dev/null 2>&1 || true
  tail -n 1 "$SCRATCH/rss"
}

# count FORMAT REPORT — prints "findings files_with_findings" read from a tool's report.
count() {
  python3 - "$1" "$2" <<'PY' 2>/dev/null || echo "? ?"
import json, sys
kind, path = sys.argv[1], sys.argv[2]
if kind == "homeport":
    d = json.load(open(path)); f = d["findings"]
    print(len(f), len({x["path"] for x in f}))
elif kind == "ripgrep":
    for line in open(path):
        m = json.loads(line)
        if m["type"] == "summary":
            s = m["data"]["stats"]; print(s["matches"], s["searches_with_match"])
elif kind == "ast-grep":
    paths = [json.loads(l)["file"] for l in open(path) if l.strip()]
    print(len(paths), len(set(paths)))
elif kind == "semgrep":
    d = json.load(open(path)); r = d["results"]
    print(len(r), len({x["path"] for x in r}))
PY
}

ROWS=()
# add_row TOOL SUBSET FILES BYTES WALL SD CPU RSS_KB FINDINGS HITFILES
add_row() { ROWS+=("$(printf '%s\t' "$@")"); }

print_table() {
  printf '\n%-14s %-9s %6s %6s %8s %6s %7s %7s %7s %8s %6s %9s\n' \
    tool subset files MB "wall s" "±sd" "cpu s" "RSS MB" "MB/s" findings "files" "÷homeport"
  local row tool subset files bytes wall sd cpu rss findings hits base=""
  for row in "${ROWS[@]}"; do
    IFS=$'\t' read -r tool subset files bytes wall sd cpu rss findings hits <<<"$row"
    [[ $tool == homeport && $subset == all && -z $base ]] && base=$wall
    awk -v t="$tool" -v s="$subset" -v f="$files" -v b="$bytes" -v w="$wall" -v d="$sd" \
        -v c="$cpu" -v r="$rss" -v n="$findings" -v h="$hits" -v base="$base" 'BEGIN {
      mb = b / 1048576; ww = (w > 0) ? w : 0.001
      ratio = (s == "all" && base > 0) ? sprintf("%.2f", w / base) : "-"
      printf "%-14s %-9s %6d %6.1f %8.3f %6.3f %7.2f %7.1f %7.1f %8s %6s %9s\n",
             t, s, f, mb, w, d, c, r / 1024, mb / ww, n, h, ratio }'
  done
  write_tsv
}

write_tsv() {
  mkdir -p "$RESULTS_DIR"
  {
    printf 'tool\tsubset\tfiles\tbytes\twall_s\tstddev_s\tcpu_s\trss_kb\tfindings\tfiles_with_findings'
    printf '\tp90_s\tmax_s\thwm_kb\tmedian_vs_ruff\trss_vs_ruff\n'
    # Rows with the first ten columns: the last five are the language servers'.
    [[ ${#ROWS[@]} -eq 0 ]] || printf '%s\n' "${ROWS[@]}" | sed 's/\t$/\t\t\t\t\t/'
  } >"$RESULTS_DIR/latest.tsv"
}

# ---------------------------------------------------------------------------
# 1. The whole corpus, every tool, side by side.

compare_tools() {
  local j=$JOBS names=() cmds=() kinds=() reports=()
  local hp_report=$SCRATCH/homeport.json
  names+=(homeport); kinds+=(homeport); reports+=("$hp_report")
  cmds+=("'$HOMEPORT_BIN' scan '$CORPUS' --jobs $j --format json --output '$hp_report' --quiet")
  if [[ -n $RG ]]; then
    local types="-t py -t swift -t c -t cpp --hidden -g '!.git'"
    # The headline anchor: the fastest equivalent formulation of the rules (ASCII classes).
    names+=(ripgrep-ascii); kinds+=(ripgrep); reports+=("$SCRATCH/ripgrep-ascii.json")
    cmds+=("'$RG' -j $j --json -f '$ROOT/bench/ripgrep-patterns-ascii.txt' $types '$CORPUS' > '$SCRATCH/ripgrep-ascii.json'")
    if [[ $ANCHOR_ONLY == 0 ]]; then
      names+=(ripgrep); kinds+=(ripgrep); reports+=("$SCRATCH/ripgrep.json")
      cmds+=("'$RG' -j $j --json -f '$ROOT/bench/ripgrep-patterns.txt' $types '$CORPUS' > '$SCRATCH/ripgrep.json'")
    fi
  fi
  if [[ -n $AST_GREP && $ANCHOR_ONLY == 0 ]]; then
    names+=(ast-grep); kinds+=(ast-grep); reports+=("$SCRATCH/ast-grep.json")
    cmds+=("'$AST_GREP' scan -c '$ROOT/bench/ast-grep/sgconfig.yml' -j $j --json=stream '$CORPUS' > '$SCRATCH/ast-grep.json'")
  fi
  local args=() k
  for k in "${!names[@]}"; do args+=(-n "${names[$k]}" "${cmds[$k]}"); done
  log "hyperfine: ${names[*]} on the whole corpus (--warmup 1 --runs $RUNS)"
  local hf=$RESULTS_DIR/hyperfine-corpus.json
  hyperfine_json "$hf" --warmup 1 --runs "$RUNS" "${args[@]}"
  local size files bytes
  size=$(corpus_size "$CORPUS"); read -r files bytes <<<"$size"
  for k in "${!names[@]}"; do
    local stats rss counts
    stats=$(hf_stats "$hf" "${names[$k]}")
    rss=$(peak_rss_kb "${cmds[$k]}")
    counts=$(count "${kinds[$k]}" "${reports[$k]}")
    # shellcheck disable=SC2086
    add_row "${names[$k]}" all "$files" "$bytes" $stats "$rss" $counts
  done
  # The SARIF of the same scan, kept for comparing the findings of two builds (--sarif-out).
  if [[ -n ${SARIF_OUT:-} ]]; then
    "$HOMEPORT_BIN" scan "$CORPUS" --jobs "$j" --format sarif --output "$SARIF_OUT" --quiet >/dev/null 2>&1 || true
    log "SARIF of the corpus scan: $SARIF_OUT"
  fi
  if [[ -n $SEMGREP ]]; then
    log "semgrep: one run on the whole corpus (minutes)"
    local tf=$SCRATCH/semgrep.time
    (cd "$CORPUS" && /usr/bin/time -f '%e %U %S %M' -o "$tf" -- "$SEMGREP" scan --config "$ROOT/bench/semgrep.yml" \
      --json -o "$SCRATCH/semgrep.json" --metrics=off --disable-version-check -j "$j" \
      --max-target-bytes 0 --quiet . >"$SCRATCH/semgrep.log" 2>&1) || true
    local wall user sys rss
    read -r wall user sys rss < <(tail -n 1 "$tf")
    python3 - "$SCRATCH/semgrep.json" <<'PY' >&2 || true
import json, sys
d = json.load(open(sys.argv[1])); e = d.get("errors", [])
print(f"bench: semgrep: {len(e)} errors (parse errors, timeouts …) in its report")
PY
    add_row semgrep all "$files" "$bytes" "$wall" 0 "$(awk -v u="$user" -v s="$sys" 'BEGIN{print u+s}')" "$rss" \
      $(count semgrep "$SCRATCH/semgrep.json")
  fi
}

# ---------------------------------------------------------------------------
# 2. Homeport alone: subsets, threads, tokenizer throughput.

# homeport_row LABEL HYPERFINE_NAME PATH… [-- EXTRA ARGS] — times one homeport scan with hyperfine.
homeport_row() {
  local label=$1; shift
  local paths=() extra=()
  while [[ $# -gt 0 && $1 != -- ]]; do paths+=("$1"); shift; done
  [[ ${1:-} == -- ]] && { shift; extra=("$@"); }
  local report=$SCRATCH/homeport-$label.json listfile=$SCRATCH/paths-$label
  printf '%s\n' "${paths[@]}" >"$listfile"
  # A wrapper, so a long file list does not end up in hyperfine's command line.
  local script=$SCRATCH/run-$label.sh
  {
    echo '#!/usr/bin/env bash'
    echo "mapfile -t paths <'$listfile'"
    printf "exec '%s' scan \"\${paths[@]}\"" "$HOMEPORT_BIN"
    printf " '%s'" "${extra[@]}" --format json --output "$report" --quiet
    echo
  } >"$script"
  chmod +x "$script"
  local hf=$RESULTS_DIR/hyperfine-homeport-$label.json
  hyperfine_json "$hf" --warmup 1 --runs "$RUNS" -N -n "$label" "$script"
  local size files bytes
  size=$(corpus_size "${paths[@]}"); read -r files bytes <<<"$size"
  # shellcheck disable=SC2046
  add_row homeport "$label" "$files" "$bytes" $(hf_stats "$hf" "$label") "$(peak_rss_kb "$script")" \
    $(count homeport "$report")
}

# Files with findings in the whole-corpus report, per language (absolute paths).
files_with_findings() {
  python3 - "$SCRATCH/homeport.json" "$ROOT" "$SCRATCH" <<'PY'
import json, os, sys
report, root, out = sys.argv[1:]
langs = {"python": (".py", ".pyi", ".pyw"), "swift": (".swift",),
         "c": (".c", ".h", ".cc", ".cpp", ".cxx", ".hpp", ".hh", ".hxx")}
paths = sorted({os.path.join(root, f["path"]) for f in json.load(open(report))["findings"]})
# Fallback for a language in which Homeport reports nothing (the corpus's C has no OpenAI code):
# the files in which ripgrep's regex set matches (in comments, say), so the row still exists.
rg = []
try:
    for line in open(os.path.join(out, "ripgrep-ascii.json")):
        m = json.loads(line)
        if m["type"] == "begin":
            rg.append(m["data"]["path"]["text"])
except (OSError, KeyError, ValueError):
    pass
for lang, exts in langs.items():
    chosen = [p for p in paths if p.endswith(exts)]
    source = "homeport"
    if not chosen:
        chosen, source = sorted({os.path.abspath(p) for p in rg if p.endswith(exts)}), "ripgrep"
    with open(os.path.join(out, f"hits-{lang}"), "w") as fh:
        fh.write("".join(p + "\n" for p in chosen))
    with open(os.path.join(out, f"hits-{lang}.source"), "w") as fh:
        fh.write(source)
PY
}

homeport_alone() {
  local j=$JOBS
  homeport_row swift "$CORPUS/swift" -- --jobs "$j"
  homeport_row python "$CORPUS/python" -- --jobs "$j"
  homeport_row c "$CORPUS/c" -- --jobs "$j"
  homeport_row c-nopf "$CORPUS/c" -- --jobs "$j" --no-prefilter
  homeport_row all-jobs1 "$CORPUS" -- --jobs 1
  files_with_findings
  local lang list
  for lang in python swift c; do
    mapfile -t list <"$SCRATCH/hits-$lang"
    if [[ ${#list[@]} -eq 0 ]]; then log "tokenizer: no $lang file has findings; row skipped"; continue; fi
    [[ $(cat "$SCRATCH/hits-$lang.source") == ripgrep ]] \
      && log "tokenizer: no $lang file has Homeport findings; timing the $lang files ripgrep's set matches"
    homeport_row "tok-$lang" "${list[@]}" -- --jobs 1 --no-prefilter
  done
  # The corpus has few Swift and C files with findings: the tokenizers on every file of the
  # language as well (one thread, no prefilter), so their speed shows either way.
  homeport_row tokall-swift "$CORPUS/swift" -- --jobs 1 --no-prefilter
  homeport_row tokall-c "$CORPUS/c" -- --jobs 1 --no-prefilter
}

# ---------------------------------------------------------------------------
# 3. Latency: start-up, 10 files, one 5,000-line file.

FIVE_PY=$SCRATCH/five-thousand-lines.py
FIVE_SWIFT=$SCRATCH/five-thousand-lines.swift

# homeport_findings FILE — prints how many findings `homeport scan` reports in FILE.
homeport_findings() {
  "$HOMEPORT_BIN" scan "$1" --format json --output "$SCRATCH/findings.json" --quiet >/dev/null 2>&1 || true
  count homeport "$SCRATCH/findings.json" | cut -d' ' -f1
}

# five_thousand_lines OUT LIST FIXTURE — 5,000 lines of real code: the files LIST names (one a
# line), whole, one after another, cut at line 5,000. If Homeport finds nothing in them, their
# last lines give way to FIXTURE (a realistic file with findings), so that diagnostics are not
# trivially empty.
five_thousand_lines() {
  local out=$1 list=$2 fixture=$3 f n=0
  : >"$out"
  while IFS= read -r f; do
    cat "$f" >>"$out"; printf '\n' >>"$out"
    n=$(wc -l <"$out"); ((n >= 5000)) && break
  done <"$list"
  head -n 5000 "$out" >"$out.tmp" && mv "$out.tmp" "$out"
  ((n >= 5000)) || log "only $n lines of corpus code for ${out##*/}"
  if [[ $(homeport_findings "$out") == 0 ]]; then
    log "${out##*/}: no finding in the corpus files; its last $(wc -l <"$fixture") lines are ${fixture#"$ROOT"/}"
    head -n $((5000 - $(wc -l <"$fixture"))) "$out" >"$out.tmp" && cat "$fixture" >>"$out.tmp" && mv "$out.tmp" "$out"
  fi
}

# corpus_files LANG EXT HITS — the files with findings (HITS), then every other corpus file of the
# language in path order.
corpus_files() {
  { cat "$3"; find "$CORPUS/$1" -name "*.$2" -type f | LC_ALL=C sort; } | awk '!seen[$0]++'
}

# The 5,000-line files and the documents the language servers open (after files_with_findings).
latency_inputs() {
  corpus_files python py "$SCRATCH/hits-python" >"$SCRATCH/docs-python"
  corpus_files swift swift "$SCRATCH/hits-swift" >"$SCRATCH/docs-swift"
  five_thousand_lines "$FIVE_PY" "$SCRATCH/docs-python" "$ROOT/Fixtures/python/chat_service.py"
  five_thousand_lines "$FIVE_SWIFT" "$SCRATCH/docs-swift" "$ROOT/Fixtures/swift/ChatViewModel.swift"
}

latency() {
  local small=$ROOT/Fixtures/python/chat_service.py
  [[ -f $small ]] || small=$(find "$ROOT/Fixtures/python" -name '*.py' | sort | head -n 1)
  local ten=() five=$FIVE_PY f
  mapfile -t ten < <(cat "$SCRATCH/hits-python" "$SCRATCH/hits-swift" | head -n 10)
  # pre-commit: a git repository with the 10 files staged and the hook as .pre-commit-hooks.yaml
  # defines it (language: system, entry `homeport scan`), plus a no-op hook for pre-commit's cost.
  local pc=$SCRATCH/pre-commit-repo pc_args=()
  if [[ -n $PRE_COMMIT ]]; then
    rm -rf "$pc" && mkdir -p "$pc" && git -C "$pc" init -q
    local i=0 staged=()
    for f in "${ten[@]}"; do
      i=$((i + 1)); cp "$f" "$pc/$i-$(basename "$f")"; staged+=("$i-$(basename "$f")")
    done
    for hook in homeport noop; do
      local entry="$HOMEPORT_BIN scan"; [[ $hook == noop ]] && entry=true
      printf 'repos:\n- repo: local\n  hooks:\n  - id: %s\n    name: %s\n    entry: %s\n    language: system\n    types_or: [python, pyi, swift, c, c++]\n    require_serial: true\n' \
        "$hook" "$hook" "$entry" >"$pc/$hook.yaml"
    done
    git -C "$pc" add -A
    local run="cd $pc && PRE_COMMIT_HOME=$SCRATCH/pre-commit-home $PRE_COMMIT run --files ${staged[*]} -c"
    pc_args=(-n pre-commit-homeport "bash -c '$run homeport.yaml >/dev/null || true'"
             -n pre-commit-noop "bash -c '$run noop.yaml >/dev/null'")
  fi
  # scan --staged: the same 10 files added to a repository's index (the plain git hook's case); hyperfine
  # runs from inside it, since homeport reads the index of its working directory's repository.
  local staged_repo=$SCRATCH/staged-repo
  rm -rf "$staged_repo" && mkdir -p "$staged_repo" && git -C "$staged_repo" init -q
  local i=0
  for f in "${ten[@]}"; do
    i=$((i + 1)); cp "$f" "$staged_repo/$i-$(basename "$f")"
  done
  git -C "$staged_repo" add -A
  # The floor for any Swift binary here: a static hello world linked as homeport is.
  local hello=$SCRATCH/swift-hello hello_args=() lib=()
  [[ -d $ROOT/.build/static-libstdc++ ]] && lib=(-L "$ROOT/.build/static-libstdc++")
  printf 'print("homeport")\n' >"$SCRATCH/hello.swift"
  if swiftc -O -static-stdlib "${lib[@]}" "$SCRATCH/hello.swift" -o "$hello" >/dev/null 2>&1; then
    hello_args=(-n swift-hello "$hello")
  fi
  local hf=$RESULTS_DIR/hyperfine-latency.json
  log "hyperfine: latency (--warmup 3 --runs $LATENCY_RUNS)"
  (cd "$staged_repo" && hyperfine_json "$hf" -N --warmup 3 --runs "$LATENCY_RUNS" \
    -n true /bin/true \
    "${hello_args[@]}" \
    -n version "$HOMEPORT_BIN --version" \
    -n one-small-file "$HOMEPORT_BIN scan $small --quiet" \
    -n ten-files "$HOMEPORT_BIN scan ${ten[*]} --quiet" \
    -n ten-staged-files "$HOMEPORT_BIN scan --staged --quiet" \
    -n five-thousand-lines "$HOMEPORT_BIN scan $five --quiet" \
    "${pc_args[@]}")
  python3 - "$hf" "$small" "${#ten[@]}" "$(wc -c <"$five")" <<'PY'
import json, sys
hf, small, ten, five_bytes = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
r = {x["command"]: x for x in json.load(open(hf))["results"]}
ms = lambda k: r[k]["mean"] * 1000
sd = lambda k: (r[k]["stddev"] or 0) * 1000
print()
print(f"{'latency (hyperfine -N, mean of %d)' % len(r['true']['times']):44s} {'ms':>8s} {'±sd':>6s}  note")
rows = [("/bin/true", "true", "process start floor")]
if "swift-hello" in r:
    rows.append(("static Swift hello world", "swift-hello",
                 f"{ms('swift-hello') / ms('true'):.1f}x /bin/true: the floor for a Swift binary"))
rows += [("homeport --version", "version", f"{ms('version') / ms('true'):.1f}x /bin/true"
          + (f", {ms('version') / ms('swift-hello'):.1f}x Swift hello world" if "swift-hello" in r else "")),
        ("homeport scan 1 small file", "one-small-file", small.rsplit('/', 1)[-1]),
        (f"homeport scan {ten} named files", "ten-files",
         "what the pre-commit hook runs for 10 staged files (target < 50 ms)"),
        (f"homeport scan --staged, {ten} staged files", "ten-staged-files",
         f"the plain git hook: the same files read from the index, {ms('ten-staged-files') - ms('ten-files'):+.1f} ms"),
        ("homeport scan one 5,000-line .py", "five-thousand-lines",
         f"{five_bytes / 1024:.0f} KiB; a whole process (target < 20 ms); the LSP rows below")]
if "pre-commit-homeport" in r:
    rows += [(f"pre-commit run, homeport hook, {ten} files", "pre-commit-homeport",
              f"homeport's share {ms('pre-commit-homeport') - ms('pre-commit-noop'):.1f} ms"),
             (f"pre-commit run, no-op hook, {ten} files", "pre-commit-noop", "pre-commit itself (Python)")]
for label, key, note in rows:
    print(f"{label:44s} {ms(key):8.1f} {sd(key):6.1f}  {note}")
PY
}

# Start-up alone (--startup): the two rows of `latency` that need no corpus, for HOMEPORT_BIN and,
# when set, BASE_BIN, interleaved in one hyperfine run so both see the same machine load.
startup() {
  local small=$ROOT/Fixtures/python/chat_service.py
  local hf=$RESULTS_DIR/hyperfine-startup.json args=() which bin
  [[ -z ${BASE_BIN:-} || -x $BASE_BIN ]] || die "BASE_BIN=$BASE_BIN is not an executable"
  # Each row's two binaries run one after the other, so a change in load hits both alike.
  for row in version one-small-file; do
    for which in new base; do
      bin=$HOMEPORT_BIN
      if [[ $which == base ]]; then
        [[ -n ${BASE_BIN:-} ]] || continue
        bin=$BASE_BIN
      fi
      if [[ $row == version ]]; then args+=(-n "$which-$row" "$bin --version")
      else args+=(-n "$which-$row" "$bin scan $small --quiet"); fi
    done
  done
  local runs=${STARTUP_RUNS:-100}
  log "hyperfine: start-up (--warmup 10 --runs $runs)"
  hyperfine_json "$hf" -N --warmup 10 --runs "$runs" -n true /bin/true "${args[@]}"
  python3 - "$hf" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
ms = lambda k: r[k]["mean"] * 1000
med = lambda k: r[k]["median"] * 1000
cpu = lambda k: (r[k]["user"] + r[k]["system"]) * 1000
base = "base-version" in r
print()
print(f"{'start-up (hyperfine -N, %d runs)' % len(r['true']['times']):34s} {'mean':>6s} {'median':>6s} {'cpu':>6s}"
      + (f" | {'base':>6s} {'median':>6s} {'cpu':>6s} | ratio: {'mean':>5s} {'median':>6s} {'cpu':>5s}" if base else ""))
print(f"{'/bin/true':34s} {ms('true'):6.2f} {med('true'):6.2f} {cpu('true'):6.2f}")
for label, key in (("homeport --version", "version"), ("homeport scan 1 small file", "one-small-file")):
    new, old = "new-" + key, "base-" + key
    line = f"{label:34s} {ms(new):6.2f} {med(new):6.2f} {cpu(new):6.2f}"
    if base:
        line += (f" | {ms(old):6.2f} {med(old):6.2f} {cpu(old):6.2f} |        {ms(new) / ms(old):5.3f}"
                 f" {med(new) / med(old):6.3f} {cpu(new) / cpu(old):5.3f}")
    print(line)
print("(ms; cpu = user + system; ratios are this binary over BASE_BIN)" if base else "(ms; cpu = user + system)")
PY
  # Instructions executed do not depend on the machine's load: under valgrind, when it is there.
  command -v valgrind >/dev/null || { log "valgrind missing: no instruction counts"; return 0; }
  local row count line
  printf '\n%-34s %14s' "instructions (callgrind)" "this binary"
  [[ -n ${BASE_BIN:-} ]] && printf ' %14s %7s' "BASE_BIN" "ratio"
  printf '\n'
  for row in version one-small-file; do
    local cmd=(--version) label="homeport --version" counts=()
    [[ $row == one-small-file ]] && cmd=(scan "$small" --quiet) label="homeport scan 1 small file"
    for bin in "$HOMEPORT_BIN" ${BASE_BIN:+"$BASE_BIN"}; do
      # A scan with findings exits 1: that is not a failure here.
      count=$({ valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "${cmd[@]}" 2>&1 >/dev/null || true; } \
        | awk '/Collected/ {print $NF}')
      counts+=("$count")
    done
    line=$(printf '%-34s %14s' "$label" "${counts[0]}")
    [[ ${#counts[@]} == 2 ]] && line+=$(printf ' %14s %7.4f' "${counts[1]}" "$(awk -v a="${counts[0]}" -v b="${counts[1]}" 'BEGIN{print a/b}')")
    echo "$line"
  done
}

# ---------------------------------------------------------------------------
# Per-file cost: instructions per byte of a file without findings, cost of a finding.

GENERATED=$SCRATCH/generated

# The generated 5,000-line Python modules (scripts/generate-lsp-files.py): dense, sparse, clean.
generated_files() {
  [[ -f $GENERATED/dense.py ]] || python3 "$ROOT/scripts/generate-lsp-files.py" "$GENERATED" >/dev/null
}

# swift_clean OUT — 5,000 lines of the corpus's Swift, whole files in path order that do not
# mention OpenAI (no finding), cut at line 5,000.
swift_clean() {
  local out=$1 f n=0
  : >"$out"
  while IFS= read -r f; do
    grep -qi openai "$f" && continue
    cat "$f" >>"$out"; printf '\n' >>"$out"
    n=$(wc -l <"$out"); ((n >= 5000)) && break
  done < <(find "$CORPUS/swift" -name '*.swift' -type f | LC_ALL=C sort)
  head -n 5000 "$out" >"$out.tmp" && mv "$out.tmp" "$out"
}

# instructions ARGS… — the instructions `homeport ARGS…` executes (callgrind; a scan with findings
# exits 1, which is not a failure here).
instructions() {
  { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$HOMEPORT_BIN" "$@" 2>&1 >/dev/null || true; } \
    | awk '/Collected/ {print $NF}'
}

file_cost() {
  command -v valgrind >/dev/null || { log "valgrind missing: no per-file cost rows"; return 0; }
  generated_files
  local swift=$SCRATCH/clean.swift
  swift_clean "$swift"
  : >"$SCRATCH/empty.py"; : >"$SCRATCH/empty.swift"
  log "per-file cost: callgrind on the generated .py files and 5,000 lines of corpus Swift"
  local f key rows=()
  # One row each: name, file, instructions of its scan, instructions of an empty file's (start-up).
  for key in clean-py:"$GENERATED/clean.py":py clean-py-nopf:"$GENERATED/clean.py":py \
             clean-swift:"$swift":swift clean-swift-nopf:"$swift":swift \
             sparse:"$GENERATED/sparse.py":py dense:"$GENERATED/dense.py":py; do
    local name ext extra=()
    IFS=: read -r name f ext <<<"$key"
    [[ $name == *-nopf ]] && extra=(--no-prefilter)
    rows+=("$name $f $(instructions scan "$f" --quiet "${extra[@]}") $(instructions scan "$SCRATCH/empty.$ext" --quiet "${extra[@]}") $(homeport_findings "$f") $(wc -c <"$f")")
  done
  # The time of a finding: the dense and the sparse file, CPU time over many runs (same code shape).
  local hf=$RESULTS_DIR/hyperfine-file-cost.json
  hyperfine_json "$hf" -N --warmup 3 --runs "${COST_RUNS:-100}" \
    -n dense "$HOMEPORT_BIN scan $GENERATED/dense.py" -n sparse "$HOMEPORT_BIN scan $GENERATED/sparse.py"
  printf '%s\n' "${rows[@]}" >"$SCRATCH/file-cost-rows"
  python3 - "$hf" "$RESULTS_DIR/file-cost.tsv" "$SCRATCH/file-cost-rows" <<'PY'
import json, sys
hf, tsv, measured = sys.argv[1:]
rows = {}
for line in open(measured):
    name, path, ir, ir0, findings, size = line.split()
    rows[name] = dict(path=path, ir=int(ir.replace(",", "")), ir0=int(ir0.replace(",", "")),
                      findings=int(findings), bytes=int(size))
r = {x["command"]: x for x in json.load(open(hf))["results"]}
cpu = lambda k: r[k]["user"] + r[k]["system"]
check = lambda ok: "PASS" if ok else "FAIL"
print()
print(f"{'per-file cost (callgrind, text report)':44s} {'instr':>12s} {'start-up':>12s} {'bytes':>8s} {'instr/B':>8s}  note")
labels = {"clean-py": "clean 5,000-line .py", "clean-py-nopf": "clean 5,000-line .py, --no-prefilter",
          "clean-swift": "clean 5,000-line .swift", "clean-swift-nopf": "clean 5,000-line .swift, --no-prefilter",
          "sparse": "sparse 5,000-line .py", "dense": "dense 5,000-line .py"}
out = ["name\tbytes\tfindings\tinstructions\tstartup_instructions\tinstr_per_byte"]
for name, label in labels.items():
    x = rows[name]
    per_byte = (x["ir"] - x["ir0"]) / x["bytes"]
    note = f"{x['findings']} findings"
    if name.endswith("-nopf"):
        note += f"; target < 100 instr/byte: {check(per_byte < 100)}"
    print(f"{label:44s} {x['ir']:12,d} {x['ir0']:12,d} {x['bytes']:8d} {per_byte:8.1f}  {note}")
    out.append(f"{name}\t{x['bytes']}\t{x['findings']}\t{x['ir']}\t{x['ir0']}\t{per_byte:.2f}")
d, s = rows["dense"], rows["sparse"]
extra = d["findings"] - s["findings"]
ir_per = (d["ir"] - s["ir"]) / extra
us_per = (cpu("dense") - cpu("sparse")) / extra * 1e6
print(f"{'one finding (dense - sparse) / findings':44s} {ir_per:12,.0f} instructions, "
      f"{us_per:.2f} µs CPU ({extra} findings; target < 2 µs: {check(us_per < 2)})")
out.append(f"finding\t\t{extra}\t{ir_per:.0f}\t\t{us_per:.3f}")
open(tsv, "w").write("\n".join(out) + "\n")
PY
}

# ---------------------------------------------------------------------------
# 4. Language servers: diagnostics after didChange, Homeport's next to Ruff's.

lsp_latency() {
  local out=$RESULTS_DIR/lsp
  mkdir -p "$out" && rm -f "$out"/*.json
  log "language servers: $LSP_DOCUMENTS documents open, $LSP_EDITS timed didChange edits each"
  # lsp_run NAME FILE DOCUMENT-LIST COMMAND… — one server session; its numbers in $out/NAME.json.
  lsp_run() {
    local name=$1 file=$2 list=$3; shift 3
    python3 "$ROOT/scripts/lsp-latency.py" --label "$name" --measure "$file" --documents-from "$list" \
      --documents "$LSP_DOCUMENTS" --edits "$LSP_EDITS" --json "$out/$name.json" -- "$@" >&2 \
      || { log "$name: the language-server run failed; its row is skipped"; rm -f "$out/$name.json"; }
  }
  generated_files
  # The generated files first: the findings-dense one and the sparse one, each with Ruff's row.
  local kind
  for kind in dense sparse; do
    lsp_run "homeport-$kind" "$GENERATED/$kind.py" "$SCRATCH/docs-python" "$HOMEPORT_BIN" lsp
    [[ -n $RUFF ]] && lsp_run "ruff-$kind" "$GENERATED/$kind.py" "$SCRATCH/docs-python" "$RUFF" server
  done
  lsp_run homeport-py "$FIVE_PY" "$SCRATCH/docs-python" "$HOMEPORT_BIN" lsp
  lsp_run homeport-swift "$FIVE_SWIFT" "$SCRATCH/docs-swift" "$HOMEPORT_BIN" lsp
  if [[ -n $RUFF ]]; then
    lsp_run ruff-py "$FIVE_PY" "$SCRATCH/docs-python" "$RUFF" server
  else
    log "ruff missing: its rows and the ratios are skipped"
  fi
  python3 - "$out" "$RESULTS_DIR/latest.tsv" "$LSP_DOCUMENTS" "$LSP_EDITS" <<'PY'
import json, os, sys
out, tsv, documents, edits = sys.argv[1:]
runs = {}
for name in ("homeport-dense", "ruff-dense", "homeport-sparse", "ruff-sparse",
             "homeport-py", "homeport-swift", "ruff-py"):
    path = os.path.join(out, name + ".json")
    if os.path.exists(path):
        runs[name] = json.load(open(path))
# Each Homeport row is compared with Ruff's on the same file.
ruff_of = {"homeport-dense": "ruff-dense", "ruff-dense": "ruff-dense",
           "homeport-sparse": "ruff-sparse", "ruff-sparse": "ruff-sparse",
           "homeport-py": "ruff-py", "ruff-py": "ruff-py"}
rows = [("homeport-dense", "homeport lsp, generated dense .py", "homeport-lsp", "lsp-dense"),
        ("ruff-dense", "ruff server, generated dense .py", "ruff-server", "lsp-dense"),
        ("homeport-sparse", "homeport lsp, generated sparse .py", "homeport-lsp", "lsp-sparse"),
        ("ruff-sparse", "ruff server, generated sparse .py", "ruff-server", "lsp-sparse"),
        ("homeport-py", "homeport lsp, 5,000-line .py", "homeport-lsp", "lsp-py"),
        ("homeport-swift", "homeport lsp, 5,000-line .swift", "homeport-lsp", "lsp-swift"),
        ("ruff-py", "ruff server, 5,000-line .py", "ruff-server", "lsp-py")]
print()
print(f"{'LSP: didChange to its diagnostics, ms':44s} "
      f"{'median':>8s} {'p90':>6s} {'max':>6s} {'RSS MB':>7s} {'÷ruff':>6s} {'RSS÷ruff':>8s}  "
      f"note ({documents} documents open, {edits} edits timed)")
lines = []
for key, label, tool, subset in rows:
    r = runs.get(key)
    if not r:
        continue
    ruff = runs.get(ruff_of.get(key, ""))
    vs = f"{r['median_ms'] / ruff['median_ms']:.2f}" if ruff else "-"
    rss_vs = f"{r['rss_kb'] / ruff['rss_kb']:.2f}" if ruff else "-"
    note = (f"{r['diagnostics']} diagnostics, {r['bytes'] / 1024:.0f} KiB, CPU {r['cpu_ms_per_edit']:.1f} ms/edit, "
            f"RSS {r['rss_end_kb'] / 1024:.1f} MB after the edits"
            + ("" if r["versioned"] else "; publishes carry no version"))
    print(f"{label:44s} {r['median_ms']:8.1f} {r['p90_ms']:6.1f} {r['max_ms']:6.1f} "
          f"{r['rss_kb'] / 1024:7.1f} {vs:>6s} {rss_vs:>8s}  {note}")
    s = lambda ms: f"{ms / 1000:.6f}"
    lines.append("	".join([tool, subset, str(r["documents"]), str(r["bytes"]), s(r["median_ms"]),
                            s(r["stddev_ms"]), s(r["cpu_ms_per_edit"]), str(r["rss_kb"]), str(r["diagnostics"]), "",
                            s(r["p90_ms"]), s(r["max_ms"]), str(r["hwm_kb"]),
                            "" if not ruff else f"{r['median_ms'] / ruff['median_ms']:.3f}",
                            "" if not ruff else f"{r['rss_kb'] / ruff['rss_kb']:.3f}"]))
check = lambda ok: "PASS" if ok else "FAIL"
for kind, label in (("dense", "dense .py"), ("sparse", "sparse .py"), ("py", "corpus .py")):
    hp, ruff = runs.get("homeport-" + kind), runs.get("ruff-" + kind)
    if not (hp and ruff):
        continue
    median, rss = hp["median_ms"] / ruff["median_ms"], hp["rss_kb"] / ruff["rss_kb"]
    print(f"{'homeport lsp/ruff server, ' + label + ', median':44s} {median:8.2f}  target <= 1.0  {check(median <= 1.0)}")
    print(f"{'homeport lsp/ruff server, ' + label + ', RSS':44s} {rss:8.2f}  target <= 2.0  {check(rss <= 2.0)}")
if lines and os.path.exists(tsv):
    with open(tsv, "a") as fh:
        fh.write("".join(l + "\n" for l in lines))
PY
}

summary() {
  python3 - "$RESULTS_DIR/latest.tsv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
get = lambda tool, sub: next((r for r in rows if r["tool"] == tool and r["subset"] == sub), None)
hp = get("homeport", "all")
if not hp: sys.exit()
w = float(hp["wall_s"])
c = float(hp["cpu_s"])
check = lambda ok: "PASS" if ok else "FAIL"
print()
ascii_ = get("ripgrep-ascii", "all")
if ascii_:
    ratio = w / float(ascii_["wall_s"])
    print(f"{'homeport/ripgrep-ascii, wall (target <= 1.0)':44s} {ratio:8.2f}  {check(ratio <= 1.0)}"
          f"  (goal 0.5: {check(ratio <= 0.5)})")
    print(f"{'homeport/ripgrep-ascii, CPU time':44s} {c / float(ascii_['cpu_s']):8.2f}")
for tool, what in [("ripgrep", "homeport/ripgrep (Unicode classes)"),
                   ("ast-grep", "ast-grep/homeport (target >= 10)"),
                   ("semgrep", "semgrep/homeport")]:
    r = get(tool, "all")
    if not r: continue
    x = float(r["wall_s"])
    ratio = w / x if tool.startswith("ripgrep") else x / w
    print(f"{what:44s} {ratio:8.2f}" + (f"  {check(ratio >= 10)}" if tool == "ast-grep" else ""))
rss_mb = int(hp['rss_kb']) / 1024
print(f"{'homeport peak RSS MB (target <= 200)':44s} {rss_mb:8.1f}  {check(rss_mb <= 200)}")
j1 = get("homeport", "all-jobs1")
if j1:
    print(f"{'homeport speed-up --jobs 1 -> --jobs 2':44s} {float(j1['wall_s']) / w:8.2f}")
for lang in ("python", "swift", "c"):
    r = get("homeport", f"tok-{lang}")
    if r:
        mb = int(r["bytes"]) / 1048576
        print(f"{'tokenizer MB/s, files with findings, ' + lang:44s} {mb / float(r['wall_s']):8.1f}"
              f"  ({r['files']} files, {mb:.1f} MB, --jobs 1 --no-prefilter)")
for lang in ("swift", "c"):
    r = get("homeport", f"tokall-{lang}")
    if r:
        mb = int(r["bytes"]) / 1048576
        print(f"{'tokenizer MB/s, every file, ' + lang:44s} {mb / float(r['wall_s']):8.1f}"
              f"  ({r['files']} files, {mb:.1f} MB, --jobs 1 --no-prefilter)")
PY
}

# ---------------------------------------------------------------------------

hostile_inputs() {
  log "hostile inputs (scripts/hostile-bench.py)"
  python3 "$ROOT/scripts/hostile-bench.py" "$HOMEPORT_BIN" || log "hostile inputs: a target was missed (see above)"
}

main() {
  cd "$ROOT"
  if [[ $HOSTILE_ONLY == 1 ]]; then
    [[ -x /usr/bin/time ]] || apt_install time || die "could not install /usr/bin/time (package 'time')"
    build_homeport
    [[ -x "$HOMEPORT_BIN" ]] || die "no homeport binary at $HOMEPORT_BIN (set HOMEPORT_BIN or drop SKIP_BUILD)"
    hostile_inputs
    return
  fi
  if [[ $STARTUP_ONLY == 1 ]]; then
    command -v hyperfine >/dev/null || apt_install hyperfine || die "hyperfine missing (apt-get install hyperfine)"
    build_homeport
    [[ -x "$HOMEPORT_BIN" ]] || die "no homeport binary at $HOMEPORT_BIN (set HOMEPORT_BIN or drop SKIP_BUILD)"
    mkdir -p "$RESULTS_DIR"
    echo "homeport: $HOMEPORT_BIN ($("$HOMEPORT_BIN" --version 2>/dev/null | head -n 1 || echo '?'))"
    [[ -n ${BASE_BIN:-} ]] && echo "base: $BASE_BIN ($("$BASE_BIN" --version 2>/dev/null | head -n 1 || echo '?'))"
    startup
    return
  fi
  ensure_tools
  build_homeport
  [[ -x "$HOMEPORT_BIN" ]] || die "no homeport binary at $HOMEPORT_BIN (set HOMEPORT_BIN or drop SKIP_BUILD)"
  build_corpus
  mkdir -p "$RESULTS_DIR"
  echo "homeport: $HOMEPORT_BIN ($("$HOMEPORT_BIN" --version 2>/dev/null | head -n 1 || echo '?'))"
  echo "anchors: ${RG:+ripgrep $("$RG" --version | head -n 1 | cut -d' ' -f2)}${AST_GREP:+, ast-grep $("$AST_GREP" --version | cut -d' ' -f2)}${SEMGREP:+, semgrep $("$SEMGREP" --version 2>/dev/null | tail -n 1)}; hyperfine $(hyperfine --version | cut -d' ' -f2)"
  echo "runs: --warmup 1 --runs $RUNS per command, $JOBS threads, $(nproc) cores"
  if [[ $ANCHOR_ONLY == 1 ]]; then
    compare_tools
    print_table
    summary
  elif [[ $COST_ONLY == 1 ]]; then
    file_cost
  elif [[ $LSP_ONLY == 1 ]]; then
    log "--lsp-only: one scan of the corpus for the files with findings, then the language servers"
    "$HOMEPORT_BIN" scan "$CORPUS" --jobs "$JOBS" --format json --output "$SCRATCH/homeport.json" --quiet \
      >/dev/null 2>&1 || true
    files_with_findings
    latency_inputs
    write_tsv
    lsp_latency
  else
    compare_tools
    homeport_alone
    print_table
    summary
    latency_inputs
    latency
    file_cost
    lsp_latency
    hostile_inputs
  fi
  printf '\n(rows in %s, hyperfine JSON beside it)\n' "${RESULTS_DIR#"$ROOT"/}/latest.tsv"
}

main

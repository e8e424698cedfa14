#!/usr/bin/env bash
# wild-negatives.sh — Homeport on real files that are NOT about OpenAI but use words that are also
# OpenAI model IDs or liboai header names (issue 20): every finding here is a false positive.
#
# Usage: scripts/wild-negatives.sh [--binary PATH] [--mirrors DIR] [--out DIR] [--all-kinds]
#   --binary PATH   the homeport to run (default: $HOMEPORT, else .build/release/homeport)
#   --mirrors DIR   where the git mirrors are (default: $WILDNEG_MIRRORS, else /work/.mirror)
#   --out DIR       write the files there and keep them, with each repository's JSON report
#                   beside its folder (default: a temporary folder, removed)
#   --all-kinds     also hand the configuration files of the list (yaml, toml, env) to homeport;
#                   by default only the kinds it scans today (python, swift, c, cpp) are scanned
#
# eval/wild-negatives.tsv names each file: repository, commit, path, kind, and the word(s) that make
# it a hard case. The files are not in this repository: each is read with
# `git --git-dir=<mirror> show <commit>:<path>` from a git mirror of its repository, found as
# <mirrors>/<owner>+<name>/repo (bare, or a clone with .git), <mirrors>/<owner>+<name>,
# <mirrors>/<owner>/<name>.git or <mirrors>/<owner>/<name>.
#
# Prints the findings, then per repository the files scanned and the findings, then the total.
# Exit 0 when there is no finding, 1 when there is one, 2 when a mirror, a commit or the binary is
# missing or homeport could not scan a file.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${HOMEPORT:-$ROOT/.build/release/homeport}
MIRRORS=${WILDNEG_MIRRORS:-/work/.mirror}
LIST=${WILDNEG_LIST:-$ROOT/eval/wild-negatives.tsv}
OUT= ALL_KINDS=0
while (($#)); do
  case $1 in
    --binary) BIN=$2; shift 2 ;;
    --mirrors) MIRRORS=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --all-kinds) ALL_KINDS=1; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "wild-negatives: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ $BIN == /* ]] || BIN=$PWD/$BIN
[[ -x $BIN ]] || { echo "wild-negatives: no homeport binary at $BIN (swift build -c release --product homeport, or --binary PATH)" >&2; exit 2; }
[[ -f $LIST ]] || { echo "wild-negatives: no list at $LIST" >&2; exit 2; }

mirror_of() {  # repository -> its git directory, or nothing
  local repo=$1 flat=${1/\//+} d
  for d in "$MIRRORS/$flat/repo/.git" "$MIRRORS/$flat/repo" "$MIRRORS/$flat" "$MIRRORS/$repo.git" "$MIRRORS/$repo"; do
    if [[ -d $d ]] && git --git-dir="$d" rev-parse --git-dir >/dev/null 2>&1; then echo "$d"; return; fi
  done
}

rows() { grep -v -e '^#' -e '^[[:space:]]*$' "$LIST"; }

# Every mirror first, so that one line names all that are missing.
missing=()
declare -A GITDIR
while IFS=$'\t' read -r repo _; do
  [[ -n ${GITDIR[$repo]+x} ]] && continue
  GITDIR[$repo]=$(mirror_of "$repo")
  [[ -n ${GITDIR[$repo]} ]] || missing+=("$repo")
done < <(rows)
if ((${#missing[@]})); then
  echo "wild-negatives: no git mirror under $MIRRORS for ${#missing[@]} repositories: ${missing[*]} — fetch each as a bare mirror, e.g. git clone --mirror https://github.com/${missing[0]} $MIRRORS/${missing[0]/\//+}/repo (or point --mirrors at yours)" >&2
  exit 2
fi

keep=1
if [[ -n $OUT ]]; then
  mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
else
  OUT=$(mktemp -d "${TMPDIR:-/tmp}/wild-negatives.XXXXXX"); keep=0
fi
report=$(mktemp)
trap 'rm -f "$report"; ((keep)) || rm -rf "$OUT"' EXIT
# An empty configuration, so that no .homeport.yml around the folder changes the rules.
config=$OUT/.wild-negatives-config.yml; : > "$config"

# Materialise: <out>/<owner>+<name>/<path>, byte for byte as at the commit.
absent=()
while IFS=$'\t' read -r repo commit path kind _; do
  file=$OUT/${repo/\//+}/$path
  mkdir -p "$(dirname "$file")"
  git --git-dir="${GITDIR[$repo]}" show "$commit:$path" > "$file" 2>/dev/null || { rm -f "$file"; absent+=("$repo@${commit:0:12}:$path"); }
done < <(rows)
if ((${#absent[@]})); then
  echo "wild-negatives: ${#absent[@]} files are not in their mirrors (the mirror lacks the commit; fetch it anew): ${absent[*]:0:5}${absent[5]+ …}" >&2
  exit 2
fi

# Scan each repository's files from its own folder, so that paths print as in the repository.
status=0
for repo in $(rows | cut -f1 | sort -u); do
  flat=${repo/\//+}
  mapfile -t paths < <(rows | awk -F'\t' -v r="$repo" -v all=$ALL_KINDS \
    '$1 == r && (all || $4 == "python" || $4 == "swift" || $4 == "c" || $4 == "cpp") { print $3 }')
  ((${#paths[@]})) || continue
  rc=0
  (cd "$OUT/$flat" && "$BIN" scan --no-prefilter --config "$config" --format json --exit-zero -- "${paths[@]}") \
    > "$OUT/$flat.json" 2> "$OUT/$flat.err" || rc=$?
  if ((rc != 0 && rc != 3)) || ((rc == 3 && ! ALL_KINDS)); then
    echo "wild-negatives: homeport could not scan all of $repo (exit $rc): $(head -1 "$OUT/$flat.err")" >&2; status=2
  fi
  python3 - "$repo" "${#paths[@]}" "$OUT/$flat.json" >> "$report" <<'PY'
import json, sys
repo, count, path = sys.argv[1], sys.argv[2], sys.argv[3]
try:
    data = json.load(open(path))
except ValueError:
    data = {"findings": [], "problems": [], "summary": {"filesScanned": 0}}
scanned = data["summary"].get("filesScanned", 0)
print("\t".join(["repo", repo, count, str(scanned), str(len(data["findings"]))]))
for f in data["findings"]:
    print("\t".join(["finding", repo, f["path"], str(f["line"]), f["rule"], f.get("match", "")]))
PY
done

python3 - "$report" <<'PY'
import sys
repos, findings = [], []
for line in open(sys.argv[1]):
    row = line.rstrip("\n").split("\t")
    (repos if row[0] == "repo" else findings).append(row[1:])
for repo, path, line, rule, match in findings:
    print(f"{repo}\t{path}:{line}\t{rule}\t{match}")
if findings:
    print()
width = max(len(r[0]) for r in repos)
print(f"{'repository':<{width}}  files  scanned  findings")
for repo, listed, scanned, count in repos:
    print(f"{repo:<{width}}  {listed:>5}  {scanned:>7}  {count:>8}")
total_files = sum(int(r[1]) for r in repos)
total_scanned = sum(int(r[2]) for r in repos)
print(f"{'total (' + str(len(repos)) + ' repositories)':<{width}}  {total_files:>5}  {total_scanned:>7}  {len(findings):>8}")
PY
total=$(grep -c '^finding' "$report" || true)
((status)) && exit "$status"
((total == 0)) || exit 1

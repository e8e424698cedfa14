#!/usr/bin/env bash
# eval.sh — recall and precision of Homeport on hand-labelled files from public repositories.
#
# Usage: scripts/eval.sh [--binary PATH]   (how the set is labelled: eval/LABELLING.md)
#        EVAL_FILES=… EVAL_LABELS=… EVAL_CACHE=… scripts/eval.sh   (another set: eval/holdout/, or one being labelled)
#
# eval/files.tsv names each file (repository, commit, path, language, kind); eval/labels.tsv holds the
# hand labels, one per line and rule (repository, path, line, rule). The third-party files are not in
# this repository: they are read from .bench/eval-cache/<repository>/<commit>/<path> (git-ignored).
# A missing file is fetched with git when the network allows (a blobless clone, then `git show
# <commit>:<path>`); without network, fill the cache from any copy of the repository at that commit,
# e.g. `git -C <clone> show <commit>:<path> > .bench/eval-cache/<repository>/<commit>/<path>`.
# Files still missing are listed and left out of the numbers.
#
# A finding counts per (file, line, rule): a true positive when labelled, else a false positive; a
# label without a finding is a false negative. Printed per rule, per language and overall. The two
# model-ID rules (openai-model and openai-model-shape) count as one. A label may carry the expected
# column as its fifth field (eval/config/labels.tsv does); a true positive found at another column
# is listed as "column". A file Homeport does not read (a kind it has no frontend for yet, e.g. the
# configuration files and notebooks of eval/config/) is left out of the numbers and its language is
# listed as "not read yet".
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${HOMEPORT_BIN:-$ROOT/.build/debug/homeport}
[[ ${1:-} == --binary ]] && BIN=$2
CACHE=${EVAL_CACHE:-$ROOT/.bench/eval-cache}
FILES=${EVAL_FILES:-$ROOT/eval/files.tsv}
LABELS=${EVAL_LABELS:-$ROOT/eval/labels.tsv}
[[ $BIN == /* ]] || BIN=$PWD/$BIN
[[ -x $BIN ]] || { echo "eval: no homeport binary at $BIN (swift build first)" >&2; exit 2; }

missing=0
while IFS=$'\t' read -r repo commit path _; do
  [[ -z $repo || $repo == \#* ]] && continue
  file=$CACHE/$repo/$commit/$path
  [[ -f $file ]] && continue
  clone=$ROOT/.bench/eval-clones/$repo
  if { [[ -d $clone ]] || git clone -q --filter=blob:none --no-checkout "https://github.com/$repo" "$clone" 2>/dev/null; } \
     && mkdir -p "$(dirname "$file")" && git -C "$clone" show "$commit:$path" > "$file" 2>/dev/null; then
    :
  else
    rm -f "$file"; echo "eval: missing $repo@$commit:$path" >&2; missing=$((missing + 1))
  fi
done < "$FILES"

findings=$(mktemp); stderr=$(mktemp); trap 'rm -f "$findings" "$stderr"' EXIT
while IFS=$'\t' read -r repo commit path _; do
  [[ -z $repo || $repo == \#* ]] && continue
  file=$CACHE/$repo/$commit/$path
  [[ -f $file ]] || continue
  # --no-prefilter: the numbers are the matchers', not the prefilter's; no configuration is read.
  # One row per finding, and a "#read" row saying whether Homeport read the file at all. Its stderr is
  # shown only for a file it read (for the others it says only that it does not read that kind).
  (cd "$CACHE/$repo/$commit" && "$BIN" scan --no-prefilter --format json -- "$path" 2>"$stderr" || true) \
    | python3 -c '
import json, sys
repo, path, stderr = sys.argv[1:4]
report = json.load(sys.stdin)
read = report["summary"]["filesScanned"] > 0
if read: sys.stderr.write(open(stderr).read())
print("\t".join(["#read", repo, path, "1" if read else "0"]))
for f in report["findings"]:
    print("\t".join([repo, f["path"], str(f["line"]), f["rule"], str(f.get("column", 0))]))
' "$repo" "$path" "$stderr" >> "$findings"
done < "$FILES"

python3 - "$FILES" "$LABELS" "$findings" "$missing" <<'PY'
import sys, collections
files_tsv, labels_tsv, findings_tsv, missing = sys.argv[1:5]
def rows(p):
    for line in open(p):
        if line.strip() and not line.startswith("#"):
            yield line.rstrip("\n").split("\t")
language = {(r[0], r[2]): r[3] for r in rows(files_tsv)}
# Files Homeport did not read (no frontend for their kind yet): out of the numbers, listed per language.
# Files missing from the cache were not scanned: their labels are out of the numbers too.
unread = set()
scanned = set()
for line in open(findings_tsv):
    if line.startswith("#read\t"):
        _, repo, path, read = line.rstrip("\n").split("\t")
        scanned.add((repo, path))
        if read == "0": unread.add((repo, path))
# The two tiers of model IDs count as one rule: which tier knows an ID (the exact families, or only
# its shape) is Homeport's to decide and changes as families are added; a labeller says only that
# the line names an OpenAI model.
def rule(name):
    return "openai-model (either tier)" if name in ("openai-model", "openai-model-shape") else name
label_rows = [r for r in rows(labels_tsv) if (r[0], r[1]) in scanned and (r[0], r[1]) not in unread]
labels = {(r[0], r[1], int(r[2]), rule(r[3])) for r in label_rows}
# The expected column, where a label gives one (a fifth field that is a number; else it is a note).
columns = {(r[0], r[1], int(r[2]), rule(r[3])): int(r[4]) for r in label_rows if len(r) > 4 and r[4].isdigit()}
finding_rows = [r for r in rows(findings_tsv)]
found = {(r[0], r[1], int(r[2]), rule(r[3])) for r in finding_rows}
found_columns = collections.defaultdict(set)
for r in finding_rows:
    if len(r) > 4: found_columns[(r[0], r[1], int(r[2]), rule(r[3]))].add(int(r[4]))
stats = collections.defaultdict(lambda: [0, 0, 0])  # tp, fp, fn
def add(key, i):
    for k in key: stats[k][i] += 1
for item in found:
    repo, path, _, rule = item
    lang = language.get((repo, path), "?")
    add([("rule", rule), ("language", lang), ("all", "all")], 0 if item in labels else 1)
for item in labels - found:
    repo, path, _, rule = item
    lang = language.get((repo, path), "?")
    add([("rule", rule), ("language", lang), ("all", "all")], 2)
    print(f"miss: {repo} {path}:{item[2]} {rule}")
for item in sorted(found - labels):
    print(f"false alarm: {item[0]} {item[1]}:{item[2]} {item[3]}")
for item in sorted(found & set(columns)):
    if columns[item] not in found_columns[item]:
        got = ",".join(str(c) for c in sorted(found_columns[item]))
        print(f"column: {item[0]} {item[1]}:{item[2]} {item[3]} labelled {columns[item]}, found {got}")
print(f"{'':10} {'':27} {'tp':>5} {'fp':>5} {'fn':>5} {'recall':>7} {'precision':>9}")
for kind in ("rule", "language", "all"):
    for (k, name), (tp, fp, fn) in sorted(stats.items()):
        if k != kind: continue
        r = tp / (tp + fn) if tp + fn else float("nan")
        p = tp / (tp + fp) if tp + fp else float("nan")
        print(f"{kind:10} {name:27} {tp:5} {fp:5} {fn:5} {r:7.3f} {p:9.3f}")
all_labels = collections.Counter(language.get((r[0], r[1]), "?") for r in rows(labels_tsv))
for lang in sorted({language[f] for f in unread if f in language}):
    files = sum(1 for f in unread if language.get(f) == lang)
    read = sum(1 for f, l in language.items() if l == lang and f not in unread)
    note = f"{files} files not read" + (f", {read} read" if read else "")
    print(f"{'language':10} {lang:27} not read yet ({note}; {all_labels[lang]} labels)")
left_out = sum(1 for r in rows(labels_tsv) if (r[0], r[1]) not in scanned)
print(f"files: {len(language)} listed, {missing} missing from the cache, {len(unread)} not read; "
      f"labels: {len(labels)} counted, {left_out} in missing files left out")
PY

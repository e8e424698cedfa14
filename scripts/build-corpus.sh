#!/usr/bin/env bash
# build-corpus.sh — build the reproducible benchmark corpus for Homeport.
#
# Usage: scripts/build-corpus.sh [--quick] [DIR]
#
#   DIR      where to build (default: <repo>/.bench/corpus, or
#            <repo>/.bench/corpus-quick with --quick; .bench/ is gitignored)
#   --quick  a small subset (3 Swift packages, 2 Python sdists)
#
# Sources (pinned below; no network except PyPI):
#   * Swift packages kept offline as bare git repos under $SWIFT_PACKAGES_DIR
#     (default /opt/swift-packages): `git archive <tag>` of each pinned
#     (repo, tag), keeping only *.swift *.py files and C/C++ sources
#     (*.c *.h *.cc *.cpp *.cxx *.hpp *.hh *.hxx, e.g. swift-crypto's BoringSSL).
#   * Python sdists from PyPI via `pip download --no-binary NAME --no-deps`,
#     keeping only *.py *.pyi files. The sdists are cached in
#     <repo>/.bench/cache/sdists, so a rebuild works offline once they have been
#     fetched. If pip fails (offline), the script warns and goes on without them
#     (and writes no stamp, so the next run retries).
#
# DIR is made its own empty git repository (`git init`), because Homeport lists
# files with `git ls-files` inside a work tree and .bench/ is gitignored here.
#
# Layout, so each language can be scanned on its own by directory:
#   DIR/swift/<owner>__<repo>@<tag>/…       *.swift
#   DIR/c/<owner>__<repo>@<tag>/…           *.c *.h *.cc *.cpp *.cxx *.hpp *.hh *.hxx
#   DIR/python/<owner>__<repo>@<tag>/…      *.py from the Swift packages
#   DIR/python/<name>-<version>/…           *.py *.pyi from the sdists
#
# Idempotent: if DIR/.stamp matches the pinned list, nothing is done.
# Prints, at the end, the file count and total MB (overall and per language).
# The last line of stdout is machine-readable:
#   corpus: DIR files=N bytes=B mb=M
set -euo pipefail

# Bump when the extraction logic changes, to force a rebuild.
CORPUS_FORMAT=3

SWIFT_PACKAGES_DIR=${SWIFT_PACKAGES_DIR:-/opt/swift-packages}

# (repo under $SWIFT_PACKAGES_DIR, tag). Tags checked with `git -C … tag`.
SWIFT_PINS_FULL=(
  "apple/swift-nio 2.101.3"
  "apple/swift-crypto 3.12.3"
  "swiftlang/swift-syntax 602.0.0"
  "vapor/vapor 4.122.3"
  "apple/swift-protobuf 1.39.0"
  "apple/swift-collections 1.6.0"
  "grpc/grpc-swift-2 2.4.3"
  "swift-server/async-http-client 1.37.0"
  "apple/swift-nio-ssl 2.37.6"
  "apple/swift-nio-http2 1.46.0"
  "apple/swift-certificates 1.21.1"
  "apple/swift-openapi-generator 1.14.3"
  "apple/swift-argument-parser 1.8.2"
  "groue/GRDB.swift 7.10.0"
  "vapor/sqlite-nio 1.13.2"
  "vapor/postgres-nio 1.33.2"
  "swiftwasm/WasmKit 0.4.2"
  "mattpolzin/OpenAPIKit 6.4.0"
  "hummingbird-project/hummingbird 2.28.1"
  "modelcontextprotocol/swift-sdk 0.12.1"
)
SWIFT_PINS_QUICK=(
  "apple/swift-nio 2.101.3"
  "vapor/vapor 4.122.3"
  "swift-server/async-http-client 1.37.0"
)

# name==version on PyPI (checked with `pip index versions NAME`).
PY_PINS_FULL=(
  "openai==3.57.0"
  "langchain-openai==1.7.4"
  "requests==2.34.2"
  "mypy==2.4.1"
  "sympy==1.14.0"
  "ansible-core==2.19.14"
  "django==5.2.19"
  "transformers==5.23.0"
  "salt==3008.5"
  "openai-agents==0.24.0"
  "langchain-community==0.4.2"
  "langchain-core==1.8.1"
  "llama-index-core==0.14.25"
  "crewai==1.15.30"
  "dspy==3.4.1"
)
PY_PINS_QUICK=(
  "openai==3.57.0"
  "requests==2.34.2"
)

log() { printf '%s\n' "build-corpus: $*" >&2; }
warn() { printf '%s\n' "build-corpus: WARNING: $*" >&2; }
die() { printf '%s\n' "build-corpus: error: $*" >&2; exit 1; }

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

QUICK=0
DIR=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) QUICK=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option: $1" ;;
    *) [[ -z "$DIR" ]] || die "only one DIR may be given"; DIR=$1 ;;
  esac
  shift
done

if [[ $QUICK == 1 ]]; then
  SWIFT_PINS=("${SWIFT_PINS_QUICK[@]}"); PY_PINS=("${PY_PINS_QUICK[@]}")
  DIR=${DIR:-$ROOT/.bench/corpus-quick}
else
  SWIFT_PINS=("${SWIFT_PINS_FULL[@]}"); PY_PINS=("${PY_PINS_FULL[@]}")
  DIR=${DIR:-$ROOT/.bench/corpus}
fi
SDIST_CACHE=${SDIST_CACHE:-$ROOT/.bench/cache/sdists}

stamp_text() {
  echo "format $CORPUS_FORMAT"
  local p
  for p in "${SWIFT_PINS[@]}"; do echo "swift $p"; done
  for p in "${PY_PINS[@]}"; do echo "pypi $p"; done
}

# Prints the summary; the last line is machine-readable.
summary() {
  local dir=$1 sub n b total_n=0 total_b=0
  for sub in swift c python; do
    n=0; b=0
    if [[ -d "$dir/$sub" ]]; then
      read -r n b < <(find "$dir/$sub" -type f -printf '%s\n' | awk '{n++; b+=$1} END{printf "%d %d\n", n, b}')
    fi
    printf 'build-corpus: %-7s %7d files %8.1f MB\n' "$sub" "$n" "$(awk -v b="$b" 'BEGIN{print b/1048576}')"
    total_n=$((total_n + n)); total_b=$((total_b + b))
  done
  local mb
  mb=$(awk -v b="$total_b" 'BEGIN{printf "%.1f", b/1048576}')
  printf 'build-corpus: %-7s %7d files %8s MB\n' total "$total_n" "$mb"
  echo "corpus: $dir files=$total_n bytes=$total_b mb=$mb"
}

if [[ -f "$DIR/.stamp" ]] && [[ "$(cat "$DIR/.stamp")" == "$(stamp_text)" ]]; then
  log "up to date: $DIR"
  summary "$DIR"
  exit 0
fi

for tool in git tar python3 find; do
  command -v "$tool" >/dev/null || die "$tool not found"
done

START=$(date +%s.%N)
mkdir -p "$(dirname "$DIR")"
DIR=$(cd "$(dirname "$DIR")" && pwd)/$(basename "$DIR")
WORK=$(mktemp -d "$(dirname "$DIR")/.corpus-build.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
NEW="$WORK/corpus"
mkdir -p "$NEW/swift" "$NEW/c" "$NEW/python"

# sort_tree SRC NAME EXTS_LANG...: move files under SRC whose extension is in
# the map into $NEW/<lang>/NAME/<relative path>. Map entries are "ext:lang".
sort_tree() {
  local src=$1 name=$2; shift 2
  python3 - "$src" "$NEW" "$name" "$@" <<'PY'
import os, sys
src, new, name, *maps = sys.argv[1:]
lang_of = dict(m.split(":", 1) for m in maps)
for dirpath, dirnames, filenames in os.walk(src):
    dirnames.sort()
    for f in filenames:
        ext = f.rsplit(".", 1)[-1] if "." in f else ""
        lang = lang_of.get(ext)
        p = os.path.join(dirpath, f)
        if lang is None or os.path.islink(p) or not os.path.isfile(p):
            continue
        dest = os.path.join(new, lang, name, os.path.relpath(p, src))
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        os.rename(p, dest)
PY
}

# --- Swift packages (offline bare repos) ------------------------------------
for pin in "${SWIFT_PINS[@]}"; do
  read -r repo tag <<<"$pin"
  git_dir="$SWIFT_PACKAGES_DIR/$repo.git"
  [[ -d "$git_dir" ]] || die "missing bare repo: $git_dir"
  git -C "$git_dir" rev-parse -q --verify "refs/tags/$tag^{commit}" >/dev/null \
    || die "tag $tag not found in $git_dir (see: git -C $git_dir tag)"
  name="${repo//\//__}@$tag"
  log "swift: $repo $tag"
  stage="$WORK/stage"
  rm -rf "$stage"; mkdir -p "$stage"
  # Extract the whole tree, then keep only the wanted extensions (a tar
  # wildcard filter fails on archives that lack one of the patterns).
  git -C "$git_dir" archive --format=tar "$tag" | tar -x -C "$stage"
  sort_tree "$stage" "$name" swift:swift c:c h:c cc:c cpp:c cxx:c hpp:c hh:c hxx:c py:python
  rm -rf "$stage"
done

# --- Python sdists (PyPI) ---------------------------------------------------
# Prints the cached sdist for name==version, if any.
cached_sdist() {
  local spec=$1 name ver norm f
  name=${spec%%==*}; ver=${spec#*==}
  norm=${name,,}; norm=${norm//[-.]/_}
  for f in "$SDIST_CACHE/$norm-$ver".tar.gz "$SDIST_CACHE/$norm-$ver".zip \
           "$SDIST_CACHE/$name-$ver".tar.gz "$SDIST_CACHE/$name-$ver".zip; do
    [[ -f "$f" ]] && { echo "$f"; return 0; }
  done
  return 1
}

PY_OK=1
mkdir -p "$SDIST_CACHE"
missing=()
for spec in "${PY_PINS[@]}"; do
  cached_sdist "$spec" >/dev/null || missing+=("$spec")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  log "pypi: downloading ${missing[*]}"
  # --no-binary for the named packages only: `--no-binary :all:` would also
  # build the build backends from source (mypy's needs maturin -> crates.io).
  names=$(printf '%s\n' "${missing[@]}" | sed 's/==.*//' | paste -sd, -)
  if ! python3 -m pip download --quiet --disable-pip-version-check --retries 1 --timeout 20 \
        --no-binary "$names" --no-deps -d "$SDIST_CACHE" "${missing[@]}" >"$WORK/pip.log" 2>&1; then
    warn "pip download failed ($(tail -n 1 "$WORK/pip.log")); retrying one at a time"
    for spec in "${missing[@]}"; do
      cached_sdist "$spec" >/dev/null && continue
      python3 -m pip download --quiet --disable-pip-version-check --retries 1 --timeout 20 \
        --no-binary "${spec%%==*}" --no-deps -d "$SDIST_CACHE" "$spec" >>"$WORK/pip.log" 2>&1 \
        || warn "pip download $spec failed ($(tail -n 1 "$WORK/pip.log")); continuing without it"
    done
  fi
fi
for spec in "${PY_PINS[@]}"; do
  if ! sdist=$(cached_sdist "$spec"); then
    warn "no sdist for $spec; the corpus will lack it"
    PY_OK=0
    continue
  fi
  name="${spec%%==*}-${spec#*==}"
  log "pypi: $(basename "$sdist")"
  stage="$WORK/stage"
  rm -rf "$stage"; mkdir -p "$stage"
  case "$sdist" in
    *.tar.gz) tar -xzf "$sdist" -C "$stage" ;;
    *.zip) python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$sdist" "$stage" ;;
  esac
  # An sdist unpacks to one top-level NAME-VERSION/ directory; drop it.
  top=("$stage"/*)
  if [[ ${#top[@]} -eq 1 && -d "${top[0]}" ]]; then src=${top[0]}; else src=$stage; fi
  sort_tree "$src" "$name" py:python pyi:python
  rm -rf "$stage"
done

find "$NEW" -type d -empty -delete
mkdir -p "$NEW/swift" "$NEW/c" "$NEW/python"
# Make the corpus its own (empty) git repository. Homeport lists a directory's
# files with `git ls-files -co --exclude-standard` when it is inside a work tree;
# inside the Homeport checkout, .bench/ is gitignored, so without this the scan
# would find no files at all. It also makes the listing the same wherever DIR is.
git -c init.defaultBranch=main init -q "$NEW"
if [[ $PY_OK == 1 ]]; then
  stamp_text >"$NEW/.stamp"
else
  warn "corpus incomplete: no stamp written, the next run rebuilds it"
fi
rm -rf "$DIR"
mv "$NEW" "$DIR"

log "built $DIR in $(awk -v s="$START" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}') s"
summary "$DIR"

#!/usr/bin/env bash
# Tests what scripts/package.sh wrote to dist/, as a user without a Swift toolchain gets it:
#   - SHA256SUMS verifies;
#   - the wheel installs offline into a fresh virtual environment, and its homeport scans Fixtures/;
#   - the .deb unpacks (dpkg-deb -x) to a working homeport, completions and a man page that
#     `man -l` renders; lintian (when installed) finds no errors or warnings;
#   - the tarball holds a working homeport, README, completions and the man page;
#   - the pre-commit hook `homeport-pypi` (language: python) installs homeport from the wheel
#     (PIP_FIND_LINKS=dist, PIP_NO_INDEX) with no swift and no homeport on PATH, and blocks a commit
#     that adds an OpenAI import (the hook comes from this repository's HEAD commit).
#   scripts/check-packages.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
source scripts/python-env.sh
python_env pre_commit:pre-commit
for tool in man dpkg-deb; do
    command -v "$tool" >/dev/null || apt_install man-db
done

version=$(python3 scripts/homeport_wheel.py version)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail() { echo "check-packages: $*" >&2; exit 1; }
step() { echo "check-packages: $*"; }

# A PATH with no swift and no homeport on it: each folder that has either is replaced by a copy made
# of links to everything else in it.
clean_path=""
IFS=: read -ra folders <<<"$PATH"
for folder in "${folders[@]}"; do
    [[ -d $folder ]] || continue
    if compgen -G "$folder/swift*" >/dev/null || [[ -e $folder/homeport ]]; then
        mirror="$scratch/path/$(printf '%s' "$folder" | tr / _)"
        mkdir -p "$mirror"
        for entry in "$folder"/*; do
            case ${entry##*/} in swift*|homeport) ;; *) ln -s "$entry" "$mirror/" ;; esac
        done
        folder=$mirror
    fi
    clean_path+="${clean_path:+:}$folder"
done
if PATH=$clean_path command -v swift >/dev/null || PATH=$clean_path command -v homeport >/dev/null; then
    fail "could not make a PATH without swift and homeport"
fi

step "checksums"
(cd dist && sha256sum --check --strict SHA256SUMS)
wheel=$(cd dist && ls homeport-"$version"-py3-none-manylinux_*_x86_64.whl)
deb="homeport_${version}_amd64.deb"
tarball="homeport-$version-x86_64-linux.tar.gz"
[[ -f dist/$deb && -f dist/$tarball ]] || fail "dist/ lacks $deb or $tarball"

# Fixtures/ holds findings: a scan that works exits 1 and names them.
scan_fixtures() {
    local binary=$1 output status=0
    output=$(cd "$root" && PATH=$clean_path HOMEPORT_LANG=en "$binary" scan --no-color Fixtures 2>&1) || status=$?
    [[ $status == 1 ]] || fail "$binary scan Fixtures exited $status, not 1: $output"
    grep -q 'warning\[openai-import\]' <<<"$output" || fail "$binary scan Fixtures found no OpenAI import: $output"
    step "  $binary scan Fixtures: $(tail -n 1 <<<"$output")"
}

step "wheel $wheel"
python3 -m venv "$scratch/venv"
PATH=$clean_path PIP_NO_INDEX=1 PIP_FIND_LINKS="$root/dist" PIP_DISABLE_PIP_VERSION_CHECK=1 \
    "$scratch/venv/bin/python" -m pip install --quiet homeport=="$version"
[[ $("$scratch/venv/bin/homeport" --version) == "homeport $version "* ]] || fail "the wheel's homeport --version is wrong"
scan_fixtures "$scratch/venv/bin/homeport"

step "deb $deb"
dpkg-deb --info "dist/$deb" | sed -n 's/^ \(Depends\|Recommends\|Installed-Size\):/  \1:/p'
dpkg-deb -x "dist/$deb" "$scratch/deb"
for file in usr/bin/homeport usr/share/bash-completion/completions/homeport usr/share/zsh/vendor-completions/_homeport \
            usr/share/fish/vendor_completions.d/homeport.fish usr/share/man/man1/homeport.1.gz usr/share/doc/homeport/copyright; do
    [[ -s $scratch/deb/$file ]] || fail "$deb lacks /$file"
done
scan_fixtures "$scratch/deb/usr/bin/homeport"
bash -c "source '$scratch/deb/usr/share/bash-completion/completions/homeport'" || fail "the bash completion does not load"
manual=$(MANWIDTH=80 man -l "$scratch/deb/usr/share/man/man1/homeport.1.gz" 2>&1) || fail "man -l failed: $manual"
for text in 'HOMEPORT(1)' 'homeport scan' 'EXIT STATUS'; do
    grep -q "$text" <<<"$manual" || fail "the man page lacks '$text'"
done
step "  man -l renders $(wc -l <<<"$manual") lines"
if command -v lintian >/dev/null; then
    # Errors and warnings fail; informational tags (hardening flags Swift does not use, words in the
    # runtime's string tables) are printed with --pedantic by hand, not here.
    verdict=$(lintian --fail-on error,warning "dist/$deb" 2>&1) || fail "lintian: $verdict"
    verdict=$(grep -v 'running with root privileges' <<<"$verdict" || true)
    step "  lintian: ${verdict:-no errors or warnings}"
fi

step "tarball $tarball"
tar -xzf "dist/$tarball" -C "$scratch"
folder="$scratch/homeport-$version-x86_64-linux"
for file in homeport homeport.1 README.md completions/homeport.bash completions/_homeport completions/homeport.fish; do
    [[ -s $folder/$file ]] || fail "$tarball lacks $file"
done
[[ -f $folder/LICENSE ]] || echo "check-packages: warning: $tarball has no LICENSE (the repository has none)" >&2
scan_fixtures "$folder/homeport"

step "pre-commit hook homeport-pypi (no swift, no homeport on PATH, wheels from dist/ only)"
project="$scratch/project"
mkdir -p "$project"
git -C "$project" init -q
cat > "$project/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $root
    rev: $(git rev-parse HEAD)
    hooks:
      - id: homeport-pypi
EOF
printf 'print("hello")\n' > "$project/clean.py"
export PRE_COMMIT_HOME="$scratch/pre-commit-home" PIP_FIND_LINKS="$root/dist" PIP_NO_INDEX=1
commit() {
    PATH=$clean_path git -C "$project" -c user.name=Check -c user.email=check@example.com -c commit.gpgsign=false \
        commit -q -m "$1" 2>&1
}
pre_commit_python=$(command -v python3)
(cd "$project" && PATH=$clean_path "$pre_commit_python" -m pre_commit install >/dev/null)
git -C "$project" add .pre-commit-config.yaml clean.py
output=$(commit "clean") || fail "the hook refused a clean commit: $output"
printf 'from openai import OpenAI\n\nclient = OpenAI()\n' > "$project/client.py"
git -C "$project" add client.py
status=0
output=$(commit "add an OpenAI client") || status=$?
[[ $status != 0 ]] || fail "the hook let a commit that adds an OpenAI import through: $output"
grep -q 'client.py:1:6: warning\[openai-import\]' <<<"$output" || fail "the hook failed without the finding: $output"
[[ $(git -C "$project" rev-list --count HEAD) == 1 ]] || fail "the commit happened anyway"
hook_homeport=$(ls "$PRE_COMMIT_HOME"/repo*/py_env-*/bin/homeport)
step "  blocked the commit; pre-commit installed $("$hook_homeport" --version)"
step "all packages work"

#!/usr/bin/env bash
# Builds the release binary and writes what a release ships to dist/ (emptied first):
#   homeport-VERSION-py3-none-manylinux_2_X_x86_64.whl   the binary as a script on PATH (pip, pre-commit)
#   homeport_VERSION_amd64.deb                            /usr/bin/homeport, completions, homeport(1)
#   homeport-VERSION-x86_64-linux.tar.gz                  binary, README, LICENSE, completions, man page
#   SHA256SUMS                                            of the three
# VERSION is the one in Sources/HomeportCore/Report/ToolInfo.swift (what `homeport --version` says).
# Needs a Swift 6 toolchain, libclang's headers (libclang-dev), python3, readelf/strip (binutils) and
# dpkg-deb. scripts/check-packages.sh tests what it wrote.
#   scripts/package.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/python-env.sh
started=$SECONDS

if ! compgen -G '/usr/lib/llvm-*/include/clang-c/Index.h' >/dev/null && [[ ! -e /usr/include/clang-c/Index.h ]]; then
    apt_install libclang-dev
fi
for tool in readelf strip dpkg-deb; do
    command -v "$tool" >/dev/null || { echo "package: $tool is missing (binutils, dpkg)" >&2; exit 1; }
done

# The same command and flags as action.yml, so a release build made there (or earlier here) is reused.
swift build -c release --product homeport --static-swift-stdlib
binary="$(swift build -c release --product homeport --static-swift-stdlib --show-bin-path)/homeport"
built=$SECONDS

version=$(python3 scripts/homeport_wheel.py version)
reported=$("$binary" --version)
if [[ $reported != "homeport $version "* ]]; then
    echo "package: the binary says '$reported', ToolInfo.swift says $version" >&2
    exit 1
fi
if [[ -n $(git status --porcelain --untracked-files=no 2>/dev/null) ]]; then
    echo "package: warning: uncommitted changes; the packages are not those of the commit" >&2
fi
# The commit's time dates every file, so one binary and commit package to the same bytes.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 315532800)}

# The Swift runtime is linked in; Foundation must not be (neither its library nor its code).
if readelf --dynamic "$binary" | grep -q 'Foundation' || readelf --syms --wide "$binary" | grep -q 's10Foundation'; then
    echo "package: $binary links Foundation" >&2
    exit 1
fi
# The newest glibc symbol version it needs gives both the wheel's manylinux tag and the .deb's Depends.
tag=$(python3 scripts/homeport_wheel.py platform-tag "$binary")
glibc=$(sed -E 's/^manylinux_([0-9]+)_([0-9]+)_.*/\1.\2/' <<<"$tag")
needed=$(readelf --dynamic --wide "$binary" | sed -nE 's/.*\(NEEDED\).*\[(.*)\]/\1/p' | tr '\n' ' ')
echo "package: homeport $version needs ${needed}(glibc $glibc): $tag"

rm -rf dist
mkdir -p dist
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# What every package holds: the stripped binary, completions, the man page.
mkdir -p "$stage/files/completions"
strip --strip-unneeded --remove-section=.comment -o "$stage/files/homeport" "$binary"
chmod 755 "$stage/files/homeport"
export HOMEPORT_LANG=en
"$stage/files/homeport" completions bash > "$stage/files/completions/homeport.bash"
"$stage/files/homeport" completions zsh > "$stage/files/completions/_homeport"
"$stage/files/homeport" completions fish > "$stage/files/completions/homeport.fish"
python3 scripts/make-manpage.py "$stage/files/homeport" > "$stage/files/homeport.1"
license_file=""
if [[ -f LICENSE ]]; then
    license_file=LICENSE
else
    echo "package: warning: no LICENSE file; the packages state no licence" >&2
fi

# 1. The wheel.
wheel=$(python3 scripts/homeport_wheel.py wheel "$stage/files/homeport" dist)

# 2. The Debian package.
root="$stage/deb"
doc="$root/usr/share/doc/homeport"
install -D -m 755 "$stage/files/homeport" "$root/usr/bin/homeport"
install -D -m 644 "$stage/files/completions/homeport.bash" "$root/usr/share/bash-completion/completions/homeport"
install -D -m 644 "$stage/files/completions/_homeport" "$root/usr/share/zsh/vendor-completions/_homeport"
install -D -m 644 "$stage/files/completions/homeport.fish" "$root/usr/share/fish/vendor_completions.d/homeport.fish"
install -d -m 755 "$root/usr/share/man/man1" "$doc"
gzip -9n < "$stage/files/homeport.1" > "$root/usr/share/man/man1/homeport.1.gz"
gzip -9n < README.md > "$doc/README.md.gz"
maintainer="Homeport maintainers <homeport-lint@users.noreply.github.com>"
date_rfc2822=$(date -u -R -d "@$SOURCE_DATE_EPOCH")
{
    printf 'homeport (%s) unstable; urgency=medium\n\n' "$version"
    printf '  * Homeport %s; see its CHANGELOG.md:\n    https://github.com/homeport-lint/homeport/blob/main/CHANGELOG.md\n\n' "$version"
    printf ' -- %s  %s\n' "$maintainer" "$date_rfc2822"
} | gzip -9n > "$doc/changelog.gz"
{
    printf 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n'
    printf 'Upstream-Name: homeport\nSource: https://github.com/homeport-lint/homeport\n\n'
    printf 'Files: *\nCopyright: %s Homeport contributors\n' "$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y)"
    if [[ -n $license_file ]]; then
        spdx=$(python3 -c 'import sys; sys.path.insert(0, "scripts"); import homeport_wheel; print(homeport_wheel.license_info()[0])')
        printf 'License: %s\n' "$spdx"
        sed -e 's/^$/./' -e 's/^/ /' "$license_file"
    else
        printf 'License: none-stated\n The Homeport repository states no licence yet.\n'
    fi
} > "$doc/copyright"
chmod 644 "$doc"/*
find "$root" -type d -exec chmod 755 {} +
depends="libc6 (>= $glibc)"
grep -q 'libgcc_s.so.1' <<<"$needed" && depends+=", libgcc-s1"
grep -q 'libstdc++.so.6' <<<"$needed" && depends+=", libstdc++6"
mkdir -p "$root/DEBIAN"
cat > "$root/DEBIAN/control" <<EOF
Package: homeport
Version: $version
Architecture: amd64
Maintainer: $maintainer
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: $depends
Recommends: libclang1
Section: devel
Priority: optional
Homepage: https://github.com/homeport-lint/homeport
Description: find OpenAI dependencies and the domestic provider to use instead
 Homeport is a linter for Swift, Python, C and C++ code. It finds OpenAI SDK
 imports, API hosts, model IDs, OPENAI_* variables and keys, and names for each
 the domestic (Chinese) provider and model to use instead; fix applies the
 mechanical edits. It reports as text, JSON, SARIF or GitHub annotations, runs
 as a git pre-commit hook and as a language server.
 .
 C and C++ files are read with libclang, loaded at run time: without it they
 are skipped with a warning and everything else is scanned.
EOF
(cd "$root" && find usr -type f | LC_ALL=C sort | xargs md5sum) > "$root/DEBIAN/md5sums"
chmod 644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"
find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
dpkg-deb --root-owner-group -Zxz --build "$root" "dist/homeport_${version}_amd64.deb" >/dev/null

# 3. The tarball: one folder, the binary at its top.
name="homeport-$version-x86_64-linux"
mkdir -p "$stage/$name"
cp -p "$stage/files/homeport" "$stage/files/homeport.1" README.md CHANGELOG.md ${license_file:+"$license_file"} "$stage/$name/"
cp -rp "$stage/files/completions" "$stage/$name/"
chmod -R u=rwX,go=rX "$stage/$name"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" -C "$stage" -cf - "$name" \
    | gzip -9n > "dist/$name.tar.gz"

(cd dist && sha256sum "$wheel" "homeport_${version}_amd64.deb" "$name.tar.gz" > SHA256SUMS)
echo "package: build $((built - started)) s, packages $((SECONDS - built)) s; in dist/:"
(cd dist && ls -l --block-size=K "$wheel" "homeport_${version}_amd64.deb" "$name.tar.gz" | awk '{print "  " $5 "  " $9}')

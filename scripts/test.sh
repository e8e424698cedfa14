#!/usr/bin/env bash
# Sets up what the test suite needs and runs it: the README's test command and what CI runs.
#   scripts/test.sh [swift test arguments…]
set -euo pipefail
cd "$(dirname "$0")/.."

# The SARIF tests validate against the JSON schema with ../shared/tools/validate-sarif.py (jsonschema).
# The pre-commit test runs the real pre-commit on .pre-commit-hooks.yaml.
missing=()
python3 -c 'import jsonschema' 2>/dev/null || missing+=(jsonschema)
python3 -c 'import pre_commit' 2>/dev/null || missing+=(pre-commit)
if (( ${#missing[@]} )); then
    python3 -m pip install --quiet --disable-pip-version-check "${missing[@]}"
fi
# The HTML plan test parses the page strictly with html5lib: into the user site, never the work tree.
if ! python3 -c 'import html5lib' 2>/dev/null; then
    python3 -m pip install --user --quiet --disable-pip-version-check html5lib
fi

# The C/C++ frontend builds against libclang's headers (Debian/Ubuntu: libclang-dev).
if ! ls /usr/lib/llvm-*/include/clang-c/Index.h /usr/include/clang-c/Index.h >/dev/null 2>&1; then
    sudo=""; [[ $(id -u) == 0 ]] || sudo="sudo"
    $sudo apt-get install -y libclang-dev || { $sudo apt-get update && $sudo apt-get install -y libclang-dev; }
fi

swift build --product homeport
swift test "$@"

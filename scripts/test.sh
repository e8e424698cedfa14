#!/usr/bin/env bash
# Sets up what the test suite needs and runs it: the README's test command and what CI runs.
#   scripts/test.sh [swift test arguments…]
set -euo pipefail
cd "$(dirname "$0")/.."

# The SARIF tests validate against the JSON schema with ../shared/tools/validate-sarif.py (jsonschema).
if ! python3 -c 'import jsonschema' 2>/dev/null; then
    python3 -m pip install --quiet --disable-pip-version-check jsonschema
fi

# The C/C++ frontend builds against libclang's headers (Debian/Ubuntu: libclang-dev).
if ! ls /usr/lib/llvm-*/include/clang-c/Index.h /usr/include/clang-c/Index.h >/dev/null 2>&1; then
    sudo=""; [[ $(id -u) == 0 ]] || sudo="sudo"
    $sudo apt-get install -y libclang-dev || { $sudo apt-get update && $sudo apt-get install -y libclang-dev; }
fi

swift build --product homeport
swift test "$@"

#!/usr/bin/env bash
# Sets up what the test suite needs and runs it: the README's test command and what CI runs.
#   scripts/test.sh [swift test arguments…]
set -euo pipefail
cd "$(dirname "$0")/.."

# jsonschema runs Tests/SARIFValidation/validate-sarif.py; the real pre-commit runs the hook test;
# html5lib parses the HTML plan strictly; PyYAML is the reference the YAML differential test
# compares our reader with (Tests/Differential); the TOML one uses tomllib (Python 3.11 and later).
source scripts/python-env.sh
python_env jsonschema:jsonschema pre_commit:pre-commit html5lib:html5lib yaml:pyyaml

# The C/C++ frontend builds against libclang's headers (Debian/Ubuntu: libclang-dev).
if ! ls /usr/lib/llvm-*/include/clang-c/Index.h /usr/include/clang-c/Index.h >/dev/null 2>&1; then
    apt_install libclang-dev
fi

# The completion tests run the scripts in the real shells.
for shell in zsh fish; do
    command -v "$shell" >/dev/null || apt_install "$shell"
done

# The after-fix compile check parses every Python fixture, and Fixtures/python/chat_service.py uses
# PEP 701 nested f-strings: Python 3.12 or later. Debian 12's python3 is 3.11 and PyPI carries no
# CPython, so this takes the first 3.12+ interpreter that runs: on PATH, else one pyenv built.
fixture_python() {
    local candidate
    for candidate in python3 python3.14 python3.13 python3.12 "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.*/bin/python3; do
        if "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
            command -v "$candidate"
            return
        fi
    done
    return 1
}
if ! HOMEPORT_FIXTURE_PYTHON=$(fixture_python); then
    echo "test.sh: the Python fixtures need Python 3.12 or later to compile; none found (python3 is $(python3 --version 2>&1))" >&2
    exit 1
fi
export HOMEPORT_FIXTURE_PYTHON
# `providers --verify` loads libcurl at run time (Debian/Ubuntu: libcurl4); its tests talk to a stub
# server on 127.0.0.1.
if ! ldconfig -p 2>/dev/null | grep -q 'libcurl\.so\.4\|libcurl-gnutls\.so\.4'; then
    apt_install libcurl4
fi

# The SDK model constant generator's parser, and the table it wrote (needs no SDK checkout).
python3 scripts/test-generate-sdk-model-constants.py

swift build --product homeport
# Swift Testing's summary line counts passes and failures, not skips: count them here, so a skipped
# test shows, and fail a CI run (CI=true) that skipped any.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
swift test "$@" 2>&1 | tee "$log"
skipped=$(grep -cE '^.{0,16}Test .* skipped' "$log" || true)
if (( skipped > 0 )); then
    echo "test.sh: $skipped tests skipped:" >&2
    grep -E '^.{0,16}Test .* skipped' "$log" >&2
    [[ ${CI:-} == true ]] && { echo "test.sh: CI runs every test; install what the skipped ones need" >&2; exit 1; }
fi
echo "test.sh: all tests passed; $skipped skipped"

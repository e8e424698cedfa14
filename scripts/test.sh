#!/usr/bin/env bash
# Sets up what the test suite needs and runs it: the README's test command and what CI runs.
#   scripts/test.sh [swift test arguments…]
set -euo pipefail
cd "$(dirname "$0")/.."

# jsonschema runs Tests/SARIFValidation/validate-sarif.py; the real pre-commit runs the hook test;
# html5lib parses the HTML plan strictly; PyYAML is the reference the YAML differential test
# compares our reader with (Tests/Differential).
source scripts/python-env.sh
python_env jsonschema:jsonschema pre_commit:pre-commit html5lib:html5lib yaml:pyyaml

# The C/C++ frontend builds against libclang's headers (Debian/Ubuntu: libclang-dev).
if ! ls /usr/lib/llvm-*/include/clang-c/Index.h /usr/include/clang-c/Index.h >/dev/null 2>&1; then
    apt_install libclang-dev
fi

# `providers --verify` loads libcurl at run time (Debian/Ubuntu: libcurl4); its tests talk to a stub
# server on 127.0.0.1.
if ! ldconfig -p 2>/dev/null | grep -q 'libcurl\.so\.4\|libcurl-gnutls\.so\.4'; then
    apt_install libcurl4
fi

# The SDK model constant generator's parser, and the table it wrote (needs no SDK checkout).
python3 scripts/test-generate-sdk-model-constants.py

swift build --product homeport
swift test "$@"

#!/usr/bin/env bash
# Runs the CI recipes as written — action.yml and the workflows in docs/ — on this machine; see
# scripts/test-recipes.py. CI runs it after the tests.
#   scripts/test-recipes.sh [--keep]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/python-env.sh
python_env yaml:pyyaml jsonschema:jsonschema
exec python3 scripts/test-recipes.py "$@"

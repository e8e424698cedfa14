#!/usr/bin/env bash
# Drives Emacs (batch) with eglot and the configuration the README gives for `homeport lsp`, on
# samples/app.py and app.c (see emacs/check.el for what is checked); exits 1 when a diagnostic, a
# column, a quick fix, a hover, fix-all or the workspace configuration is wrong.
#
#   scripts/editors/try-emacs.sh     # installs emacs-nox and elpa-eglot from Debian if missing
#
# Uses `homeport` from $HOMEPORT, else PATH, else .build/{release,debug}/homeport. The run's files,
# report and eglot's events buffer stay in a folder it prints.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

try=try-emacs
# shellcheck source=homeport-on-path.sh
. "$here/homeport-on-path.sh"

if ! command -v emacs >/dev/null || ! dpkg -s elpa-eglot >/dev/null 2>&1; then
  apt-get install -y -q emacs-nox elpa-eglot >/dev/null
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/homeport-try-emacs.XXXXXX")
cp "$here/samples/app.py" "$here/samples/app.c" "$work/"
mkdir -p "$work/out" "$work/home"
echo "== $(emacs --version | head -1), eglot $(dpkg-query -W -f '${Version}' elpa-eglot) in $work"
status=0
# -q and HOME=work/home: no user init; `package-initialize' makes Debian's elpa-eglot loadable as
# it is in a user's session.
(cd "$work" && HOME=$work/home HOMEPORT_TRY_OUT=$work/out timeout 120 \
  emacs --batch -q --eval '(package-initialize)' -l "$here/emacs/homeport.el" -l "$here/emacs/check.el" \
  >"$work/out/emacs.out" 2>&1) || status=1
cat "$work/out/report.txt" 2>/dev/null || { echo "no report; Emacs said:"; cat "$work/out/emacs.out"; status=1; }
if [[ -f $work/out/before-fix-all.py ]]; then
  mkdir -p "$work/fix" && cp "$work/out/before-fix-all.py" "$work/fix/app.py"
  (cd "$work/fix" && homeport fix --target deepseek app.py >/dev/null 2>&1 || true)
  if diff -u "$work/fix/app.py" "$work/out/after-fix-all.py"; then
    echo "fix-all = homeport fix --target deepseek"
  else
    echo "FAIL: fix-all differs from homeport fix (above)"; status=1
  fi
fi
echo "eglot events: $work/out/eglot-events.log"
[[ $status == 0 ]] && echo "try-emacs: all passed" || echo "try-emacs: FAILED"
exit $status

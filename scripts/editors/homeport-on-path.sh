# Sourced by try-*.sh: finds `homeport` ($HOMEPORT, else PATH, else .build/{release,debug}/homeport
# of this repository), puts it first on PATH for the editor to start, and prints which one it is.
# Needs $repo (the repository) and $try (the script's name, for its error line).
homeport=${HOMEPORT:-$(command -v homeport || true)}
for candidate in "$repo/.build/release/homeport" "$repo/.build/debug/homeport"; do
  [[ -n $homeport ]] || { [[ -x $candidate ]] && homeport=$candidate; } || true
done
[[ -x $homeport ]] || { echo "$try: no homeport binary; run: swift build --product homeport" >&2; exit 2; }
bin=$(mktemp -d); ln -s "$homeport" "$bin/homeport"; export PATH="$bin:$PATH"
echo "homeport: $homeport ($(homeport --version))"

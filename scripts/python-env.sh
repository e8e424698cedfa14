# Sourced by scripts/test.sh and scripts/test-recipes.sh: the Python tools they run live in a virtual
# environment outside the work tree (never in it, never in the system's site-packages).
#   python_env MODULE:PACKAGE …   makes the environment, installs what is missing, puts it first on PATH

apt_install() {
    local sudo=""; [[ $(id -u) == 0 ]] || sudo="sudo"
    # Wait for another apt (a parallel job, unattended upgrades) instead of failing on its lock.
    local wait=(-o DPkg::Lock::Timeout=600)
    $sudo apt-get "${wait[@]}" install -y "$@" || { $sudo apt-get "${wait[@]}" update && $sudo apt-get "${wait[@]}" install -y "$@"; }
}

python_env() {
    # It sees the packages installed already, so a machine that has them downloads nothing.
    local venv=${HOMEPORT_TEST_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/homeport/test-venv}
    if [[ ! -x $venv/bin/python3 ]]; then
        if ! python3 -m venv --system-site-packages "$venv" 2>/dev/null; then
            # Debian and Ubuntu ship venv (ensurepip) apart from python3.
            apt_install python3-venv
            rm -rf "$venv"
            python3 -m venv --system-site-packages "$venv"
        fi
    fi
    # Exported, so a script run from this one (in a job with a HOME of its own) uses the same one.
    export HOMEPORT_TEST_VENV=$venv
    export PATH="$venv/bin:$PATH"
    local wanted missing=()
    for wanted in "$@"; do
        python3 -c "import ${wanted%%:*}" 2>/dev/null || missing+=("${wanted#*:}")
    done
    if (( ${#missing[@]} )); then
        python3 -m pip install --quiet --disable-pip-version-check "${missing[@]}"
    fi
}

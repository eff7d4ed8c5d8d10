#!/usr/bin/env bash
# Installs what the tests need on Debian 12, as root, without questions (CI=true, no stdin).
# Idempotent: when nothing is missing it only checks, so tests/run.sh can call it every time.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PACKAGES=(dovecot-imapd openssl gcc make pkg-config valgrind python3-venv)
VENV=target/venv
PY_TOOLS=(maturin pytest ruff)
MAIL_USER=libimap-test

installed() {
    [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

missing=()
for p in "${PACKAGES[@]}"; do
    installed "$p" || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "install-deps: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
fi

# The package starts a system Dovecot on 143/993 at install time; the tests run their own.
if [[ -f /run/dovecot/master.pid ]]; then
    pid=$(</run/dovecot/master.pid)
    if [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == dovecot ]]; then
        echo "install-deps: stopping the system dovecot (pid $pid)"
        service dovecot stop >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
    fi
fi
if command -v systemctl >/dev/null && systemctl is-enabled dovecot >/dev/null 2>&1; then
    systemctl disable --now dovecot >/dev/null 2>&1 || true
fi
if command -v update-rc.d >/dev/null && compgen -G "/etc/rc2.d/S*dovecot" >/dev/null; then
    update-rc.d dovecot disable >/dev/null 2>&1 || true
fi

# The fixture's mail processes run as this user (Dovecot refuses root for mail).
if ! getent passwd "$MAIL_USER" >/dev/null; then
    useradd --system --user-group --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin "$MAIL_USER"
fi

if [[ ! -x $VENV/bin/python ]]; then
    echo "install-deps: creating $VENV"
    python3 -m venv "$VENV"
fi
missing=()
for tool in "${PY_TOOLS[@]}"; do
    [[ -x $VENV/bin/$tool ]] || missing+=("$tool")
done
if ((${#missing[@]})); then
    echo "install-deps: pip install ${missing[*]}"
    "$VENV/bin/pip" install -q --disable-pip-version-check "${missing[@]}"
fi

for tool in "cargo fmt" "cargo clippy"; do
    $tool --version >/dev/null 2>&1 || { echo "install-deps: '$tool' is missing (rustup component)" >&2; exit 1; }
done
echo "install-deps: ok"

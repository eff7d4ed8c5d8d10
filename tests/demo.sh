#!/usr/bin/env bash
# The README's demo: start a Dovecot fixture and run the Python and C seed examples against it
# (they read LIBIMAP_TEST_* and log in as user `demo`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
VENV=$PWD/target/venv

bash tests/install-deps.sh

FIXTURE_DIR=$(mktemp -d /tmp/libimap-demo.XXXXXX)
stop_fixture() {
    bash tests/dovecot/fixture.sh stop "$FIXTURE_DIR" || true
    rm -rf "$FIXTURE_DIR"
}
trap stop_fixture EXIT
bash tests/dovecot/fixture.sh start "$FIXTURE_DIR"
# shellcheck source=/dev/null
source "$FIXTURE_DIR/env"

if [[ -f python/examples/seed.py && -f python/pyproject.toml ]]; then
    echo "==== Python: python/examples/seed.py"
    MATURIN_PEP517_ARGS="--profile dev" "$VENV/bin/pip" install -q --disable-pip-version-check \
        --no-build-isolation ./python
    "$VENV/bin/python" python/examples/seed.py
else
    echo "skipped: python/examples/seed.py does not exist"
fi

echo "==== C: ffi/examples/seed.c (built by make -C tests/c as target/c/seed-example)"
make -s -C tests/c all >/dev/null
target/c/seed-example

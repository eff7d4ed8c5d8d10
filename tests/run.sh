#!/usr/bin/env bash
# The whole test suite, as the README and CI run it: bash tests/run.sh
# Stops at the first failing section; the Dovecot fixture is stopped on every exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
VENV=$PWD/target/venv

section() {
    printf '\n==== %s ====\n' "$*"
}

section "dependencies (tests/install-deps.sh)"
bash tests/install-deps.sh

section "lint: cargo fmt, cargo clippy, ruff"
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
"$VENV/bin/ruff" check python tests

section "Dovecot fixture"
FIXTURE_DIR=$(mktemp -d /tmp/libimap-run.XXXXXX)
stop_fixture() {
    local rc=$?
    if ((rc != 0)) && [[ -f $FIXTURE_DIR/dovecot.log ]]; then
        echo "---- last lines of $FIXTURE_DIR/dovecot.log"
        tail -n 30 "$FIXTURE_DIR/dovecot.log"
    fi
    bash tests/dovecot/fixture.sh stop "$FIXTURE_DIR" || true
    [[ -n ${LIBIMAP_TEST_KEEP:-} ]] || rm -rf "$FIXTURE_DIR"
    exit "$rc"
}
trap stop_fixture EXIT
bash tests/dovecot/fixture.sh start "$FIXTURE_DIR"
# shellcheck source=/dev/null
source "$FIXTURE_DIR/env"
# The expected values all languages assert must match what this Dovecot serves.
python3 tests/scenarios/check_seed.py

section "Rust: cargo test --workspace"
cargo test --workspace

section "C: make -C tests/c check"
make -C tests/c check

# The same C suite again under the sanitizers, then under valgrind: any error or leak fails.
section "C under AddressSanitizer + UndefinedBehaviorSanitizer: make -C tests/c asan"
make -s -C tests/c asan

section "C under valgrind: make -C tests/c valgrind"
make -s -C tests/c valgrind

section "Python: pip install ./python, pytest python/tests"
if [[ -f python/pyproject.toml && -d python/tests ]]; then
    # A debug build, against the venv's maturin (no isolated build env to download).
    MATURIN_PEP517_ARGS="--profile dev" "$VENV/bin/pip" install -q --disable-pip-version-check \
        --no-build-isolation ./python
    "$VENV/bin/pytest" -q python/tests
else
    echo "skipped: python/pyproject.toml or python/tests does not exist"
fi

section "all sections passed"

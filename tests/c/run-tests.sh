#!/usr/bin/env bash
# Runs the C tests in $OUT (optionally under $WRAPPER, e.g. valgrind) and prints one closing line
# "N passed, N failed" counting individual checks; a program that crashes or exits non-zero without
# reporting a failed check counts as one more failure. Exits non-zero on any failure.
#
# Needs the Dovecot fixture's LIBIMAP_TEST_* variables; when they are unset it starts a private
# fixture for the duration of the run.
set -uo pipefail

: "${OUT:?OUT must name the directory with the test binaries}"
: "${ROOT:?ROOT must name the repository root}"
WRAPPER=${WRAPPER:-}

fixture_dir=""
cleanup() {
    if [[ -n $fixture_dir ]]; then
        bash "$ROOT/tests/dovecot/fixture.sh" stop "$fixture_dir" >/dev/null 2>&1
        rm -rf "$fixture_dir"
    fi
}
trap cleanup EXIT

if [[ -z ${LIBIMAP_TEST_HOST:-} ]]; then
    if [[ -f $ROOT/tests/dovecot/fixture.sh ]]; then
        fixture_dir=$(mktemp -d /tmp/libimap-c-fixture.XXXXXX)
        chmod 755 "$fixture_dir"
        if bash "$ROOT/tests/dovecot/fixture.sh" start "$fixture_dir" >"$fixture_dir.log" 2>&1; then
            # shellcheck disable=SC1091
            source "$fixture_dir/env"
        else
            echo "# could not start the Dovecot fixture:"; sed 's/^/#   /' "$fixture_dir.log"
        fi
        rm -f "$fixture_dir.log"
    else
        echo "# no fixture script and LIBIMAP_TEST_* unset: the network tests will fail"
    fi
fi

passed=0
failed=0
run() {
    local name=$1; shift
    local log rc ok notok
    log=$(mktemp)
    # shellcheck disable=SC2086
    $WRAPPER "$@" >"$log" 2>&1
    rc=$?
    ok=$(grep -c '^ok ' "$log")
    notok=$(grep -c '^not ok ' "$log")
    if (( rc != 0 )) || (( notok > 0 )); then
        sed "s/^/[$name] /" "$log"
        if (( notok == 0 )); then
            echo "[$name] exited with status $rc without a failed check: counted as a failure"
            notok=1
        fi
    else
        echo "[$name] $ok checks passed"
    fi
    passed=$((passed + ok))
    failed=$((failed + notok))
    rm -f "$log"
}

for t in test_seed test_tls test_errors test_shared test_hostile; do
    run "$t" "$OUT/$t"
done

# The example is a check too: it must run the whole exchange and print the decoded subject.
example_log=$(mktemp)
# shellcheck disable=SC2086
if $WRAPPER "$OUT/seed-example" >"$example_log" 2>&1 && grep -q '^subject: ' "$example_log" \
    && grep -q '^logged out' "$example_log"; then
    echo "[seed-example] ran the whole exchange"
    passed=$((passed + 1))
else
    sed 's/^/[seed-example] /' "$example_log"
    failed=$((failed + 1))
fi
rm -f "$example_log"

echo "$passed passed, $failed failed"
(( failed == 0 ))

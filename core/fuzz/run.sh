#!/bin/sh
# Runs one fuzz target for a number of seconds on one core (libFuzzer's default: one
# process, no -jobs/-fork, so the statistics go to this terminal), on the stable toolchain.
# Usage: sh run.sh TARGET SECONDS [extra libFuzzer flags]
# The corpus grows in corpus/TARGET (not committed); seeds/TARGET is read when present.
# Crashes land in artifacts/TARGET/.
set -eu
cd "$(dirname "$0")"
target=$1
secs=$2
shift 2
mkdir -p "corpus/$target"
seeds=""
[ -d "seeds/$target" ] && seeds="seeds/$target"
# RUSTC_BOOTSTRAP lets the stable compiler accept the -Z flags cargo-fuzz passes
# (-Zsanitizer=address); nothing else in the build is nightly-only.
RUSTC_BOOTSTRAP=1 exec cargo fuzz run "$target" "corpus/$target" $seeds -- \
    -max_total_time="$secs" -print_final_stats=1 "$@"

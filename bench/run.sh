#!/usr/bin/env bash
# The project's `bench` command: builds the benchmark in release mode and prints the table.
# Arguments go to the binary: --reps N (best of N, default 5), --scale F (corpus size factor,
# default 1: about 24 + 32 + 12 MiB), --out DIR (where the corpora are written).
set -euo pipefail
cd "$(dirname "$0")"
cargo build --release --quiet --bin bench
exec cargo run --release --quiet --bin bench -- "$@"

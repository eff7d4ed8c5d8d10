#!/bin/sh
# Writes the seed corpora of the byte-level targets from the quirk samples (real server
# responses). Each seed is the target's input prefix followed by one sample:
#   parse_response: two limit bytes (0xff 0xff: the largest small limits) and a flag byte;
#   framer_chunks:  3 cut steps (5, 17, 64 bytes), then the two limit bytes.
# Usage: sh make_seeds.sh [quirk corpus dir]   (default /work/shared/quirks/corpus)
set -eu
src=${1:-/work/shared/quirks/corpus}
here=$(dirname "$0")
mkdir -p "$here/seeds/parse_response" "$here/seeds/framer_chunks"
for f in "$src"/*.imap; do
    name=$(basename "$f" .imap)
    { printf '\377\377\000'; cat "$f"; } >"$here/seeds/parse_response/$name"
    { printf '\003\005\021\100\377\377'; cat "$f"; } >"$here/seeds/framer_chunks/$name"
done

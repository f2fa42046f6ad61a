#!/usr/bin/env bash
# Peak memory of streaming validation (issue 6): validates a 1 GiB IF-I6-01-04-02 response, generated
# on the fly and piped in, record by record with `ltcip_runtime::json::stream`, and measures the
# validator's peak resident set with /usr/bin/time -v.
#
#   scripts/stream-rss.sh [SIZE]
#
# SIZE is the document's size (default 1G; K, M and G suffixes, binary). Prints the peak and exits 1
# when it is above 32 MiB ($STREAM_RSS_LIMIT_MIB), or when the document is not found valid.
# Needs GNU time (`apt-get install -y time`).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

size="${1:-1G}"
limit_mib="${STREAM_RSS_LIMIT_MIB:-32}"
if [ ! -x /usr/bin/time ]; then
    echo "stream-rss: /usr/bin/time (GNU time) is missing: apt-get install -y time" >&2
    exit 2
fi

cargo build --release --quiet -p ltcip-benches --bin gen_response --bin stream_validate
target="${CARGO_TARGET_DIR:-$root/target}/release"

report="$(mktemp)"
trap 'rm -f "$report"' EXIT
# The generator writes to the pipe as fast as the validator reads it: the document never exists
# whole, neither on disk nor in memory.
status=0
"$target/gen_response" --bytes "$size" \
    | /usr/bin/time -v -o "$report" "$target/stream_validate" - || status=$?

peak_kib="$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$report")"
if [ -z "$peak_kib" ]; then
    echo "stream-rss: no peak resident set size in the report of /usr/bin/time:" >&2
    cat "$report" >&2
    exit 2
fi
peak_mib="$(awk -v k="$peak_kib" 'BEGIN { printf "%.1f", k / 1024 }')"
echo "stream-rss: peak resident set of stream_validate: ${peak_kib} KiB (${peak_mib} MiB); limit ${limit_mib} MiB"
if [ "$status" -ne 0 ]; then
    echo "stream-rss: stream_validate exited with $status (the generated document must be valid)" >&2
    exit 1
fi
if [ "$peak_kib" -gt $((limit_mib * 1024)) ]; then
    echo "stream-rss: FAIL: ${peak_mib} MiB is above ${limit_mib} MiB" >&2
    exit 1
fi
echo "stream-rss: ok"

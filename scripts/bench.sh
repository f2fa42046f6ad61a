#!/usr/bin/env bash
# Every performance figure of issue 6 in one go: the criterion benchmarks (each target's ratio
# measured in the same run, printed as `ratio ...` lines and a markdown table, also written to
# target/ltcip-bench-results.md) and the peak memory of streaming a 1 GiB response.
#
#   scripts/bench.sh [FILTER]    # FILTER: json, csv or codegen (the streaming check always runs)
#
# A few minutes on 2 cores. benches/RESULTS.md holds the figures of the last recorded run.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
cargo bench -p ltcip-benches --bench ratios -- "$@"
scripts/stream-rss.sh

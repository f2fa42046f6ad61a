#!/usr/bin/env bash
# Fuzzes the workbook reader, JSON decoding and the CSV reader with cargo-fuzz (issue 5.3).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# SECONDS per target (default 60, or $FUZZ_SECONDS); TARGETs default to all of them ($FUZZ_TARGETS):
#   json            bytes as each of the six JSON layouts: typed and untyped verdicts agree, round trips
#   csv             bytes as a UPPLAN CSV file: lines and columns of violations, buffer sizes, round trips
#   workbook        bytes as a workbook file (first byte picks the extension) through the codegen pipeline
#   workbook_parts  the parts of an xlsx package, zipped uncompressed, through the codegen pipeline
#
# Environment:
#   FUZZ_SANITIZER  none (default) or address. The project's code forbids unsafe, so AddressSanitizer
#                   guards only the dependencies, and it slows the workbook targets about 7 times;
#                   address falls back to none if it cannot build
#   FUZZ_FORK       N > 0: run N libFuzzer workers in fork mode and keep going after a crash
#   FUZZ_CMIN       1: minimise each target's corpus first (cargo fuzz cmin). Every run starts by
#                   replaying the whole corpus, within its time; a workbook input takes 10-100 ms, so
#                   a grown workbook corpus can take a short run's whole time: minimise it, or
#                   delete fuzz/corpus/workbook*/ to start again from the seeds
#   FUZZ_TIMEOUT    seconds one input may take before it counts as a hang (default 10)
#   FUZZ_RSS_MB     memory limit in MiB before an input counts as an OOM (default 2048)
#
# Only a stable toolchain is needed: cargo-fuzz's nightly flags are allowed with RUSTC_BOOTSTRAP=1.
# The corpus (fuzz/corpus/<target>/, not checked in) is seeded from fuzz/seeds/, the golden JSON
# payloads in tests/integration/golden/ and the workbooks in specs/; crashes land in
# fuzz/artifacts/<target>/. Prints executions and crashes per target; exits 1 if any crash was found.
# Replay one: RUSTC_BOOTSTRAP=1 cargo fuzz run -s none <target> fuzz/artifacts/<target>/crash-...
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

all_targets=(json csv workbook workbook_parts)
seconds="${FUZZ_SECONDS:-60}"
if [[ $# -gt 0 && "$1" =~ ^[0-9]+$ ]]; then
    seconds="$1"
    shift
fi
if [[ $# -gt 0 ]]; then
    targets=("$@")
elif [[ -n "${FUZZ_TARGETS:-}" ]]; then
    read -r -a targets <<<"$FUZZ_TARGETS"
else
    targets=("${all_targets[@]}")
fi
for t in "${targets[@]}"; do
    [[ " ${all_targets[*]} " == *" $t "* ]] || { echo "fuzz.sh: unknown target $t (${all_targets[*]})" >&2; exit 2; }
done
sanitizer="${FUZZ_SANITIZER:-none}"
fork="${FUZZ_FORK:-0}"
cmin="${FUZZ_CMIN:-0}"
timeout="${FUZZ_TIMEOUT:-10}"
rss_mb="${FUZZ_RSS_MB:-2048}"

export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "== installing cargo-fuzz (a few minutes)"
    cargo install cargo-fuzz --locked
fi

echo "== building the fuzz targets (sanitizer: $sanitizer)"
if ! cargo fuzz build -s "$sanitizer"; then
    if [[ "$sanitizer" != none ]]; then
        echo "fuzz.sh: building with -s $sanitizer failed; falling back to -s none" >&2
        sanitizer=none
        cargo fuzz build -s none
    else
        exit 1
    fi
fi

echo "== seeding fuzz/corpus/"
seed_dir="$(mktemp -d)"
trap 'rm -rf "$seed_dir"' EXIT
for t in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
    cp -n fuzz/seeds/"$t"/* "fuzz/corpus/$t/" 2>/dev/null || true
    rm -f "fuzz/corpus/$t/README.md"
done
if [[ " ${targets[*]} " == *" json "* ]]; then
    while IFS= read -r -d '' file; do
        name="golden-$(echo "${file#tests/integration/golden/}" | tr '/' '_')"
        cp -n "$file" "fuzz/corpus/json/$name" || true
    done < <(find tests/integration/golden -name '*.json' -print0)
fi
if [[ " ${targets[*]} " == *" workbook"* ]]; then
    if command -v python3 >/dev/null; then
        python3 fuzz/make_seeds.py "$seed_dir" specs/*.xlsx
        for t in workbook workbook_parts; do
            if [[ -d "fuzz/corpus/$t" ]]; then
                cp -n "$seed_dir/$t"/* "fuzz/corpus/$t/" || true
            fi
        done
    else
        echo "fuzz.sh: no python3; the workbook targets start from fuzz/seeds/ only" >&2
    fi
fi

log_dir="fuzz/target/fuzz-logs"
mkdir -p "$log_dir"
declare -A execs crashes statuses
found=0
for t in "${targets[@]}"; do
    echo "== fuzzing $t for ${seconds}s"
    stamp="$log_dir/$t.stamp"
    touch "$stamp"
    sleep 1 # artifacts written in the same second as the stamp must still count as newer
    log="$log_dir/$t.log"
    if [[ "$cmin" == 1 ]]; then
        before="$(find "fuzz/corpus/$t" -type f | wc -l)"
        cargo fuzz cmin -s "$sanitizer" "$t" "fuzz/corpus/$t" -- -timeout="$timeout" >"$log_dir/$t.cmin.log" 2>&1 ||
            echo "   cmin failed; see $log_dir/$t.cmin.log" >&2
        echo "   corpus minimised: $before -> $(find "fuzz/corpus/$t" -type f | wc -l) inputs"
    fi
    args=(-max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb="$rss_mb" -print_final_stats=1)
    if [[ -f "fuzz/dict/$t.dict" ]]; then
        args+=(-dict="fuzz/dict/$t.dict")
    fi
    if [[ "$fork" -gt 0 ]]; then
        args+=(-fork="$fork" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
    fi
    status=0
    cargo fuzz run -s "$sanitizer" "$t" "fuzz/corpus/$t" -- "${args[@]}" >"$log" 2>&1 || status=$?
    # Plain mode prints stat::number_of_executed_units; fork mode prints "#N: cov: ..." lines.
    n="$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)"
    if [[ -z "$n" ]]; then
        n="$(grep -o '^#[0-9]*' "$log" | tr -d '#' | sort -n | tail -1 || true)"
    fi
    c="$(find "fuzz/artifacts/$t" -type f -newer "$stamp" \
        \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)"
    execs[$t]="${n:-0}"
    crashes[$t]="$c"
    statuses[$t]="$status"
    if [[ "$c" -gt 0 || "$status" -ne 0 ]]; then
        found=1
        echo "   crash(es) in $t (exit $status); log: $log"
        find "fuzz/artifacts/$t" -type f -newer "$stamp" | sed 's/^/   /'
        grep -m 5 -E "panicked at|^thread '|SUMMARY|ERROR: libFuzzer" "$log" | sed 's/^/   /' || true
    fi
done

# The workbook targets' scratch folders (/dev/shm/ltcip-fuzz-<pid>) of processes that have ended.
for dir in /dev/shm/ltcip-fuzz-* "${TMPDIR:-/tmp}"/ltcip-fuzz-*; do
    [[ -d "$dir" ]] || continue
    pid="${dir##*-}"
    if [[ "$pid" =~ ^[0-9]+$ ]] && ! kill -0 "$pid" 2>/dev/null; then
        rm -rf "$dir"
    fi
done

echo
printf '%-16s %14s %8s %6s\n' target executions crashes exit
for t in "${targets[@]}"; do
    printf '%-16s %14s %8s %6s\n' "$t" "${execs[$t]}" "${crashes[$t]}" "${statuses[$t]}"
done
echo "(${seconds}s per target, sanitizer $sanitizer; logs in $log_dir/)"
exit "$found"

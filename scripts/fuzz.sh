#!/usr/bin/env bash
# Fuzzes the workbook reader, JSON decoding and both CSV readers with cargo-fuzz.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]   each target for SECONDS (default 60, or $FUZZ_SECONDS)
#   scripts/fuzz.sh depth [TARGET...]       each target to the depth issue 18 asks for: 10,000,000
#                                           executions of json, csv and life, 100,000 of the workbook
#                                           targets ($FUZZ_RUNS overrides the count for every target)
#
# TARGETs default to all of them ($FUZZ_TARGETS):
#   json            bytes as each of the six JSON layouts: typed and untyped verdicts agree, round trips
#   csv             bytes as a UPPLAN CSV file: lines and columns of violations, buffer sizes, round trips
#   life            bytes as a LIFE named-column CSV file (SERVICE_USER_INFO and a form with 数値, 範囲,
#                   HH/mm, ○ and ●): header lines, modes, buffer sizes, round trips with the file's
#                   columns, encoding and line ends
#   workbook        bytes as a workbook file (first byte picks the extension) through the codegen pipeline
#   workbook_parts  the parts of an xlsx package, zipped uncompressed, through the codegen pipeline
#
# The corpus grows across runs. Each target's working corpus is fuzz/corpus/<target>/ (not checked
# in), seeded from the hand-made seeds (fuzz/seeds/<target>/), the kept corpus (fuzz/corpus-min/<target>/,
# checked in), the golden JSON payloads and the workbooks of specs/. After the run the working corpus
# is minimised (cargo fuzz cmin: the smallest set of inputs with the same coverage) and what it holds
# beyond the seeds, its smallest inputs up to a budget, becomes fuzz/corpus-min/<target>/, which the next
# run (on any machine) starts from and which `cargo test --manifest-path fuzz/Cargo.toml` replays.
# Commit it when it has grown.
#
# Environment:
#   FUZZ_SANITIZER  none (default) or address. The project's code forbids unsafe, so AddressSanitizer
#                   guards only the dependencies, and it slows the workbook targets about 7 times;
#                   address falls back to none if it cannot build
#   FUZZ_FORK       N > 0: run N libFuzzer workers in fork mode and keep going after a crash
#   FUZZ_KEEP       1 (default): minimise the corpus after the run and keep it in fuzz/corpus-min/;
#                   0: leave both as they are
#   FUZZ_KEEP_KIB   what fuzz/corpus-min/<target>/ may hold, in KiB (default 512): the smallest
#                   inputs of the minimised corpus are kept up to it (the working corpus keeps all)
#   FUZZ_TIMEOUT    seconds one input may take before it counts as a hang (default 10)
#   FUZZ_RSS_MB     memory limit in MiB before an input counts as an OOM (default 2048)
#
# Only a stable toolchain is needed: cargo-fuzz's nightly flags are allowed with RUSTC_BOOTSTRAP=1.
# Stop a run early with SIGINT to the fuzz target's process (`pkill -INT -f 'release/<target> '`; Ctrl-C
# would stop this script too): the executions so far are counted, the corpus is minimised and kept,
# and the run is not taken for a crash.
# Crashes land in fuzz/artifacts/<target>/. Prints executions, crashes and corpus sizes per target,
# and the calamine panics the workbook reader caught (not crashes: see the panic policy in
# fuzz/src/workbook.rs); exits 1 if any crash was found.
# Replay one: RUSTC_BOOTSTRAP=1 cargo fuzz run -s none <target> fuzz/artifacts/<target>/crash-...
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

all_targets=(json csv life workbook workbook_parts)
# Executions per target in depth mode.
declare -A depth_runs=([json]=10000000 [csv]=10000000 [life]=10000000 [workbook]=100000 [workbook_parts]=100000)

seconds="${FUZZ_SECONDS:-60}"
depth=0
if [[ $# -gt 0 && "$1" == depth ]]; then
    depth=1
    shift
elif [[ $# -gt 0 && "$1" =~ ^[0-9]+$ ]]; then
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
keep="${FUZZ_KEEP:-1}"
keep_kib="${FUZZ_KEEP_KIB:-512}"
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
    cp -n fuzz/corpus-min/"$t"/* "fuzz/corpus/$t/" 2>/dev/null || true
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
        echo "fuzz.sh: no python3; the workbook targets start from fuzz/seeds/ and fuzz/corpus-min/ only" >&2
    fi
fi

# Minimises the working corpus of $1 (cargo fuzz cmin) and keeps, as fuzz/corpus-min/$1/, its
# smallest inputs up to $keep_kib KiB, less the seeds (files named by the SHA-1 of their content, as
# libFuzzer names them).
keep_corpus() {
    local t="$1" log="$2"
    local before
    before="$(find "fuzz/corpus/$t" -type f | wc -l)"
    if ! cargo fuzz cmin -s "$sanitizer" "$t" "fuzz/corpus/$t" -- -timeout="$timeout" -rss_limit_mb="$rss_mb" >"$log" 2>&1; then
        echo "   cmin failed; fuzz/corpus-min/$t/ left as it was; see $log" >&2
        return
    fi
    local seeds kept="fuzz/corpus-min/$t.new" budget=$((keep_kib * 1024)) used=0
    # The seeds are checked in already (or made from specs/): not kept again.
    seeds="$(find "fuzz/seeds/$t" "$seed_dir/$t" -type f -exec sha1sum {} + 2>/dev/null | cut -d' ' -f1 || true)"
    if [[ "$t" == json ]]; then
        seeds+=$'\n'"$(find tests/integration/golden -name '*.json' -exec sha1sum {} + | cut -d' ' -f1)"
    fi
    rm -rf "$kept"
    mkdir -p "$kept"
    while read -r size file; do
        ((used + size <= budget)) || break
        local sum
        sum="$(sha1sum "$file" | cut -d' ' -f1)"
        grep -qx "$sum" <<<"$seeds" && continue
        cp "$file" "$kept/$sum"
        used=$((used + size))
    done < <(find "fuzz/corpus/$t" -type f -printf '%s %p\n' | sort -n)
    rm -rf "fuzz/corpus-min/$t"
    mv "$kept" "fuzz/corpus-min/$t"
    echo "   corpus minimised: $before -> $(find "fuzz/corpus/$t" -type f | wc -l) inputs;" \
        "kept in fuzz/corpus-min/$t/: $(find "fuzz/corpus-min/$t" -type f | wc -l) inputs, $((used / 1024)) KiB"
}

log_dir="fuzz/target/fuzz-logs"
mkdir -p "$log_dir"
declare -A execs crashes statuses corpus kept
found=0
for t in "${targets[@]}"; do
    args=(-timeout="$timeout" -rss_limit_mb="$rss_mb" -print_final_stats=1)
    if [[ "$depth" == 1 ]]; then
        runs="${FUZZ_RUNS:-${depth_runs[$t]}}"
        args+=(-runs="$runs")
        echo "== fuzzing $t for $runs executions"
    else
        args+=(-max_total_time="$seconds")
        echo "== fuzzing $t for ${seconds}s"
    fi
    stamp="$log_dir/$t.stamp"
    touch "$stamp"
    sleep 1 # artifacts written in the same second as the stamp must still count as newer
    log="$log_dir/$t.log"
    if [[ -f "fuzz/dict/$t.dict" ]]; then
        args+=(-dict="fuzz/dict/$t.dict")
    fi
    if [[ "$fork" -gt 0 ]]; then
        args+=(-fork="$fork" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
    fi
    status=0
    started="$(date +%s)"
    cargo fuzz run -s "$sanitizer" "$t" "fuzz/corpus/$t" -- "${args[@]}" >"$log" 2>&1 || status=$?
    echo "   $(( $(date +%s) - started )) s"
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
    if [[ "$c" -eq 0 && "$status" -ne 0 ]] && grep -q 'libFuzzer: run interrupted' "$log"; then
        # Stopped with SIGINT (libFuzzer exits 72): not a crash; the corpus is kept below.
        echo "   interrupted after ${n:-0} executions, no crash"
        status=0
    fi
    if [[ "$c" -gt 0 || "$status" -ne 0 ]]; then
        found=1
        echo "   crash(es) in $t (exit $status); log: $log"
        find "fuzz/artifacts/$t" -type f -newer "$stamp" | sed 's/^/   /'
        grep -m 5 -E "panicked at|^thread '|SUMMARY|ERROR: libFuzzer" "$log" | sed 's/^/   /' || true
    fi
    grep -h '^ltcip-fuzz: calamine panic caught:' "$log" | sort -u | sed 's/^/   /' || true
    if [[ "$keep" == 1 ]]; then
        keep_corpus "$t" "$log_dir/$t.cmin.log"
    fi
    corpus[$t]="$(find "fuzz/corpus/$t" -type f | wc -l)"
    kept[$t]="$(find "fuzz/corpus-min/$t" -type f 2>/dev/null | wc -l)"
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
printf '%-16s %14s %8s %6s %8s %6s\n' target executions crashes exit corpus kept
for t in "${targets[@]}"; do
    printf '%-16s %14s %8s %6s %8s %6s\n' "$t" "${execs[$t]}" "${crashes[$t]}" "${statuses[$t]}" "${corpus[$t]}" "${kept[$t]}"
done
if [[ "$depth" == 1 ]]; then
    echo "(to depth, sanitizer $sanitizer; logs in $log_dir/)"
else
    echo "(${seconds}s per target, sanitizer $sanitizer; logs in $log_dir/)"
fi
exit "$found"

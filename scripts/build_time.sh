#!/usr/bin/env bash
# Cold debug build time of a vendor crate that generates its types in build.rs against one that depends
# on the checked-in `ltcip-generated` (issue 15 §3).
#
#   scripts/build_time.sh [RUNS]
#
# In a temporary folder outside the workspace it makes two crates, each its own workspace:
#   checked-in:  [dependencies] ltcip-generated and ltcip-runtime (by path)
#   build.rs:    [dependencies] ltcip-runtime; [build-dependencies] ltcip-codegen (by path,
#                default-features = false, as the README says), whose build.rs runs
#                `Builder::new().spec("<copy of the repository>/specs").generate()` and whose lib.rs `include!`s the result
# Both start from the repository's Cargo.lock (same dependency versions, fetched once, then built
# --offline). Each build is `cargo build` (debug, the crate's default profile) in a fresh target
# folder, RUNS times each (default 3), alternating. Prints the median seconds of each and the ratio
# build.rs / checked-in; exits 1 when the ratio is above $BUILD_TIME_MAX_RATIO (default 1.5).
# BUILD_TIME_DEFAULT_FEATURES=1 builds ltcip-codegen with its default features (see below).
# BUILD_TIME_TIMINGS=1 keeps a `cargo build --timings` report of the last run of each crate (in
# $CARGO_TARGET_DIR/build-time/, or target/build-time/).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
max_ratio="${BUILD_TIME_MAX_RATIO:-1.5}"
# BUILD_TIME_DEFAULT_FEATURES=1: the build.rs crate takes ltcip-codegen with its default features (the
# command line's dependencies too), as a build script did before the `cli` feature.
codegen_defaults=false
if [ "${BUILD_TIME_DEFAULT_FEATURES:-0}" = 1 ]; then codegen_defaults=true; fi
work="$(mktemp -d "${TMPDIR:-/tmp}/ltcip-build-time.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# Where --timings reports go: the caller's target folder (the builds themselves use their own).
reports="${CARGO_TARGET_DIR:-$root/target}/build-time"
# Nothing may make a build less than cold: no shared target folder, no compiler cache.
unset CARGO_TARGET_DIR CARGO_BUILD_TARGET_DIR RUSTC_WRAPPER CARGO_BUILD_RUSTC_WRAPPER
export CARGO_INCREMENTAL=0 CARGO_TERM_COLOR=never
# Every run builds the same sources: a copy of the tree as it is now (edits made meanwhile do not count).
repo="$work/repo"
mkdir -p "$repo"
tar -C "$root" --exclude=./target --exclude=./.git --exclude=./fuzz -cf - . | tar -C "$repo" -xf -

make_crate() { # name, [dependencies] and [build-dependencies] lines, lib.rs, build.rs (or "")
    local dir="$work/$1"
    mkdir -p "$dir/src"
    cat >"$dir/Cargo.toml" <<EOF
[package]
name = "$1"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
$2

[build-dependencies]
$3

# Its own workspace, whatever folder it is in.
[workspace]
EOF
    printf '%s\n' "$4" >"$dir/src/lib.rs"
    if [ -n "$5" ]; then printf '%s\n' "$5" >"$dir/build.rs"; fi
    cp "$repo/Cargo.lock" "$dir/Cargo.lock"
    (cd "$dir" && cargo fetch --quiet)
}

make_crate checked_in \
    "ltcip-runtime = { path = \"$repo/runtime\" }
ltcip-generated = { path = \"$repo/generated\" }" \
    "" \
    "pub use ltcip_generated::*;" \
    ""
make_crate build_rs \
    "ltcip-runtime = { path = \"$repo/runtime\" }" \
    "ltcip-codegen = { path = \"$repo/codegen\", default-features = $codegen_defaults }" \
    "include!(concat!(env!(\"OUT_DIR\"), \"/ltcip_generated.rs\"));" \
    "fn main() -> Result<(), Box<dyn std::error::Error>> {
    ltcip_codegen::Builder::new().spec(\"$repo/specs\").generate()?;
    Ok(())
}"

build() { # crate, run number: sets wall and cpu, the seconds of a cold `cargo build`
    local dir="$work/$1" timings=() log="$work/$1.log" times
    rm -rf "$dir/target"
    if [ "${BUILD_TIME_TIMINGS:-0}" = 1 ] && [ "$2" = "$runs" ]; then timings=(--timings); fi
    # Wall time, and the CPU time (user + system) of cargo and every rustc and build script it ran.
    if ! times="$( { TIMEFORMAT='%R %U %S'; time (cd "$dir" && cargo build --offline --quiet "${timings[@]}" >"$log" 2>&1); } 2>&1 )"; then
        cat "$log" >&2
        echo "build-time: the $1 crate does not build" >&2
        exit 2
    fi
    if [ ${#timings[@]} -gt 0 ]; then
        mkdir -p "$reports"
        cp "$dir/target/cargo-timings/cargo-timing.html" "$reports/$1.html"
    fi
    read -r wall cpu < <(awk '{ printf "%.1f %.1f\n", $1, $2 + $3 }' <<<"$times")
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b / a }'; }

wa=() ca=() wb=() cb=()
for run in $(seq 1 "$runs"); do
    build checked_in "$run"; wa+=("$wall"); ca+=("$cpu")
    build build_rs "$run"; wb+=("$wall"); cb+=("$cpu")
    echo "run $run: checked-in ${wa[-1]} s (cpu ${ca[-1]} s), build.rs ${wb[-1]} s (cpu ${cb[-1]} s)" >&2
done
mwa="$(printf '%s\n' "${wa[@]}" | median)" mca="$(printf '%s\n' "${ca[@]}" | median)"
mwb="$(printf '%s\n' "${wb[@]}" | median)" mcb="$(printf '%s\n' "${cb[@]}" | median)"
wall_ratio="$(ratio "$mwa" "$mwb")" cpu_ratio="$(ratio "$mca" "$mcb")"

echo
echo "cold debug build, median of $runs; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $(rustc --version)"
echo "| crate | wall s | CPU s (user + sys) | wall s of each run |"
echo "|---|---|---|---|"
echo "| depends on ltcip-generated (checked in) | $mwa | $mca | ${wa[*]} |"
echo "| generates in build.rs (ltcip-codegen, default-features = $codegen_defaults) | $mwb | $mcb | ${wb[*]} |"
echo "| ratio build.rs / checked-in | **$wall_ratio** | $cpu_ratio | target ≤ $max_ratio (wall) |"
awk -v r="$wall_ratio" -v m="$max_ratio" 'BEGIN { exit !(r <= m) }'

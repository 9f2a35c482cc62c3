#!/usr/bin/env bash
# Builds and runs the libFuzzer targets (`make fuzz SECONDS=N`).
#
# Per target: `swift build -c release --product <T> --sanitize=fuzzer` (plain), and the ASan variant
# with `-Xswiftc -sanitize=fuzzer,address` where it builds; each runs for N seconds, one at a time,
# with the checked-in seeds of fuzz/corpus/<T>/, new corpus entries written to fuzz/work/<T>/
# (gitignored) and crashes, timeouts and out-of-memory inputs to fuzz/artifacts/ as <T>-crash-<sha1>.
# Prints, per target and variant, the executions run (libFuzzer's final stats) and whether a crash
# was found; exits 1 when one was.
#
# Usage: scripts/fuzz.sh [--seconds N] [--targets "FuzzJSON FuzzDelimited"] [--asan 0|1] [--plain 0|1]
set -uo pipefail

seconds=60
targets="FuzzTensorBoard FuzzDelimited FuzzJSON FuzzMLflowFileStore FuzzPipeline"
asan=1
plain=1
swift=${SWIFT:-swift}
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds=$2; shift 2 ;;
        --targets) targets=$2; shift 2 ;;
        --asan) asan=$2; shift 2 ;;
        --plain) plain=$2; shift 2 ;;
        *) echo "usage: $0 [--seconds N] [--targets \"T…\"] [--asan 0|1] [--plain 0|1]" >&2; exit 2 ;;
    esac
done

cd "$(dirname "$0")/.."
scratch_plain=${FUZZ_SCRATCH:-.build/fuzz}
scratch_asan=${FUZZ_SCRATCH_ASAN:-.build/fuzz-asan}
mkdir -p fuzz/work fuzz/artifacts fuzz/logs

# Longest input per target: files big enough for a few dozen rows or records, small enough to stay fast.
max_len() {
    case "$1" in
        FuzzTensorBoard) echo 8192 ;;
        FuzzPipeline) echo 16384 ;;
        *) echo 4096 ;;
    esac
}

export SWIFT_BACKTRACE=enable=no
# LeakSanitizer is on by default under ASan; libFuzzer reports leaks per input with -detect_leaks=1.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}

status=0
summary=()
for target in $targets; do
    variants=()
    [ "$plain" = 1 ] && variants+=(plain)
    [ "$asan" = 1 ] && variants+=(asan)
    for variant in "${variants[@]}"; do
        if [ "$variant" = plain ]; then
            scratch=$scratch_plain
            build=("$swift" build -c release --scratch-path "$scratch" --product "$target" --sanitize=fuzzer)
        else
            scratch=$scratch_asan
            build=("$swift" build -c release --scratch-path "$scratch" --product "$target" --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address)
        fi
        log=fuzz/logs/$target-$variant
        echo "== $target ($variant): ${build[*]}"
        if ! "${build[@]}" >"$log.build" 2>&1; then
            if [ "$variant" = asan ]; then
                summary+=("$target ($variant): did not build, skipped (see $log.build)")
                continue
            fi
            tail -20 "$log.build"
            summary+=("$target ($variant): BUILD FAILED (see $log.build)")
            status=1
            continue
        fi
        binary=$scratch/release/$target
        work=fuzz/work/$target
        mkdir -p "$work"
        before=$(ls fuzz/artifacts | wc -l)
        "$binary" -max_total_time="$seconds" -max_len="$(max_len "$target")" -timeout=10 -rss_limit_mb=2048 \
            -use_value_profile=1 -print_final_stats=1 -artifact_prefix="fuzz/artifacts/$target-" \
            "$work" "fuzz/corpus/$target" >"$log.out" 2>&1
        rc=$?
        runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log.out" | tail -1 | awk '{print $2}')
        [ -z "$runs" ] && runs=$(grep -oE 'Done [0-9]+ runs' "$log.out" | tail -1 | awk '{print $2}')
        [ -z "$runs" ] && runs=$(grep -oE '^#[0-9]+' "$log.out" | tail -1 | tr -d '#')
        after=$(ls fuzz/artifacts | wc -l)
        if [ "$rc" -ne 0 ] || [ "$after" -gt "$before" ]; then
            artifact=$(grep -oE "fuzz/artifacts/$target-[a-z-]+-[0-9a-f]+" "$log.out" | tail -1)
            reason=$(grep -m1 -E '==ERROR|ERROR: libFuzzer|Fatal error|SUMMARY' "$log.out")
            summary+=("$target ($variant): ${runs:-?} executions, CRASH (exit $rc) ${artifact:-} ${reason:-}")
            status=1
        else
            summary+=("$target ($variant): ${runs:-?} executions, no crash")
        fi
    done
done

echo
echo "== fuzz summary (${seconds}s per target and variant; logs in fuzz/logs/)"
printf '%s\n' "${summary[@]}"
exit $status

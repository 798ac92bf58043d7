#!/usr/bin/env bash
# Fuzz smoke: builds the `fuzz` preset (clang, libFuzzer, ASan + UBSan) and runs every harness for a
# fixed time from its committed corpus and dictionary, failing on any finding (crash, leak, sanitizer
# report, broken invariant). Exit 77 (a skip for ctest) when clang's libFuzzer is not installed.
#   tests/fuzz/run_smoke.sh [SECONDS_PER_HARNESS=20] [HARNESS...]
# Long runs: REHAB_FUZZ_KEEP=1 keeps the grown corpus in build/fuzz/corpus/ (see README "Fuzzing").
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-20}"
shift || true
harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
  harnesses=(profile profile_history expression selector rules_file knowledge_file scenario_file batch_line)
fi

probe="$(mktemp -d)"
trap 'rm -rf "$probe"' EXIT
printf '#include <cstddef>\n#include <cstdint>\nextern "C" int LLVMFuzzerTestOneInput(const std::uint8_t*, std::size_t) { return 0; }\n' \
  >"$probe/probe.cpp"
if ! command -v clang++ >/dev/null || ! clang++ -fsanitize=fuzzer "$probe/probe.cpp" -o "$probe/probe" 2>/dev/null; then
  echo "fuzz smoke skipped: clang++ with libFuzzer (-fsanitize=fuzzer) is not installed (clang, libclang-rt-14-dev)"
  exit 77
fi

cmake --preset fuzz >/dev/null
targets=()
for h in "${harnesses[@]}"; do targets+=("fuzz_$h"); done
cmake --build --preset fuzz --target "${targets[@]}"

failed=0
for h in "${harnesses[@]}"; do
  work="build/fuzz/corpus/$h"
  [ -n "${REHAB_FUZZ_KEEP:-}" ] || rm -rf "$work"
  mkdir -p "$work" "build/fuzz/findings/$h"
  dict=()
  [ -f "tests/fuzz/dict/$h.dict" ] && dict=(-dict="tests/fuzz/dict/$h.dict")
  log="build/fuzz/findings/$h/log.txt"
  # New inputs go to the work folder (first argument); the committed corpus is only read.
  if ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
     "build/fuzz/tests/fuzz/fuzz_$h" "$work" "tests/fuzz/corpus/$h" "${dict[@]}" \
       -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
       -artifact_prefix="build/fuzz/findings/$h/" -print_final_stats=1 >"$log" 2>&1; then
    echo "fuzz_$h: ok ($(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}') runs," \
         "$(grep -oE 'cov: [0-9]+' "$log" | tail -1))"
  else
    echo "fuzz_$h: FINDING (see $log and build/fuzz/findings/$h/)"
    tail -40 "$log"
    failed=1
  fi
done
exit "$failed"

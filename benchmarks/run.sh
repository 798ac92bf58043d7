#!/usr/bin/env bash
# Configures and builds the `release` preset, runs the benchmark suite (5 repetitions, medians only)
# into benchmarks/results/latest.json, measures peak memory of the 10k/10k load into
# benchmarks/results/peak_rss.json, draws benchmarks/results/scaling.svg and prints the figures of
# docs/performance.md (summary.py).
# Usage: benchmarks/run.sh [extra Google Benchmark flags, e.g. --benchmark_filter=workload]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
out="$here/results"
mkdir -p "$out"
cd "$root"
cmake --preset release >/dev/null
cmake --build --preset release --target rehab_bench rehab_bench_rss
bin="$root/build/release/benchmarks"
"$bin/rehab_bench_rss" 10000 10000 | tee "$out/peak_rss.json"
"$bin/rehab_bench" \
  --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_out="$out/latest.json" --benchmark_out_format=json "$@"
python3 "$here/plot.py" "$out/latest.json" "$out/scaling.svg"
python3 "$here/summary.py" "$out/latest.json" "$out/peak_rss.json"
echo "results: $out/latest.json, $out/peak_rss.json, $out/scaling.svg"

#!/usr/bin/env bash
# ctest discovers each Catch2 case by name: a name with '[', ']' or ';', or one starting with '-',
# breaks the discovery and silently folds the cases after it into one entry that runs nothing.
set -euo pipefail
bad=0
for bin in "$@"; do
  names=$("$bin" --list-test-names-only | grep -v "^$" || true)  # Catch2 v2 exits with the count
  count=$(printf '%s\n' "$names" | wc -l)
  offending=$(printf '%s\n' "$names" | grep -E '[][;]|^-' || true)
  if [[ -n $offending ]]; then echo "$bin: names ctest cannot discover:"; echo "$offending"; bad=1; fi
  echo "$bin: $count test cases"
done
exit "$bad"

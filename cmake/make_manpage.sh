#!/usr/bin/env bash
# Writes rehab(1) with help2man from the program's own --help and --version, with a COMMANDS
# section made of every command's --help, so the manual never disagrees with the program.
set -euo pipefail
bin="$1"; out="$2"
extra="$(mktemp)"; trap 'rm -f "$extra"' EXIT
{
  echo "[COMMANDS]"
  for cmd in "kb check" "kb list" "kb show" "kb graph" "rules check" "rules list" recommend explain \
             eval batch compare generate simulate serve; do
    # shellcheck disable=SC2086
    help="$("$bin" $cmd --help 2>/dev/null)" || continue
    echo ".SS rehab $cmd"
    echo ".nf"
    printf '%s\n' "$help" | sed -e 's#^Usage: [^ ]*rehab#Usage: rehab#' -e 's/\\/\\\\/g' -e 's/^\./\\\&./'
    echo ".fi"
  done
  echo "[ENVIRONMENT]"
  echo ".TP"
  echo ".B REHAB_DATA_DIR"
  echo "A folder holding knowledge/ and rules/, used instead of the installed data."
  echo "[EXIT STATUS]"
  echo "0 ok; 1 a check failed (rules check, eval, simulate invariants); 2 bad input (a located"
  echo "diagnostic on standard error, nothing written); 64 usage; 70 internal error."
} > "$extra"
help2man --no-info --no-discard-stderr --name "mid-stage hip and groin rehabilitation decision aid" \
  --include "$extra" --output "$out.tmp" "$bin"
mv "$out.tmp" "$out"

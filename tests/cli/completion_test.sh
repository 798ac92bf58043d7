#!/usr/bin/env bash
# The bash completion as a user at a prompt meets it: commands, sub-commands, options and the
# values of --format complete from the program's own --help (issue 19).
set -euo pipefail
cli="$1"; script="$2"
# shellcheck disable=SC1090
source "$script"
fails=0
expect() {  # expect "WORD..." "EXPECTED completions"
    local want="$2"
    read -r -a COMP_WORDS <<<"$1"
    [[ $1 == *" " ]] && COMP_WORDS+=("")
    COMP_WORDS[0]="$cli"
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _rehab
    local got="${COMPREPLY[*]}"
    if [[ $got != "$want" ]]; then echo "'$1': got '$got', want '$want'"; fails=$((fails + 1)); fi
}
expect "rehab rec" "recommend"
expect "rehab kb " "check list show graph"
expect "rehab se" "serve"
expect "rehab rules ch" "check"
expect "rehab recommend --for" "--format"
expect "rehab recommend --format " "auto json summary text html"
expect "rehab kb list --format j" "json"
expect "rehab simulate --we" "--weeks"
[[ $fails -eq 0 ]] && echo "completion: all expectations held"
exit "$fails"

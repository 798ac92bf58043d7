#!/usr/bin/env bash
# Every command's --help ends with an example; each example runs, as a new user would paste it, from
# a folder holding the bundled data and examples, and succeeds (issue 19).
set -euo pipefail
cli="$1"; source_dir="$2"; work="$3"
rm -rf "$work" && mkdir -p "$work"
for d in examples scenarios knowledge rules; do ln -s "$source_dir/$d" "$work/$d"; done
mkdir -p "$work/bin" && ln -s "$cli" "$work/bin/rehab"
count=0; fails=0
while IFS= read -r cmd; do
  example=$("$cli" $cmd --help | awk '/^Example:/{getline; sub(/^  /, ""); print; exit}')
  if [[ -z $example ]]; then echo "no example under 'rehab $cmd --help'"; fails=$((fails + 1)); continue; fi
  example=$(sed 's/&& dot .*$//' <<<"$example")  # Graphviz need not be installed
  if (cd "$work" && PATH="$work/bin:$PATH" bash -o pipefail -c "$example" > /dev/null 2> "$work/err"); then
    count=$((count + 1))
  else
    echo "'$example' failed:"; cat "$work/err"; fails=$((fails + 1))
  fi
done <<'COMMANDS'
recommend
explain
simulate
eval
batch
compare
generate
kb check
kb list
kb show
kb graph
rules check
rules list
COMMANDS
echo "$count examples ran"
[[ $fails -eq 0 && $count -eq 13 ]]

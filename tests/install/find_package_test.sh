#!/usr/bin/env bash
# Installs the built rehab into a temporary prefix, checks that only public headers are installed and
# that each compiles on its own, then builds and runs the embedding example as a separate project with
# find_package(rehab): the way a host application consumes the library.
set -euo pipefail
build_dir="$1"; source_dir="$2"; work="$3"; cxx_flags="${4:-}"  # the library's flags (sanitizers)
rm -rf "$work" && mkdir -p "$work"
cmake --install "$build_dir" --prefix "$work/prefix" > "$work/install.log"
inc="$work/prefix/include"

# Internals never installed: the linker, the expression compiler, its function tables and name
# resolution, *_detail.hpp.
internal=$(cd "$inc" && find . -name '*.hpp' | grep -E '/linker\.hpp$|/linked\.hpp$|_detail\.hpp$|/lang/names\.hpp$|/lang/compiler\.hpp$|/lang/functions/' || true)
if [ -n "$internal" ]; then echo "internal headers installed:"; echo "$internal"; exit 1; fi
for doc in bin/rehab share/bash-completion/completions/rehab share/doc/rehab/LICENSE \
  share/rehab/schemas/profile.schema.json share/rehab/schemas/programme.schema.json; do
  [ -f "$work/prefix/$doc" ] || { echo "missing installed file $doc"; exit 1; }
done
if command -v help2man > /dev/null; then
  [ -f "$work/prefix/share/man/man1/rehab.1" ] || { echo "missing installed manual page rehab.1"; exit 1; }
fi
for must in rehab/rehab.hpp rehab/version.hpp; do
  [ -f "$inc/$must" ] || { echo "missing installed header $must"; exit 1; }
done
# The installed program finds the data installed beside it, even after the prefix is moved, and not
# the source tree it was built from.
cp -a "$work/prefix" "$work/moved"
log=$(env -u REHAB_DATA_DIR "$work/moved/bin/rehab" -v recommend \
  "$work/moved/share/rehab/examples/profiles/adductor_related_groin_pain.json" 2>&1 >/dev/null || true)
echo "$log" | grep -q "from $work/moved/share/rehab/knowledge" || { echo "installed rehab did not use its own data: $log"; exit 1; }
# The installed program serves the clinician's page (compiled in: no source tree or web/ needed).
rm -f "$work/port"
env -u REHAB_DATA_DIR "$work/moved/bin/rehab" serve --port 0 --port-file "$work/port" --access-log off 2>"$work/serve.log" &
serve_pid=$!
for _ in $(seq 300); do [ -s "$work/port" ] && break; sleep 0.1; done
page=$(/usr/bin/python3 -c '
import sys, urllib.request
base = "http://127.0.0.1:" + open(sys.argv[1]).read().strip()
for path, kind in [("/", "text/html"), ("/app/main.js", "text/javascript"), ("/app/style.css", "text/css")]:
    r = urllib.request.urlopen(base + path, timeout=10)
    assert r.status == 200 and r.headers["Content-Type"].startswith(kind), (path, r.status, r.headers["Content-Type"])
    assert "script-src '"'"'self'"'"'" in r.headers["Content-Security-Policy"], path
print("page served")' "$work/port" 2>&1 || true)
kill "$serve_pid" && wait "$serve_pid" || true
[ "$page" = "page served" ] || { echo "installed rehab serve does not serve the page: $page $(cat "$work/serve.log")"; exit 1; }
rm -rf "$work/moved"
# Every installed header is self-contained with the install's include directories.
count=0
while IFS= read -r h; do
  rel=${h#"$inc/"}
  echo "#include <$rel>" > "$work/one.cpp"
  g++ -std=c++20 -fsyntax-only -I"$inc" -I"$inc/rehab" "$work/one.cpp" || { echo "not self-contained: $rel"; exit 1; }
  count=$((count + 1))
done < <(find "$inc" -name '*.hpp' | sort)
echo "$count installed headers, each self-contained"

cmake -S "$source_dir/examples/embed" -B "$work/build" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" \
  -DCMAKE_CXX_FLAGS="$cxx_flags" > "$work/configure.log"
cmake --build "$work/build" > "$work/build.log"
"$work/build/rehab_embed_example" "$work/prefix/share/rehab/knowledge" "$work/prefix/share/rehab/rules"

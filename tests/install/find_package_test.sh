#!/usr/bin/env bash
# Installs the built rehab into a temporary prefix, then builds and runs the embedding example as a
# separate project with find_package(rehab): the way a host application consumes the library.
set -euo pipefail
build_dir="$1"; source_dir="$2"; work="$3"; cxx_flags="${4:-}"  # the library's flags (sanitizers)
rm -rf "$work" && mkdir -p "$work"
cmake --install "$build_dir" --prefix "$work/prefix" > "$work/install.log"
cmake -S "$source_dir/examples/embed" -B "$work/build" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" \
  -DCMAKE_CXX_FLAGS="$cxx_flags" > "$work/configure.log"
cmake --build "$work/build" > "$work/build.log"
"$work/build/rehab_embed_example" "$work/prefix/share/rehab/knowledge" "$work/prefix/share/rehab/rules"

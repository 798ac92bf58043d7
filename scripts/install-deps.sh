#!/usr/bin/env bash
# Installs the Debian packages rehab needs (run as root, or with sudo). Nothing else is downloaded:
# CMake finds all of these with find_package.
#   install-deps.sh [runtime|build|test|bench|fuzz|all]    (default: test, what the README's commands need)
#   runtime  run an installed rehab (its shared libraries only)
#   build    build the library and the CLI
#   test     build and pass every test (ctest --preset dev): build, plus the test tools
#   bench    build and run the benchmarks: build, plus Google Benchmark and CLIPS for the comparison
#   fuzz     the fuzz preset (tests/fuzz): build, plus clang and its libFuzzer runtime
#   all      everything above
set -euo pipefail
what="${1:-test}"
runtime=(libstdc++6 libspdlog1.10 libfmt9 libcpp-httplib0.11 libjwt0 libssl3 libsqlite3-0)
build=(g++ cmake ninja-build make libboost-graph-dev nlohmann-json3-dev libspdlog-dev libcli11-dev help2man
  pkg-config libcpp-httplib-dev libjwt-dev libssl-dev openssl libsqlite3-dev)  # the service: HTTP, JWT, audit
# The Python module and its tests (python/): pybind11, pytest, Dask, pandas for the CSV test; jsonschema for
# the schema tests (tests/schemas); pip, setuptools and venv for the pyproject.toml install test.
# chromium: the clinician's page in a real browser, and the handout printed to PDF to count its pages
# (tests/render/handout_pages_test.py); the page test (tests/browser/) is driven by playwright-core from npm,
# which also needs Node.js 20 or later and npm on the machine).
test=(catch2 python3 python3-dev pybind11-dev python3-pybind11 python3-pytest python3-dask python3-distributed
  python3-pandas python3-jsonschema python3-pip python3-setuptools python3-wheel python3-venv chromium)
bench=(libbenchmark-dev libclips-dev wrk)  # wrk loads the service
fuzz=(clang libclang-rt-14-dev)
case "$what" in
  runtime) packages=("${runtime[@]}") ;;
  build) packages=("${build[@]}") ;;
  test) packages=("${build[@]}" "${test[@]}" "${bench[@]}") ;;  # dev builds compile the benchmarks too
  bench) packages=("${build[@]}" "${bench[@]}") ;;
  fuzz) packages=("${build[@]}" "${test[@]}" "${fuzz[@]}") ;;
  all) packages=("${runtime[@]}" "${build[@]}" "${test[@]}" "${bench[@]}" "${fuzz[@]}") ;;
  -h | --help)
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "install-deps.sh: unknown choice '$what'; expected runtime, build, test, bench, fuzz or all" >&2
    exit 64
    ;;
esac
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends "${packages[@]}"

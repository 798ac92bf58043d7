#!/usr/bin/env bash
# Installs every Debian package rehab's build, tests and benchmarks need (run as root, or with sudo).
# Nothing else is downloaded: CMake finds all of these with find_package. clang and its libFuzzer
# runtime are for the fuzz preset only (tests/fuzz).
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends \
  g++ cmake ninja-build make \
  libboost-graph-dev nlohmann-json3-dev libspdlog-dev catch2 libcli11-dev libbenchmark-dev \
  libclips-dev python3 \
  clang libclang-rt-14-dev

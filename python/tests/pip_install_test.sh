#!/usr/bin/env bash
# `pip install --no-build-isolation ./python` (pyproject.toml, setuptools, setup.py running CMake) into a
# fresh virtual environment with the system's site packages, offline (--no-index), then `import rehab`
# from another folder: the package and its data come from the environment. The CMake build reuses
# BUILD_DIR (REHAB_CMAKE_BUILD_DIR), so the test does not compile the project a second time.
# Usage: pip_install_test.sh BUILD_DIR PYTHON SOURCE_DIR WORK_DIR
set -euo pipefail
build="$1" python="$2" source="$3" work="$4"
rm -rf "$work" && mkdir -p "$work/elsewhere"
"$python" -m venv --system-site-packages --without-pip "$work/venv"
if ! REHAB_CMAKE_BUILD_DIR="$build" "$work/venv/bin/python" -m pip install --no-build-isolation --no-index \
    --no-deps "$source/python" > "$work/pip.log" 2>&1; then
  cat "$work/pip.log"
  exit 1
fi
cd "$work/elsewhere"
env -u REHAB_DATA_DIR -u PYTHONPATH "$work/venv/bin/python" - "$work/venv" "$source" <<'PY'
import json, pathlib, sys
import rehab
venv, source = sys.argv[1], sys.argv[2]
assert rehab.__file__.startswith(venv), rehab.__file__
assert rehab.default_data_dir().startswith(venv), rehab.default_data_dir()
profile = json.loads(pathlib.Path(source, "examples/profiles/hamstring_strain.json").read_text())
doc = rehab.Engine().recommend(profile)
assert doc["format"] == "rehab.programme/1" and doc["exercises"], doc.get("format")
print("pip-installed rehab", rehab.__version__, "from", rehab.__file__, "data", rehab.default_data_dir())
PY
"$work/venv/bin/python" -m pip uninstall -y rehab > /dev/null

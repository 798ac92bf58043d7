#!/usr/bin/env bash
# `cmake --install --component python` into a fresh prefix, then `import rehab` from there in a
# clean environment (another folder, no REHAB_DATA_DIR): the package finds its own data (rehab/data).
# Usage: install_test.sh BUILD_DIR PYTHON WORK_DIR
set -euo pipefail
build="$1" python="$2" work="$3"
rm -rf "$work" && mkdir -p "$work/elsewhere"
cmake --install "$build" --component python --prefix "$work/prefix" > "$work/install.log"
site=$(cd "$work/prefix" && dirname "$(find . -path '*/rehab/__init__.py' | head -1)")
site="$work/prefix/${site%/rehab}"
cd "$work/elsewhere"
env -u REHAB_DATA_DIR PYTHONPATH="$site" "$python" - "$work/prefix" <<'PY'
import sys
import rehab
assert rehab.__file__.startswith(sys.argv[1]), rehab.__file__
assert rehab.default_data_dir().startswith(sys.argv[1]), rehab.default_data_dir()
e = rehab.Engine()
doc = e.recommend({"condition": "adductor_related_groin_pain", "side": "left", "age": 27})
assert doc["format"] == "rehab.programme/1", doc.get("format")
print("installed rehab", rehab.__version__, "from", rehab.__file__, "data", rehab.default_data_dir())
PY

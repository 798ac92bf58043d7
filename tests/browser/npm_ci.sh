#!/usr/bin/env bash
# A test folder's npm packages, installed from its committed lock file into the build folder: `npm ci`
# when node_modules is missing or was installed from another lock, nothing otherwise (so a build folder
# that has them works offline). Fails when node or npm is missing.
#   npm_ci.sh SOURCE_DIR DEST_DIR [PACKAGE_FOLDER]   (PACKAGE_FOLDER: tests/browser unless given)
set -euo pipefail
src="$1/${3:-tests/browser}"
dest="$2"
for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "npm_ci.sh: $tool not found (Node.js 20 or later is needed)" >&2; exit 1; }
done
mkdir -p "$dest"
stamp="$dest/node_modules/.rehab-lock-sha256"
want="$(sha256sum "$src/package-lock.json" | cut -d' ' -f1)"
all_present=yes
for dep in $(node -e 'console.log(Object.keys(require(process.argv[1]).dependencies).join(" "))' "$src/package.json"); do
  [ -d "$dest/node_modules/$dep" ] || all_present=no
done
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ "$all_present" = yes ]; then
  echo "npm_ci.sh: node_modules up to date with package-lock.json ($dest)"
  exit 0
fi
cp "$src/package.json" "$src/package-lock.json" "$dest/"
(cd "$dest" && npm ci --no-audit --no-fund --loglevel=error)
echo "$want" >"$stamp"
echo "npm_ci.sh: installed from package-lock.json into $dest/node_modules"

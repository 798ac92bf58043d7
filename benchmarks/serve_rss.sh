#!/usr/bin/env bash
# Memory of `rehab serve` over a long run (issue 15: peak RSS flat within 10 % across 10^6 requests):
# warm up, read the server's RSS, then load it with wrk until at least REQUESTS requests were answered,
# and read its RSS and peak again. A benchmark, not a test: the server and wrk share the machine.
# Usage: benchmarks/serve_rss.sh [REQUESTS]   (env: REHAB_BIN, CONNECTIONS, VIEW, PROFILE)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${REHAB_BIN:-$ROOT/build/release/src/rehab}"
REQUESTS="${1:-1000000}"
CONNECTIONS="${CONNECTIONS:-16}"
VIEW="${VIEW:-summary}"
PROFILE="${PROFILE:-$ROOT/examples/profiles/adductor_related_groin_pain.json}"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
[ -x "$BIN" ] || { echo "no release build at $BIN (cmake --preset release && cmake --build --preset release)" >&2; exit 1; }
WORK="$(mktemp -d)"
trap 'kill -TERM "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
/usr/bin/python3 - "$PROFILE" > "$WORK/post.lua" <<'PY'
import json, sys
print('wrk.method = "POST"')
print('wrk.headers["Content-Type"] = "application/json"')
print("wrk.body = " + json.dumps(open(sys.argv[1], encoding="utf-8").read()))
PY
"$BIN" serve --port 0 --port-file "$WORK/port" --threads 32 --queue 1024 2> "$WORK/server.log" &
PID=$!
for _ in $(seq 1 600); do [ -s "$WORK/port" ] && break; sleep 0.05; done
URL="http://127.0.0.1:$(cat "$WORK/port")/v1/recommend?view=$VIEW"
rss() { awk -v k="$1" '$1 == k":" {print $2}' "/proc/$PID/status"; }
wrk -c "$CONNECTIONS" -t 2 -d 5s -s "$WORK/post.lua" "$URL" > /dev/null  # warm up
before=$(rss VmRSS)
total=0 runs=0
while [ "$total" -lt "$REQUESTS" ]; do
  n=$(wrk -c "$CONNECTIONS" -t 2 -d 20s -s "$WORK/post.lua" "$URL" | awk '/requests in/ {print $1}')
  total=$((total + n)) runs=$((runs + 1))
  echo "after run $runs: $total requests, RSS $(rss VmRSS) kB"
done
after=$(rss VmRSS) peak=$(rss VmHWM)
echo "rehab serve RSS over $total requests ($VIEW, $CONNECTIONS connections), $(date -u +%Y-%m-%dT%H:%MZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "after warm-up: $before kB; after: $after kB; peak: $peak kB; change: $(( (after - before) * 100 / before )) %"

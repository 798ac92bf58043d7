#!/usr/bin/env bash
# Load test of `rehab serve` with wrk (Debian) on loopback: POST /v1/recommend?view=summary and
# view=full at 1, 16 and 256 connections, requests/s and p50/p99 latency, and the server's peak RSS.
# A benchmark, not a test: the server and wrk share the machine. Prints a Markdown table.
# Usage: benchmarks/serve_wrk.sh [DURATION]   (env: REHAB_BIN, CONNECTIONS, THREADS, PROFILE)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${REHAB_BIN:-$ROOT/build/release/src/rehab}"
DURATION="${1:-10s}"
CONNECTIONS="${CONNECTIONS:-1 16 256}"
THREADS="${THREADS:-288}"  # one worker per keep-alive connection: at least the largest connection count
PROFILE="${PROFILE:-$ROOT/examples/profiles/adductor_related_groin_pain.json}"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
[ -x "$BIN" ] || { echo "no release build at $BIN (cmake --preset release && cmake --build --preset release)" >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'kill -TERM "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
python3 - "$PROFILE" > "$WORK/post.lua" <<'PY'
import json, sys
body = open(sys.argv[1], encoding="utf-8").read()
print('wrk.method = "POST"')
print('wrk.headers["Content-Type"] = "application/json"')
print("wrk.body = " + json.dumps(body))
PY
"$BIN" serve --port 0 --port-file "$WORK/port" --access-log "$WORK/access.log" --threads "$THREADS" \
  --queue 1024 2> "$WORK/server.log" &
PID=$!
for _ in $(seq 1 600); do [ -s "$WORK/port" ] && break; sleep 0.05; done
PORT="$(cat "$WORK/port")"
rss() { awk -v k="$1" '$1 == k":" {print $2}' "/proc/$PID/status"; }

echo "rehab serve benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "command: benchmarks/serve_wrk.sh $DURATION (wrk -c N -t min(N,2) -d $DURATION --latency; server --threads $THREADS)"
echo
echo "| view | connections | requests/s | p50 | p99 | non-2xx | errors |"
echo "|---|---|---|---|---|---|---|"
for view in summary full; do
  for c in $CONNECTIONS; do
    t=$(( c < 2 ? c : 2 ))
    out="$(wrk -c "$c" -t "$t" -d "$DURATION" --latency -s "$WORK/post.lua" "http://127.0.0.1:$PORT/v1/recommend?view=$view")"
    rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
    p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
    p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
    non2xx="$(awk '/Non-2xx/ {print $NF}' <<<"$out")"
    errors="$(awk '/Socket errors/ {print $0}' <<<"$out" | sed 's/.*errors: //')"
    echo "| $view | $c | $rps | $p50 | $p99 | ${non2xx:-0} | ${errors:-none} |"
  done
done
echo
echo "server RSS: now $(rss VmRSS) kB, peak $(rss VmHWM) kB; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

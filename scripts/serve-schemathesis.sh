#!/usr/bin/env bash
# schemathesis against the OpenAPI description of a running `rolint serve`: every
# operation fuzzed (coverage, fuzzing and stateful phases) with all checks, so a 5xx,
# an answer that does not match its schema or a wrong content type fails the run.
# Starts its own server on a free loopback port and stops it (by PID) at the end.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${PYTHON:-python3}"
port="$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
work="$(mktemp -d)"
log="$work/serve.log"
PYTHONPATH="$ROOT/server${PYTHONPATH:+:$PYTHONPATH}" "$PY" -m rolint serve --port "$port" \
  >"$log" 2>&1 &
pid=$!
cleanup() { kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 1 300); do
  if "$PY" -c 'import sys, urllib.request as u; u.urlopen(sys.argv[1], timeout=2)' \
    "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then break; fi
  kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "rolint serve exited"; exit 1; }
  sleep 0.2
done
cd "$work"  # schemathesis writes its cache folder into the working folder
schemathesis --config-file "$ROOT/scripts/schemathesis.toml" \
  run "http://127.0.0.1:$port/openapi.json" --checks all \
  --max-examples "${SCHEMATHESIS_MAX_EXAMPLES:-60}" --workers 2
# (503 from /readyz while starting is expected; any other 5xx is a failure)
if grep '"status": 5' "$log" | grep -v '"path": "/readyz"'; then
  echo "the server answered 5xx (lines above)"; exit 1
fi
echo "schemathesis: no issues"

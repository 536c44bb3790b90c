#!/usr/bin/env bash
# End-to-end test of the VS Code extension: builds rolint.vsix, installs it in a
# throw-away code-server and drives it with headless Chromium (vscode-extension/e2e/run.js).
# Needs scripts/setup-vscode-e2e.sh to have run once on this machine.
#
#   bash scripts/e2e-vscode.sh                             # must pass
#   ROLINT_E2E_BROKEN=1 bash scripts/e2e-vscode.sh         # server replaced by `exit 1`: must fail
#   ROLINT_E2E_BROKEN=missing bash scripts/e2e-vscode.sh   # rolint.path names no file: must fail
#
# Environment: ROLINT_E2E_TOOLS (default /opt/rolint-e2e-tools), ROLINT_E2E_SERVER
# (the rolint executable; default: the one installed with this checkout, installed
# with `pip install -e .` when missing), ROLINT_E2E_OUT (default vscode-extension/e2e/out).
# Exit code: 0 passed, 1 failed, 2 not set up.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EXT="$ROOT/vscode-extension"
export ROLINT_E2E_TOOLS="${ROLINT_E2E_TOOLS:-/opt/rolint-e2e-tools}"
export ROLINT_E2E_OUT="${ROLINT_E2E_OUT:-$EXT/e2e/out}"
export ROLINT_E2E_VSIX="$EXT/rolint.vsix"
START=$(date +%s)

log() { echo "[e2e-vscode] $*"; }

if [ ! -x "$ROLINT_E2E_TOOLS/node_modules/.bin/code-server" ] || [ ! -d "$EXT/node_modules" ]; then
  log "not set up: run 'bash scripts/setup-vscode-e2e.sh' first"
  exit 2
fi

# The rolint executable that belongs to this checkout: the console script next to the
# Python that imports rolint from $ROOT/server.
find_rolint() {
  "${PYTHON:-python3}" - "$ROOT" <<'EOF'
import os, sys, sysconfig
root = os.path.realpath(sys.argv[1])
try:
    import rolint
except ImportError:
    sys.exit(1)
if not os.path.realpath(rolint.__file__).startswith(os.path.join(root, "server")):
    sys.exit(1)
script = os.path.join(sysconfig.get_path("scripts"), "rolint")
sys.exit(0 if os.access(script, os.X_OK) and print(script) is None else 1)
EOF
}

if [ -z "${ROLINT_E2E_BROKEN:-}" ] && [ -z "${ROLINT_E2E_SERVER:-}" ]; then
  if ! ROLINT_E2E_SERVER="$(find_rolint)"; then
    log "installing this checkout: pip install -e $ROOT"
    "${PYTHON:-python3}" -m pip install -q -e "$ROOT"
    ROLINT_E2E_SERVER="$(find_rolint)"
  fi
  export ROLINT_E2E_SERVER
  log "server: $ROLINT_E2E_SERVER lsp"
fi

log "building rolint.vsix"
build_log="$(mktemp)"
(cd "$EXT" && npm run --silent package >"$build_log" 2>&1) || {
  cat "$build_log"
  exit 1
}
rm -f "$build_log"

status=0
node "$EXT/e2e/run.js" || status=$?
log "took $(( $(date +%s) - START )) s in all (build + test), exit code $status"
exit "$status"

#!/usr/bin/env bash
# Installs everything the VS Code end-to-end test needs on a fresh Debian machine:
#   - Debian packages: chromium (headless browser), libkrb5-dev (code-server's kerberos
#     module builds against it), ripgrep (stands in for the rg that @vscode/ripgrep
#     would download from GitHub, which is unreachable here)
#   - npm tools in $ROLINT_E2E_TOOLS (default /opt/rolint-e2e-tools): code-server 4.100.3
#     (the newest release for Node 20, bundles VS Code 1.100.3) and playwright-core
#   - the extension's own npm dependencies (vscode-extension/node_modules)
# Idempotent: a second run only checks and returns in a few seconds.
# The tools live outside the work tree so that a fresh clone (CI) reuses them.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EXT="$ROOT/vscode-extension"
TOOLS="${ROLINT_E2E_TOOLS:-/opt/rolint-e2e-tools}"

log() { echo "[setup-vscode-e2e] $*"; }

need_root_or_sudo() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_debian_packages() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v rg >/dev/null || missing+=(ripgrep)
  dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
  if [ ${#missing[@]} -eq 0 ]; then
    log "Debian packages present"
    return
  fi
  log "apt-get install ${missing[*]}"
  need_root_or_sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive need_root_or_sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

check_node() {
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  if [ "$major" != "20" ]; then
    log "warning: code-server 4.100.3 needs Node 20, this is Node $major"
  fi
}

# @vscode/ripgrep's postinstall downloads rg from GitHub; it first looks in its cache
# under $TMPDIR, so put Debian's rg there under the exact name it would download.
seed_ripgrep_cache() {
  local tmp="$1" cache="$1/vscode-ripgrep-cache-1.15.11"
  local tarball="$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
  mkdir -p "$cache"
  [ -f "$tarball" ] && return
  local stage
  stage="$(mktemp -d)"
  cp "$(command -v rg)" "$stage/rg"
  tar -czf "$tarball" -C "$stage" rg
  rm -rf "$stage"
}

# The stamp is the hash of package.json + lock: unchanged stamp means nothing to do.
tools_stamp() {
  local f
  for f in "$EXT/e2e/package.json" "$EXT/e2e/package-lock.json"; do
    if [ -f "$f" ]; then cat "$f"; fi
  done | sha256sum | cut -d' ' -f1
}

install_tools() {
  local stamp
  stamp="$(tools_stamp)"
  if [ -f "$TOOLS/.stamp" ] && [ "$(cat "$TOOLS/.stamp")" = "$stamp" ] \
     && [ -x "$TOOLS/node_modules/.bin/code-server" ]; then
    log "code-server and playwright-core present in $TOOLS"
    return
  fi
  log "installing code-server 4.100.3 and playwright-core into $TOOLS (takes ~2 min)"
  mkdir -p "$TOOLS"
  cp "$EXT/e2e/package.json" "$TOOLS/package.json"
  local tmp
  tmp="$TOOLS/.tmp"
  mkdir -p "$tmp"
  seed_ripgrep_cache "$tmp"
  (
    cd "$TOOLS"
    export TMPDIR="$tmp"
    # As root, npm drops privileges for install scripts unless told not to; and
    # node-pty's `npx node-gyp` must not stop to ask whether to install node-gyp.
    export npm_config_unsafe_perm=true npm_config_yes=true
    if [ -f "$EXT/e2e/package-lock.json" ]; then
      cp "$EXT/e2e/package-lock.json" "$TOOLS/package-lock.json"
      npm ci --no-audit --no-fund --loglevel=error
    else
      npm install --no-audit --no-fund --loglevel=error
    fi
  )
  [ -x "$TOOLS/node_modules/.bin/code-server" ]
  echo "$stamp" > "$TOOLS/.stamp"
}

install_extension_deps() {
  if [ -d "$EXT/node_modules/vscode-languageclient" ] && [ -d "$EXT/node_modules/@vscode/vsce" ] \
     && [ "$EXT/node_modules/.package-lock.json" -nt "$EXT/package-lock.json" ]; then
    log "extension dependencies present"
    return
  fi
  log "npm ci in vscode-extension/"
  (cd "$EXT" && npm ci --no-audit --no-fund --loglevel=error)
}

install_debian_packages
check_node
install_tools
install_extension_deps
# The version from package.json: running code-server would write a config under ~.
version="$(node -p "require('$TOOLS/node_modules/code-server/package.json').version")"
log "ready: code-server $version in $TOOLS, $(chromium --version 2>/dev/null)"

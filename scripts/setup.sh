#!/usr/bin/env bash
# One-time set-up of rolint on a fresh Debian machine: system packages, the Python
# package with its development tools, and the schema the SARIF test validates against.
# Safe to run again: each step is skipped when already done.
#   bash scripts/setup.sh          # core: CLI, language server, tests
#   bash scripts/setup.sh --e2e    # also the VS Code end-to-end tools (code-server, Chromium)
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
PY="${PYTHON:-python3}"

# rospell, the Romanian Hunspell dictionary (Debian's hunspell-ro), for spelling/unknown.
if ! dpkg -s hunspell-ro >/dev/null 2>&1; then
  echo "setup: installing Debian packages (hunspell-ro)"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends hunspell-ro
fi

echo "setup: installing rolint (editable) with its development tools"
"$PY" -m pip install -q --disable-pip-version-check --root-user-action=ignore -e ".[dev]"
# An editable install leaves no bytecode, and where PYTHONDONTWRITEBYTECODE is set every
# `rolint check` would compile the package again (~0.1 s of its cold start). Stale files
# are ignored by Python, so this is safe after later edits too.
"$PY" -m compileall -q server/rolint

# Compile rospell once into rolint's memory-mapped table (~/.cache/rolint, 15-40 s);
# without this the first check on a machine pays for it.
echo "setup: compiling the Romanian dictionary for spelling/unknown"
"$PY" -m rolint.spelling compile

# LanguageTool's Romanian grammar (optional, [languagetool] in rolint.toml): Java 17 and
# Maven from Debian, then the pinned, checksummed jars (245 MB) from Maven Central into
# the cache (minutes the first time; a second run checks and skips).
if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
  echo "setup: installing Debian packages (openjdk-17-jre-headless, maven) for LanguageTool"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends \
    openjdk-17-jre-headless maven
fi
echo "setup: LanguageTool jars (Maven Central, checksummed)"
"$PY" -m rolint.languagetool install

# The official SARIF 2.1.0 JSON schema, shipped inside an npm package by its authors.
if [ ! -s .cache/sarif-2.1.0.json ]; then
  echo "setup: fetching the SARIF 2.1.0 schema from the npm registry"
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack -q @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null && tar xzf ./*.tgz)
  mkdir -p .cache
  cp "$tmp/package/lib/schemas/sarif-2.1.0-rtm.5.json" .cache/sarif-2.1.0.json.tmp
  mv .cache/sarif-2.1.0.json.tmp .cache/sarif-2.1.0.json
  rm -rf "$tmp"
fi

# rolint serve's browser test: Debian's chromium driven by playwright-core (npm),
# installed beside the test in tests/serve_browser/node_modules (never a browser download).
if ! command -v chromium >/dev/null 2>&1; then
  echo "setup: installing Debian chromium (browser test of rolint serve's editor page)"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends chromium
fi
if [ ! -d tests/serve_browser/node_modules/playwright-core ]; then
  echo "setup: installing playwright-core for the browser test of rolint serve"
  (cd tests/serve_browser && npm ci --no-audit --no-fund --loglevel=error)
fi

if [ "${1:-}" = "--e2e" ] && [ -f scripts/setup-vscode-e2e.sh ]; then
  bash scripts/setup-vscode-e2e.sh
fi
echo "setup: done. Try: rolint check examples/articol.txt"

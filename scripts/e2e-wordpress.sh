#!/usr/bin/env bash
# End-to-end test of the WordPress plugin (integrations/wordpress/rolint): a real WordPress
# and MariaDB from Debian on loopback, a real `rolint serve`, the block editor in headless
# Chromium. Needs scripts/setup-wordpress-e2e.sh to have run once on this machine.
#
#   bash scripts/e2e-wordpress.sh                          # must pass
#   ROLINT_WP_E2E_BROKEN=1 bash scripts/e2e-wordpress.sh   # plugin emptied: must fail
#
# First every plugin file must parse (php -l, node --check); then
# integrations/wordpress/e2e/run.sh does the rest. Exit code: 0 passed, 1 failed, 2 not set up.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PLUGIN="$ROOT/integrations/wordpress/rolint"
E2E="$ROOT/integrations/wordpress/e2e"

command -v php >/dev/null || { echo "[e2e-wordpress] not set up: run scripts/setup-wordpress-e2e.sh"; exit 2; }
while IFS= read -r -d '' f; do
  php -l "$f" >/dev/null || { php -l "$f"; exit 1; }
done < <(find "$PLUGIN" "$E2E" -name '*.php' -not -path '*/node_modules/*' -print0)
for f in "$PLUGIN"/assets/*.js "$E2E"/*.js; do
  node --check "$f"
done
echo "[e2e-wordpress] plugin and harness files parse (php -l, node --check)"
exec bash "$E2E/run.sh"

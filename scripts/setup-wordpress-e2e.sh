#!/usr/bin/env bash
# Installs everything the WordPress end-to-end test needs on a fresh Debian machine:
#   - Debian packages: wordpress (6.1 on Debian 12) with a block theme, mariadb-server,
#     the PHP CLI with the extensions WordPress needs, chromium (headless browser), and
#     curl and procps (ps), which the harness uses
#   - playwright-core from npm into integrations/wordpress/e2e/node_modules
# No wp-cli (no registry here carries it): the harness drives WordPress with a few lines
# of PHP (integrations/wordpress/e2e/wp-setup.php and wp-run.php).
# Idempotent: a second run only checks and returns in a second or two.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
E2E="$ROOT/integrations/wordpress/e2e"

log() { echo "[setup-wordpress-e2e] $*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

PACKAGES=(wordpress wordpress-theme-twentytwentythree mariadb-server php-cli php-mysql
  php-curl php-xml php-mbstring chromium curl procps)

install_debian_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    log "Debian packages present"
    return
  fi
  log "apt-get install ${missing[*]} (~1 min)"
  as_root apt-get -o DPkg::Lock::Timeout=600 update -qq
  # policy-rc.d 101: the packages must not start apache2 or a system-wide MariaDB;
  # the harness starts its own on loopback.
  local policy=/usr/sbin/policy-rc.d created=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
    as_root chmod +x "$policy"
    created=1
  fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null
  [ "$created" -eq 0 ] || as_root rm -f "$policy"
}

install_node_tools() {
  if [ -d "$E2E/node_modules/playwright-core" ] \
     && [ "$E2E/node_modules/.package-lock.json" -nt "$E2E/package-lock.json" ]; then
    log "playwright-core present"
    return
  fi
  log "npm ci in integrations/wordpress/e2e/"
  (cd "$E2E" && npm ci --no-audit --no-fund --loglevel=error)
}

install_debian_packages
install_node_tools
log "ready: WordPress $(sed -n "s/^\$wp_version = '\(.*\)';/\1/p" /usr/share/wordpress/wp-includes/version.php)," \
  "$(mariadbd --version 2>/dev/null | awk '{print $3}') MariaDB, PHP $(php -r 'echo PHP_VERSION;')," \
  "$(chromium --version 2>/dev/null)"

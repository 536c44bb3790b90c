#!/usr/bin/env bash
# End-to-end test of the rolint WordPress plugin against a real WordPress and MariaDB from
# Debian, and a real `rolint serve`, all on loopback (no Docker):
#   1. MariaDB in a private folder (socket only), WordPress copied from /usr/share/wordpress
#      and served by PHP's built-in server, installed with one POST, the plugin activated;
#   2. rolint serve beside them with the newsroom policy in rolint.toml and a bearer token;
#   3. rest.js: REST, XML-RPC and schedules; browser.js: the block editor, the classic
#      editor, Quick Edit and the settings page in headless Chromium; then rolint serve
#      paused (a slow service: refused after the timeout), stopped (publishing refused,
#      "service unavailable") and started again (publishing works);
#   4. every process it started is stopped by its PID, and checked gone.
#
#   bash integrations/wordpress/e2e/run.sh
#   ROLINT_WP_E2E_KEEP=1 ...   keep the work folder (logs, screenshots are kept anyway)
#   ROLINT_WP_E2E_BROKEN=1 ... the plugin is replaced by an empty one: the test must fail
#
# Output: screenshots and logs in $ROLINT_WP_E2E_OUT (default integrations/wordpress/e2e/out).
# Exit code: 0 passed, 1 failed, 2 not set up (run scripts/setup-wordpress-e2e.sh).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
OUT="${ROLINT_WP_E2E_OUT:-$HERE/out}"
PY="${PYTHON:-python3}"
START=$(date +%s)

log() { echo "[e2e-wordpress $(( $(date +%s) - START ))s] $*"; }

for tool in mariadbd mariadb-install-db php chromium node curl; do
  command -v "$tool" >/dev/null || { log "not set up: $tool missing; run scripts/setup-wordpress-e2e.sh"; exit 2; }
done
[ -f /usr/share/wordpress/wp-settings.php ] && [ -d "$HERE/node_modules/playwright-core" ] || {
  log "not set up: run scripts/setup-wordpress-e2e.sh"
  exit 2
}

WORK="$(mktemp -d /tmp/rolint-wp-e2e.XXXXXX)"
rm -rf "$OUT"
mkdir -p "$OUT"
SOCK="$WORK/mysqld.sock"
WP="$WORK/wp"
TOKEN="e2e-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
WP_PORT="$(free_port)"
SERVE_PORT="$(free_port)"
WP_URL="http://127.0.0.1:$WP_PORT"
SERVE_URL="http://127.0.0.1:$SERVE_PORT"
DB_PID="" PHP_PID="" SERVE_PID=""

# --- stopping what we started, by PID ------------------------------------------------------

# Stops a process started with setsid and every process of its group (php -S forks workers,
# uvicorn may too), TERM first, KILL after a grace period; fails if any is left.
stop_group() {
  local name="$1" pid="$2" left i
  [ -n "$pid" ] || return 0
  local members
  members="$({ ps -o pid= -g "$pid" 2>/dev/null || true; } | tr '\n' ' ')"
  [ -n "${members// /}" ] || return 0
  # shellcheck disable=SC2086
  kill -TERM $members 2>/dev/null || true
  # shellcheck disable=SC2086
  kill -CONT $members 2>/dev/null || true # a paused process (the "slow" phase) must see TERM
  for i in $(seq 50); do
    left="$({ ps -o pid= -g "$pid" 2>/dev/null || true; } | tr '\n' ' ')"
    [ -n "${left// /}" ] || break
    sleep 0.2
  done
  if [ -n "${left// /}" ]; then
    # shellcheck disable=SC2086
    kill -KILL $left 2>/dev/null || true
    sleep 0.2
  fi
  wait "$pid" 2>/dev/null || true
  left="$({ ps -o pid= -g "$pid" 2>/dev/null || true; } | tr '\n' ' ')"
  if [ -n "${left// /}" ]; then
    log "ERROR: $name processes still running: $left"
    return 1
  fi
  log "stopped $name (pids: $members)"
}

cleanup() {
  local status=$?
  set +e
  stop_group "rolint serve" "$SERVE_PID" || status=1
  stop_group "php -S" "$PHP_PID" || status=1
  stop_group "mariadbd" "$DB_PID" || status=1
  cp "$WORK"/*.log "$OUT/" 2>/dev/null
  if [ -n "${ROLINT_WP_E2E_KEEP:-}" ]; then
    log "work folder kept: $WORK"
  else
    rm -rf "$WORK"
    log "work folder removed"
  fi
  log "took $(( $(date +%s) - START )) s in all; exit code $status"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

wait_for() { # wait_for WHAT SECONDS COMMAND...
  local what="$1" seconds="$2" i
  shift 2
  for i in $(seq $(( seconds * 5 ))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  log "ERROR: $what did not come up in $seconds s"
  return 1
}

# --- MariaDB ---------------------------------------------------------------------------------

start_mariadb() {
  mariadb-install-db --no-defaults --datadir="$WORK/db" --user="$(id -un)" \
    --auth-root-authentication-method=socket --skip-test-db >"$WORK/mariadb-install.log" 2>&1
  setsid mariadbd --no-defaults --datadir="$WORK/db" --socket="$SOCK" --skip-networking \
    --user="$(id -un)" --innodb-log-file-size=8M --pid-file="$WORK/mysqld.pid" \
    --log-error="$WORK/mariadb.log" </dev/null >/dev/null 2>&1 &
  DB_PID=$!
  wait_for "MariaDB" 30 mariadb-admin --no-defaults --socket="$SOCK" -u "$(id -un)" ping
  mariadb --no-defaults --socket="$SOCK" -u "$(id -un)" -e "
    CREATE DATABASE wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
    CREATE USER 'wp'@'localhost' IDENTIFIED BY 'wp-e2e';
    GRANT ALL PRIVILEGES ON wordpress.* TO 'wp'@'localhost';"
  log "MariaDB up (pid $DB_PID, socket only)"
}

# --- WordPress -------------------------------------------------------------------------------

write_wp_config() {
  local salts
  salts="$(for k in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT; do
    printf "define( '%s', '%s' );\n" "$k" "$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
  done)"
  cat >"$WP/wp-config.php" <<PHP
<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'wp' );
define( 'DB_PASSWORD', 'wp-e2e' );
define( 'DB_HOST', 'localhost:$SOCK' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
$salts
\$table_prefix = 'wp_';
define( 'WP_HOME', '$WP_URL' );
define( 'WP_SITEURL', '$WP_URL' );
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_ENVIRONMENT_TYPE', 'local' );
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_LOG', '$WORK/wp-debug.log' );
define( 'WP_DEBUG_DISPLAY', false );
define( 'ROLINT_URL', '$SERVE_URL' );
define( 'ROLINT_TOKEN', '$TOKEN' );
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
PHP
}

start_wordpress() {
  cp -rL /usr/share/wordpress "$WP" # -L: Debian's tree holds relative symlinks
  rm -f "$WP/wp-config.php"
  write_wp_config
  cp -r "$ROOT/integrations/wordpress/rolint" "$WP/wp-content/plugins/rolint"
  mkdir -p "$WP/wp-content/mu-plugins"
  cp "$HERE/mu-e2e-classic.php" "$WP/wp-content/mu-plugins/"
  PHP_CLI_SERVER_WORKERS=4 setsid php -d display_errors=stderr -S "127.0.0.1:$WP_PORT" -t "$WP" \
    "$HERE/router.php" </dev/null >"$WORK/php.log" 2>&1 &
  PHP_PID=$!
  wait_for "php -S" 20 curl -fsS -o /dev/null "$WP_URL/wp-admin/install.php"
  curl -fsS -o "$WORK/install.html" "$WP_URL/wp-admin/install.php?step=2" \
    --data-urlencode "weblog_title=Știri de test" --data-urlencode "user_name=admin" \
    --data-urlencode "admin_password=admin-parola-e2e" --data-urlencode "admin_password2=admin-parola-e2e" \
    --data-urlencode "pw_weak=1" --data-urlencode "admin_email=admin@example.invalid" \
    --data-urlencode "blog_public=0" --data-urlencode "language="
  grep -q "Success" "$WORK/install.html" || { log "ERROR: WordPress install failed"; return 1; }
  if [ -n "${ROLINT_WP_E2E_BROKEN:-}" ]; then
    log "ROLINT_WP_E2E_BROKEN: the plugin is removed before activation; the test must fail"
    rm -rf "$WP/wp-content/plugins/rolint"
    mkdir -p "$WP/wp-content/plugins/rolint"
    printf '<?php\n/* Plugin Name: rolint */\n' >"$WP/wp-content/plugins/rolint/rolint.php"
  fi
  php "$HERE/wp-setup.php" "$WP" >"$WORK/users.json"
  log "WordPress $(sed -n "s/^\$wp_version = '\(.*\)';/\1/p" "$WP/wp-includes/version.php") up at $WP_URL (php -S pid $PHP_PID), plugin active"
}

# --- rolint serve ----------------------------------------------------------------------------

start_serve() {
  ROLINT_SERVE_TOKEN="$TOKEN" PYTHONPATH="$ROOT/server${PYTHONPATH:+:$PYTHONPATH}" setsid "$PY" -m rolint serve \
    --host 127.0.0.1 --port "$SERVE_PORT" --config "$HERE/rolint.toml" --drain-seconds 0 \
    </dev/null >>"$WORK/rolint-serve.log" 2>&1 &
  SERVE_PID=$!
  wait_for "rolint serve" 60 curl -fsS -o /dev/null "$SERVE_URL/readyz"
  log "rolint serve up at $SERVE_URL (pid $SERVE_PID)"
}

# --- the checks ------------------------------------------------------------------------------

export ROLINT_WP_URL="$WP_URL" ROLINT_WP_USERS="$WORK/users.json" ROLINT_WP_E2E_OUT="$OUT"
export ROLINT_SERVE_LOG="$WORK/rolint-serve.log" ROLINT_WP_DIR="$WP" ROLINT_WP_STATE="$WORK/state.json"
export ROLINT_E2E_TOKEN="$TOKEN" # only to check that it never reaches a client

start_mariadb
start_wordpress
start_serve

log "REST, XML-RPC and cron checks (rest.js up)"
node "$HERE/rest.js" up
log "browser checks (browser.js)"
node "$HERE/browser.js"

# A slow service: rolint serve paused (SIGSTOP) still accepts connections, never answers.
kill -STOP -- "-$SERVE_PID"
log "rolint serve paused (SIGSTOP)"
node "$HERE/rest.js" slow || { kill -CONT -- "-$SERVE_PID"; exit 1; }
kill -CONT -- "-$SERVE_PID"
log "rolint serve resumed (SIGCONT)"

stop_group "rolint serve" "$SERVE_PID"
SERVE_PID=""
node "$HERE/rest.js" down

start_serve
node "$HERE/rest.js" again
# PHP warnings or notices raised in the plugin's own files fail the run.
if grep -n "plugins/rolint/" "$WORK/wp-debug.log" 2>/dev/null; then
  log "ERROR: the plugin raised PHP warnings or notices (above)"
  exit 1
fi
log "all WordPress end-to-end checks passed"

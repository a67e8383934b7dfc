#!/usr/bin/env bash
# Run all PaymentsPortal tests.
#
#   ./test.sh                              # everything
#   ./test.sh --filter "FullyQualifiedName~Refunds"   # extra args go to `dotnet test`
#
# Integration tests need PostgreSQL and the browser tests need Chromium. This script installs
# both when missing, starts a throwaway PostgreSQL cluster in a temp dir on a free port, runs
# `dotnet test`, and always removes the cluster again. The tests create their own databases
# through PORTAL_TEST_PG_ADMIN.
set -euo pipefail

cd "$(dirname "$0")"

log() { printf '[test.sh] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# apt-get needs root; use sudo only when we are not root already.
as_root() {
  if [[ $EUID -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

# Newest /usr/lib/postgresql/<ver>/bin that has pg_ctl, or nothing.
newest_pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    if [[ -x "$d/pg_ctl" ]]; then printf '%s\n' "$d"; fi
  done | sort -V | tail -n 1
}

command -v dotnet >/dev/null || die "dotnet (the .NET 10 SDK) is not on PATH."

# ---------------------------------------------------------------------------
# Prerequisites: install only what is missing, with one apt-get update.
# ---------------------------------------------------------------------------
CHROMIUM=/usr/bin/chromium
missing=()
[[ -n "$(newest_pg_bin)" ]] || missing+=(postgresql)
[[ -x "$CHROMIUM" ]] || missing+=(chromium)
if (( ${#missing[@]} > 0 )); then
  log "Installing ${missing[*]}…"
  as_root apt-get update
  # --no-install-recommends keeps chromium small; postgresql needs nothing extra either.
  as_root apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${missing[@]}"
fi
PG_BIN="$(newest_pg_bin)"
[[ -n "$PG_BIN" ]] || die "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin."
[[ -x "$CHROMIUM" ]] || die "$CHROMIUM not found after installing chromium."

# ---------------------------------------------------------------------------
# Throwaway PostgreSQL cluster
# ---------------------------------------------------------------------------
TMP_DIR=""
STARTED_PG=0
TEST_PID=""

# The server refuses to run as root: as root, run the server tools as `postgres`.
as_pg() {
  if [[ $EUID -eq 0 ]]; then
    (cd / && runuser -u "$PG_USER" -- "$@")
  else
    "$@"
  fi
}

# shellcheck disable=SC2317  # called from the traps below
cleanup() {
  if [[ -n "$TEST_PID" ]] && kill -0 "$TEST_PID" 2>/dev/null; then
    kill -TERM "$TEST_PID" 2>/dev/null || true
    wait "$TEST_PID" 2>/dev/null || true
  fi
  TEST_PID=""
  if [[ $STARTED_PG -eq 1 ]]; then
    STARTED_PG=0  # run once, even though EXIT fires again after INT/TERM
    log "Stopping PostgreSQL…"
    as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null 2>&1 || true
  fi
  if [[ -n "$TMP_DIR" ]]; then
    rm -rf "$TMP_DIR"
    TMP_DIR=""
  fi
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM

# Under /tmp (always world-traversable) rather than $TMPDIR, because as root the server runs
# as `postgres`, which must be able to reach the directory. mktemp makes it 0700: open it up.
TMP_DIR="$(mktemp -d /tmp/portal-test-pg.XXXXXX)"
chmod 755 "$TMP_DIR"
PGDATA_DIR="$TMP_DIR/data"
PG_LOG="$TMP_DIR/postgres.log"

if [[ $EUID -eq 0 ]]; then
  PG_USER=postgres
  chown "$PG_USER": "$TMP_DIR"
else
  PG_USER="$(id -un)"
fi

log "Creating a throwaway PostgreSQL cluster in $TMP_DIR…"
as_pg "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres --auth-local=trust --auth-host=trust \
  -E UTF8 --locale=C.UTF-8 >/dev/null

port_in_use() { bash -c "</dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# Start on a random free port; another run may grab the same port between our check and the
# server's bind, so retry a few times. Durability is irrelevant for a throwaway cluster.
started=0
for _ in 1 2 3 4 5; do
  PORT=$((20000 + RANDOM % 30000))
  port_in_use "$PORT" && continue
  STARTED_PG=1
  if as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PG_LOG" -w -t 60 start -o "-p $PORT -k '$TMP_DIR' \
      -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
      -c full_page_writes=off -c max_connections=300" >/dev/null; then
    started=1
    break
  fi
  STARTED_PG=0
done
if [[ $started -ne 1 ]]; then
  cat "$PG_LOG" >&2 || true
  die "PostgreSQL did not start."
fi
log "PostgreSQL $(basename "$(dirname "$PG_BIN")") cluster on 127.0.0.1, port $PORT."

# The tests create and drop their databases as portal_owner (hence CREATEDB); the app
# connects as portal_app, which gets its table privileges from the app's migrations.
"$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -q -X <<'SQL'
CREATE ROLE portal_owner LOGIN CREATEDB;
CREATE ROLE portal_app LOGIN;
SQL

export PORTAL_TEST_PG_ADMIN="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=postgres"
export PORTAL_TEST_PG_PORT="$PORT"
export PORTAL_CHROMIUM="$CHROMIUM"
# Every app instance the tests start writes its (redacted) log here; it is scanned after the run.
export PORTAL_TEST_LOG_DIR="$TMP_DIR/app-logs"
mkdir -p "$PORTAL_TEST_LOG_DIR"

# ---------------------------------------------------------------------------
# Tests
# ---------------------------------------------------------------------------
log "Running tests: dotnet test PaymentsPortal.sln -c Release $*"
# In the background + `wait`, so that INT/TERM reach the trap at once (a foreground child
# would delay it until it exits); the trap then stops `dotnet test` and PostgreSQL. A
# script's background job ignores SIGINT unless reset here, so Ctrl-C still reaches it.
{ trap - INT QUIT; exec dotnet test PaymentsPortal.sln -c Release "$@"; } <&0 &
TEST_PID=$!
status=0
wait "$TEST_PID" || status=$?
TEST_PID=""
if [[ $status -eq 0 ]]; then log "All tests passed."; else log "Tests failed (exit code $status)."; fi

# No test card number or secret may appear in anything the app logged during the run (PCI DSS
# 3.3/3.5: the redactor sits in front of every log sink). Test cards: Stripe's documented ones the
# tests use; secrets: API-key and webhook-secret prefixes and the demo password.
if [[ $status -eq 0 ]]; then
  leak_pattern='4242424242424242|4000000000000259|4000000000003220|4111111111111111|4000111111111115|4000056655665556|5555555555554444|4000002500003155|4000000000009995|4000000000000002|sk_(live|test)_[A-Za-z0-9]|rk_(live|test)_[A-Za-z0-9]|whsec_[A-Za-z0-9]|access-(sandbox|production)-[0-9a-f]|Demo-Passw0rd!'
  log_files=$(find "$PORTAL_TEST_LOG_DIR" -name '*.log' | wc -l)
  if leaks=$(grep -EhoR -- "$leak_pattern" "$PORTAL_TEST_LOG_DIR" | sort | uniq -c); then
    log "Card numbers or secrets reached the application logs:"
    printf '%s\n' "$leaks" >&2
    status=1
  else
    log "Scanned $log_files application log file(s): no card number or secret."
  fi
fi
exit "$status"

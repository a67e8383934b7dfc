#!/usr/bin/env bash
# Run PaymentsPortal locally.
#
#   ./run.sh                                   # start a private PostgreSQL + the app
#   ./run.sh create-platform-admin --email x@y # extra args go to the app
#   ./run.sh verify-checkpoint proof.json      # offline proof check: no database is started
#
# Without ConnectionStrings__Portal in the environment, this script runs a private
# PostgreSQL cluster under .data/postgres (created on first run, kept between runs) and
# stops it again when the app exits or on Ctrl-C. With ConnectionStrings__Portal set, it
# uses that database and starts no cluster.
set -euo pipefail

# An auditor's offline proof check needs no database, so it starts no PostgreSQL. `dotnet run` runs a web
# project in its own directory: file arguments are made absolute first, so paths relative to here work.
if [[ "${1:-}" == verify-checkpoint ]]; then
  args=("$1")
  for arg in "${@:2}"; do
    if [[ "$arg" == --* ]]; then args+=("$arg"); else args+=("$(realpath -m -- "$arg")"); fi
  done
  exec dotnet run --project "$(dirname "$0")/PaymentsPortal/PaymentsPortal.csproj" -c Release --no-launch-profile -- "${args[@]}"
fi

cd "$(dirname "$0")"
ROOT="$(pwd -P)"

DATA_ROOT="$ROOT/.data"
PGDATA_DIR="$DATA_ROOT/postgres"
SOCKET_DIR="$DATA_ROOT/run"
PG_LOG="$SOCKET_DIR/postgres.log"   # in a dir the server user owns, so it can write it
DB_NAME=payments_portal

log() { printf '[run.sh] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# apt-get needs root; use sudo only when we are not root already.
as_root() {
  if [[ $EUID -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

# Newest /usr/lib/postgresql/<ver>/bin that has pg_ctl, or nothing.
newest_pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    if [[ -x "$d/pg_ctl" ]]; then printf "%s\n" "$d"; fi
  done | sort -V | tail -n 1
}

# Fail early rather than after starting PostgreSQL.
command -v dotnet >/dev/null || die "dotnet (the .NET 10 SDK) is not on PATH."

# ---------------------------------------------------------------------------
# Database: either the one given by the user, or a private cluster.
# ---------------------------------------------------------------------------
STARTED_PG=0   # 1 only once *this* script has started the cluster; the trap stops only that.
APP_PID=""
PG_BIN=""
PG_USER=""

# Run a PostgreSQL server binary as the OS user that owns the cluster. The server refuses to
# run as root, so as root we switch to `postgres`; `cd /` avoids "could not change
# directory" warnings when our working directory is not readable by that user.
as_pg() {
  if [[ $EUID -eq 0 ]]; then
    (cd / && runuser -u "$PG_USER" -- "$@")
  else
    "$@"
  fi
}

# shellcheck disable=SC2317  # called from the traps below
stop_app() {
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    # `dotnet run` forwards SIGTERM to the app, which then shuts down gracefully.
    kill -TERM "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=""
}

# shellcheck disable=SC2317  # called from the traps below
cleanup() {
  stop_app
  if [[ $STARTED_PG -eq 1 ]]; then
    STARTED_PG=0  # run once, even though EXIT fires again after INT/TERM
    # Ctrl-C may already have reached the postmaster; only stop it if it is still up.
    if as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
      log "Stopping PostgreSQL ($PGDATA_DIR)…"
      as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null || true
    fi
  fi
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM

port_in_use() { bash -c "</dev/tcp/127.0.0.1/$1" 2>/dev/null; }

start_private_cluster() {
  PG_BIN="$(newest_pg_bin)"
  if [[ -z "$PG_BIN" ]]; then
    log "PostgreSQL binaries not found; installing the postgresql package…"
    as_root apt-get update
    as_root apt-get -o DPkg::Lock::Timeout=600 install -y postgresql
    PG_BIN="$(newest_pg_bin)"
    [[ -n "$PG_BIN" ]] || die "postgresql installed, but /usr/lib/postgresql/*/bin/pg_ctl is missing."
  fi
  # An existing cluster can only be opened by its own major version: prefer those binaries.
  if [[ -s "$PGDATA_DIR/PG_VERSION" ]]; then
    local ver; ver="$(<"$PGDATA_DIR/PG_VERSION")"
    if [[ -x "/usr/lib/postgresql/$ver/bin/pg_ctl" ]]; then
      PG_BIN="/usr/lib/postgresql/$ver/bin"
    else
      die "$PGDATA_DIR was created by PostgreSQL $ver, which is not installed. Install it, or delete .data/postgres to start afresh."
    fi
  fi

  # As root the cluster belongs to the `postgres` OS user (or whoever already owns it).
  if [[ $EUID -eq 0 ]]; then
    PG_USER=postgres
    if [[ -d "$PGDATA_DIR" ]]; then
      local owner; owner="$(stat -c %U "$PGDATA_DIR")"
      [[ "$owner" != root ]] && PG_USER="$owner"
    fi
    id "$PG_USER" >/dev/null 2>&1 || die "OS user '$PG_USER' does not exist (it comes with the postgresql package)."
  else
    PG_USER="$(id -un)"
  fi

  mkdir -p "$DATA_ROOT" "$PGDATA_DIR" "$SOCKET_DIR"
  if [[ $EUID -eq 0 ]]; then
    chown "$PG_USER": "$PGDATA_DIR" "$SOCKET_DIR"
    # The server user must be able to reach .data/postgres: every parent needs o+x.
    local dir="$DATA_ROOT"
    while [[ "$dir" != / ]]; do
      if ! runuser -u "$PG_USER" -- test -x "$dir"; then
        log "Making $dir traversable (o+x) for the '$PG_USER' user."
        chmod o+x "$dir"
      fi
      dir="$(dirname "$dir")"
    done
  fi
  chmod 700 "$PGDATA_DIR"   # initdb/postgres insist on a private data directory

  if [[ ! -s "$PGDATA_DIR/PG_VERSION" ]]; then
    log "Creating PostgreSQL cluster in $PGDATA_DIR (first run)…"
    as_pg "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres --auth-local=trust --auth-host=trust \
      -E UTF8 --locale=C.UTF-8 >/dev/null
  fi

  if as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
    # Another ./run.sh (or a crashed one) left it running: reuse it, and leave it running.
    PORT="$(sed -n 4p "$PGDATA_DIR/postmaster.pid")"
    log "PostgreSQL in $PGDATA_DIR is already running on port $PORT; reusing it (it will not be stopped)."
  else
    PORT="${PORTAL_PG_PORT:-5433}"
    local tries=0
    while port_in_use "$PORT"; do
      (( ++tries <= 200 )) || die "no free TCP port found from ${PORTAL_PG_PORT:-5433} upwards."
      PORT=$((PORT + 1))
    done
    [[ "$PORT" == "${PORTAL_PG_PORT:-5433}" ]] || log "Port ${PORTAL_PG_PORT:-5433} is busy; using $PORT."

    # Unix socket paths are limited to 107 bytes; in a very deep checkout go TCP-only.
    local socket_opt="-k '$SOCKET_DIR'"   # pg_ctl passes -o through a shell
    if (( ${#SOCKET_DIR} + 20 > 107 )); then
      socket_opt="-k ''"
    fi

    log "Starting PostgreSQL $(basename "$(dirname "$PG_BIN")") on 127.0.0.1:$PORT (log: $PG_LOG)…"
    STARTED_PG=1
    as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PG_LOG" -w -t 60 start \
      -o "-p $PORT $socket_opt -c listen_addresses=127.0.0.1" >/dev/null \
      || die "PostgreSQL did not start; see $PG_LOG"
  fi

  # Idempotent: roles and database are created only when missing. portal_app gets no rights
  # here; the app grants it table privileges itself after migrating as portal_owner.
  "$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -q -X <<SQL
SELECT 'CREATE ROLE portal_owner LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'portal_owner')\gexec
SELECT 'CREATE ROLE portal_app LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'portal_app')\gexec
SELECT 'CREATE DATABASE $DB_NAME OWNER portal_owner' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DB_NAME')\gexec
SQL

  export ConnectionStrings__PortalOwner="Host=127.0.0.1;Port=$PORT;Database=$DB_NAME;Username=portal_owner"
  export ConnectionStrings__Portal="Host=127.0.0.1;Port=$PORT;Database=$DB_NAME;Username=portal_app"
}

if [[ -n "${ConnectionStrings__Portal:-}" ]]; then
  log "ConnectionStrings__Portal is set: using that database, starting no PostgreSQL."
  if [[ -z "${ConnectionStrings__PortalOwner:-}" ]]; then
    log "NOTE: ConnectionStrings__PortalOwner (owner/migrations connection) is not set;"
    log "      using ConnectionStrings__Portal for it too. That role must then own the schema."
    export ConnectionStrings__PortalOwner="$ConnectionStrings__Portal"
  fi
else
  start_private_cluster
fi

# ---------------------------------------------------------------------------
# The app
# ---------------------------------------------------------------------------
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5000}"

log "Starting PaymentsPortal ($ASPNETCORE_ENVIRONMENT) at $ASPNETCORE_URLS"
log "Demo sign-in: admin@demo.local / Demo-Passw0rd!"
if [[ $STARTED_PG -eq 1 ]]; then log "Press Ctrl-C to stop the app and PostgreSQL."; else log "Press Ctrl-C to stop the app."; fi

# Not `exec`: this shell has to stay around so the trap can stop PostgreSQL. The app runs in
# the background so that a trapped signal interrupts `wait` at once (a foreground child would
# delay the trap until it exits). A background job of a script normally ignores SIGINT and
# reads /dev/null; resetting the trap and `<&0` keep Ctrl-C and the terminal working for it.
{ trap - INT QUIT; exec dotnet run --project PaymentsPortal/PaymentsPortal.csproj -c Release --no-launch-profile -- "$@"; } <&0 &
APP_PID=$!
status=0
wait "$APP_PID" || status=$?
APP_PID=""
exit "$status"

#!/usr/bin/env bash
# Benchmark PaymentsPortal against a throwaway PostgreSQL.
#
#   ./bench.sh audit                          # plain INSERTs vs audit appends, and chain verification
#   ./bench.sh audit --seconds 5 --entries 200000
#   ./bench.sh payments                       # payments/s through the core vs plain INSERTs, and Stripe failover
#   ./bench.sh payments --seconds 5 --clients 8 --merchants 8
#   ./bench.sh workspace                      # payments list pages and KPI panel on 1,000,000 synthetic payments
#   ./bench.sh workspace --payments 200000 --samples 50
#   ./bench.sh webhooks                       # an idle portal's commits/s, then inbound webhook intake over HTTP vs plain INSERTs
#   ./bench.sh webhooks --seconds 5 --clients 32
#
# Starts a private PostgreSQL cluster in a temp dir on a free port, builds the app in Release, runs
# `PaymentsPortal benchmark audit|payments|workspace|webhooks …` against a fresh database in that cluster, and always removes
# the cluster again. It never uses ConnectionStrings__Portal or run.sh's .data/ cluster, so it cannot
# touch anyone's data. The server keeps PostgreSQL's durable defaults (fsync and synchronous_commit
# on), so a commit costs what it costs in production on this disk; PORTAL_BENCH_PG_OPTS adds server
# options (for example "-c synchronous_commit=off") to see what commits cost.
set -euo pipefail

cd "$(dirname "$0")"

log() { printf '[bench.sh] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

usage() {
  cat >&2 <<'USAGE'
Usage: ./bench.sh audit [--seconds 10] [--warmup 5] [--writers 8] [--entries 1000000] [--verify-runs 3]
                        [--only writes|verify] [--context-per-append]
       ./bench.sh payments [--seconds 10] [--warmup 10] [--clients 16] [--merchants 16] [--failover-clients N]
                           [--primary-timeout-ms 1000] [--open-seconds 10] [--only throughput|failover]
       ./bench.sh workspace [--payments 1000000] [--merchants 10] [--samples 200] [--page-size 25] [--query-seconds 8]
                            [--warmup-rounds 3]
       ./bench.sh webhooks [--seconds 10] [--warmup 5] [--clients 16] [--merchants 8] [--idle-seconds 180] [--only idle|intake]
USAGE
}

[[ "${1:-}" == audit || "${1:-}" == payments || "${1:-}" == workspace || "${1:-}" == webhooks ]] || { usage; exit 2; }

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

# Only PostgreSQL is needed; install it when missing, like test.sh does.
if [[ -z "$(newest_pg_bin)" ]]; then
  log "Installing postgresql…"
  as_root apt-get update
  as_root apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends postgresql
fi
PG_BIN="$(newest_pg_bin)"
[[ -n "$PG_BIN" ]] || die "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin."

# Build first, so that a compile error does not leave a cluster behind and compiling is not timed.
log "Building PaymentsPortal (Release)…"
dotnet build PaymentsPortal/PaymentsPortal.csproj -c Release -nologo -v quiet >/dev/null \
  || die "the build failed; run: dotnet build PaymentsPortal/PaymentsPortal.csproj -c Release"

# ---------------------------------------------------------------------------
# Throwaway PostgreSQL cluster
# ---------------------------------------------------------------------------
TMP_DIR=""
STARTED_PG=0
BENCH_PID=""

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
  if [[ -n "$BENCH_PID" ]] && kill -0 "$BENCH_PID" 2>/dev/null; then
    kill -TERM "$BENCH_PID" 2>/dev/null || true
    wait "$BENCH_PID" 2>/dev/null || true
  fi
  BENCH_PID=""
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
TMP_DIR="$(mktemp -d /tmp/portal-bench-pg.XXXXXX)"
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

# A random free port; another process may grab it between the check and the bind, so retry.
started=0
for _ in 1 2 3 4 5; do
  PORT=$((20000 + RANDOM % 30000))
  port_in_use "$PORT" && continue
  STARTED_PG=1
  # shared_buffers as a production server would size it (the default 128MB is a placeholder): the
  # verified chain then stays in PostgreSQL's cache instead of being copied in from the OS on every walk.
  if as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PG_LOG" -w -t 60 start -o "-p $PORT -k '$TMP_DIR' \
      -c listen_addresses=127.0.0.1 -c shared_buffers=1GB ${PORTAL_BENCH_PG_OPTS:-}" >/dev/null; then
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
# The benchmark reports the CPU its PostgreSQL used, found from the postmaster's process id.
export PORTAL_BENCH_PG_PID="$(head -n 1 "$PGDATA_DIR/postmaster.pid")"

# The same two roles as run.sh and test.sh: the benchmark migrates as the owner and writes as the app.
"$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -q -X <<'SQL'
CREATE ROLE portal_owner LOGIN;
CREATE ROLE portal_app LOGIN;
SQL

# Read only by the benchmark command; the app's own ConnectionStrings__* are not used.
export PORTAL_BENCH_PG_ADMIN="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=postgres"

# ---------------------------------------------------------------------------
# Benchmark
# ---------------------------------------------------------------------------
# In the background + `wait`, so that INT/TERM reach the trap at once; the trap then stops the
# benchmark and PostgreSQL. Resetting the trap keeps Ctrl-C working for the background job.
{ trap - INT QUIT; exec dotnet PaymentsPortal/bin/Release/net10.0/PaymentsPortal.dll benchmark "$@"; } <&0 &
BENCH_PID=$!
status=0
wait "$BENCH_PID" || status=$?
BENCH_PID=""
exit "$status"

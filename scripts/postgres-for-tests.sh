#!/usr/bin/env bash
# A throwaway PostgreSQL + PostGIS for the test suite, on a loopback port.
#
#   eval "$(scripts/postgres-for-tests.sh)"   # install if needed, start, print the exports
#   scripts/postgres-for-tests.sh stop        # stop it and remove its data
#
# Installs Debian's PostgreSQL server and its PostGIS package with apt-get when they are missing (root, or
# sudo), creates a cluster in /tmp/faultline-pg-PORT (trust auth on 127.0.0.1 only, fsync off, unix socket
# in the data dir), starts it as the `postgres` user, creates the databases `faultline_test` (with PostGIS)
# and `faultline_test_nogis` (without), and prints on stdout:
#   export FAULTLINE_TEST_PG_URL=postgres://postgres@127.0.0.1:PORT/faultline_test
#   export FAULTLINE_TEST_PG_NOGIS_URL=postgres://postgres@127.0.0.1:PORT/faultline_test_nogis
# Idempotent: a server already running from that data dir is reused; a stale data dir is replaced.
# Quiet unless it fails; then it exits non-zero with the reason and the tail of the relevant log on stderr.
#
# Environment: PGPORT_FOR_TESTS (default 55432), FAULTLINE_PG_DIR (default /tmp/faultline-pg-PORT; keep it
# short, the unix socket path must fit in 107 bytes), PG_VERSION_FOR_TESTS (major version to use; default:
# the newest installed one that has PostGIS, else whatever Debian's `postgresql` package brings).
set -euo pipefail

PORT="${PGPORT_FOR_TESTS:-55432}"
DATA="${FAULTLINE_PG_DIR:-/tmp/faultline-pg-$PORT}"
HOST=127.0.0.1
DBS=(faultline_test faultline_test_nogis)
LOG="$(mktemp "${TMPDIR:-/tmp}/postgres-for-tests.XXXXXX.log")"
trap 'rm -f "$LOG"' EXIT

die() {
  echo "postgres-for-tests: $*" >&2
  if [[ -s "$LOG" ]]; then
    echo "---- last lines of output ----" >&2
    tail -n 40 "$LOG" >&2
  fi
  if [[ -n "${DATA:-}" && -f "$DATA/server.log" ]]; then
    echo "---- last lines of $DATA/server.log ----" >&2
    tail -n 20 "$DATA/server.log" >&2 || true
  fi
  exit 1
}

[[ "$PORT" =~ ^[0-9]+$ ]] || die "PGPORT_FOR_TESTS must be a port number, got '$PORT'"
[[ "$DATA" == /* ]] || die "FAULTLINE_PG_DIR must be an absolute path, got '$DATA'"

# The server refuses to run as root: as root, run it as `postgres`; otherwise as the current user.
as_pg() {
  if [[ $EUID -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

sudo_if_needed() {
  if [[ $EUID -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "PostgreSQL/PostGIS must be installed, which needs root (or sudo): run this script as root once"
  fi
}

apt_install() {
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold -o DPkg::Lock::Timeout=300 "$@" \
    >>"$LOG" 2>&1 || die "apt-get install $* failed"
}

apt_updated=0
apt_update() {
  if [[ $apt_updated -eq 0 ]]; then
    command -v apt-get >/dev/null 2>&1 || die "PostgreSQL with PostGIS is not installed and apt-get is not available"
    sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get update -q -o DPkg::Lock::Timeout=300 >>"$LOG" 2>&1 \
      || die "apt-get update failed"
    apt_updated=1
  fi
}

has_candidate() { # does apt know a package of this name?
  local c
  c="$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2}')"
  [[ -n "$c" && "$c" != "(none)" ]]
}

installed_versions() { # server major versions installed, newest first
  local d
  for d in /usr/lib/postgresql/*/bin/postgres; do
    [[ -x "$d" && -x "${d%/postgres}/initdb" ]] && basename "$(dirname "$(dirname "$d")")"
  done 2>/dev/null | sort -rn
}

has_postgis() { ls /usr/share/postgresql/"$1"/extension/postgis.control >/dev/null 2>&1; }

ensure_installed() {
  local v
  if [[ -n "${PG_VERSION_FOR_TESTS:-}" ]]; then
    VER="$PG_VERSION_FOR_TESTS"
    if [[ ! -x /usr/lib/postgresql/$VER/bin/postgres ]] || ! has_postgis "$VER"; then
      apt_update
      apt_install "postgresql-$VER" "postgresql-$VER-postgis-3"
    fi
  else
    VER=""
    for v in $(installed_versions); do
      if has_postgis "$v"; then VER="$v"; break; fi
    done
    if [[ -z "$VER" ]]; then
      apt_update
      # An installed server whose PostGIS Debian still ships: add PostGIS to it.
      for v in $(installed_versions); do
        if has_candidate "postgresql-$v-postgis-3"; then
          apt_install "postgresql-$v-postgis-3"
          VER="$v"
          break
        fi
      done
      # Otherwise the release's default server and its PostGIS.
      if [[ -z "$VER" ]]; then
        apt_install postgresql postgresql-postgis
        for v in $(installed_versions); do
          if has_postgis "$v"; then VER="$v"; break; fi
        done
      fi
    fi
  fi
  [[ -n "$VER" ]] && has_postgis "$VER" || die "no PostgreSQL server with PostGIS found after installing"
  BIN="/usr/lib/postgresql/$VER/bin"
  [[ -x "$BIN/initdb" && -x "$BIN/pg_ctl" && -x "$BIN/psql" ]] || die "incomplete PostgreSQL $VER in $BIN"
  if [[ $EUID -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
    die "user 'postgres' does not exist (it comes with Debian's postgresql-common)"
  fi
}

postmaster_alive() { # the pid in postmaster.pid is a live (not zombie) process
  local pid state
  [[ -f "$DATA/postmaster.pid" ]] || return 1
  pid="$(head -n 1 "$DATA/postmaster.pid" 2>/dev/null)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  state="$(awk '/^State:/ {print $2}' "/proc/$pid/status" 2>/dev/null)"
  [[ -n "$state" && "$state" != Z ]]
}

running() { # our server runs from $DATA and accepts connections
  [[ -f "$DATA/PG_VERSION" ]] && postmaster_alive && as_pg "$BIN/pg_isready" -q -h "$DATA" -p "$PORT" -U postgres -d postgres
}

port_busy() { (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; }

stop_server() {
  local bin
  if [[ -f "$DATA/PG_VERSION" ]]; then
    bin="/usr/lib/postgresql/$(cat "$DATA/PG_VERSION")/bin"
    if [[ -x "$bin/pg_ctl" ]] && postmaster_alive; then
      as_pg "$bin/pg_ctl" -D "$DATA" -m immediate -w -t 60 stop >>"$LOG" 2>&1 \
        || ! postmaster_alive || die "could not stop the server in $DATA"
    fi
  fi
  rm -rf "$DATA"
}

psql_q() { # psql_q DB SQL: run SQL on the unix socket in the data dir
  as_pg "$BIN/psql" -X -q -At -v ON_ERROR_STOP=1 -h "$DATA" -p "$PORT" -U postgres -d "$1" -c "$2"
}

start_server() {
  if running; then
    return 0
  fi
  if [[ -e "$DATA" ]]; then stop_server; fi # a stale cluster: throw it away
  port_busy && die "port $PORT on $HOST is already in use by another program: set PGPORT_FOR_TESTS to a free port"

  mkdir -p "$(dirname "$DATA")"
  mkdir -m 700 "$DATA" || die "cannot create $DATA"
  if [[ $EUID -eq 0 ]]; then chown postgres:postgres "$DATA"; fi

  as_pg "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --no-locale -E UTF8 --no-sync --no-instructions \
    >>"$LOG" 2>&1 || die "initdb failed (PostgreSQL $VER, $DATA)"

  # Trust, but only on the unix socket (in the data dir) and on 127.0.0.1.
  as_pg tee "$DATA/pg_hba.conf" >/dev/null <<'EOF'
local all all             trust
host  all all 127.0.0.1/32 trust
EOF
  as_pg tee -a "$DATA/postgresql.conf" >/dev/null <<EOF

# --- scripts/postgres-for-tests.sh: a throwaway server for tests, durability off ---
listen_addresses = '$HOST'
port = $PORT
unix_socket_directories = '$DATA'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 128MB
logging_collector = off
EOF

  as_pg "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 start >>"$LOG" 2>&1 \
    || die "the server did not start (PostgreSQL $VER, port $PORT)"
  local i
  for i in $(seq 1 100); do
    as_pg "$BIN/pg_isready" -q -h "$HOST" -p "$PORT" -U postgres -d postgres && return 0
    sleep 0.1
  done
  die "the server started but does not accept connections on $HOST:$PORT"
}

create_databases() {
  local db
  for db in "${DBS[@]}"; do
    if [[ "$(psql_q postgres "SELECT 1 FROM pg_database WHERE datname = '$db'" 2>>"$LOG")" != 1 ]]; then
      psql_q postgres "CREATE DATABASE $db" >>"$LOG" 2>&1 || die "CREATE DATABASE $db failed"
    fi
  done
  psql_q faultline_test "CREATE EXTENSION IF NOT EXISTS postgis" >>"$LOG" 2>&1 \
    || die "CREATE EXTENSION postgis failed in faultline_test"
}

case "${1:-start}" in
  start)
    ensure_installed
    start_server
    create_databases
    echo "export FAULTLINE_TEST_PG_URL=postgres://postgres@$HOST:$PORT/faultline_test"
    echo "export FAULTLINE_TEST_PG_NOGIS_URL=postgres://postgres@$HOST:$PORT/faultline_test_nogis"
    ;;
  stop)
    stop_server
    ;;
  *)
    echo "usage: $0 [start|stop]" >&2
    exit 2
    ;;
esac

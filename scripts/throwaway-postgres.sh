#!/usr/bin/env bash
# A disposable PostgreSQL cluster for tests (local runs and CI); nothing in it is meant to survive.
#
#   eval "$(scripts/throwaway-postgres.sh start)"   # starts it (or finds it running), exports DATABASE_URL
#   scripts/throwaway-postgres.sh status
#   scripts/throwaway-postgres.sh stop              # stops it and deletes its files
#
# start and stop are idempotent. Only the `export DATABASE_URL=…` line goes to stdout; everything
# else goes to stderr, so `eval` sees nothing but that line.
# Works as root (initdb refuses root, so the server runs as the `postgres` user) and as a normal user.
# Environment: THROWAWAY_PG_PORT (default 54329), THROWAWAY_PG_DIR (default /tmp/workplace-sync-pg-<port>),
# PGBIN (default: the newest /usr/lib/postgresql/*/bin, else `pg_config --bindir`).
set -euo pipefail

port="${THROWAWAY_PG_PORT:-54329}"
dir="${THROWAWAY_PG_DIR:-/tmp/workplace-sync-pg-${port}}"
data="${dir}/data"
log="${dir}/server.log"
url="postgres://postgres@127.0.0.1:${port}/postgres"

say() { echo "throwaway-postgres: $*" >&2; }

find_pgbin() {
  if [[ -n "${PGBIN:-}" ]]; then echo "$PGBIN"; return; fi
  local newest
  newest="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -n "$newest" ]]; then echo "$newest"; return; fi
  if command -v pg_config >/dev/null 2>&1; then pg_config --bindir; return; fi
  say "no PostgreSQL server binaries found (looked in /usr/lib/postgresql/*/bin and pg_config)."
  say "install them, e.g. on Debian/Ubuntu: apt-get install -y postgresql   (or set PGBIN)"
  exit 1
}

# initdb and postgres refuse to run as root.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

is_running() {
  [[ -f "${data}/PG_VERSION" ]] && as_owner "${pgbin}/pg_ctl" -D "$data" status >/dev/null 2>&1
}

start() {
  if is_running; then
    say "already running on 127.0.0.1:${port} (${data})"
  else
    if [[ ! -f "${data}/PG_VERSION" ]]; then
      rm -rf "$dir"
      mkdir -p "$dir"
      if [[ "$(id -u)" == 0 ]]; then
        id postgres >/dev/null 2>&1 || { say "running as root needs a 'postgres' user (the Debian package creates it)"; exit 1; }
        chown postgres:postgres "$dir"
      fi
      say "initdb ${data} ($("${pgbin}/postgres" --version))"
      as_owner "${pgbin}/initdb" -D "$data" -U postgres -A trust -E UTF8 --no-instructions >/dev/null
    fi
    # Durability is off on purpose: the cluster is thrown away, and tests run faster without fsync.
    if ! as_owner "${pgbin}/pg_ctl" -D "$data" -l "$log" -w -t 30 start \
      -o "-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      >/dev/null; then
      say "the server did not start; last lines of ${log}:"
      tail -n 20 "$log" >&2 || true
      exit 1
    fi
    say "started on 127.0.0.1:${port} (${data})"
  fi
  echo "export DATABASE_URL=${url}"
}

stop() {
  if is_running; then
    as_owner "${pgbin}/pg_ctl" -D "$data" -m fast -w stop >/dev/null
    say "stopped"
  fi
  if [[ -d "$dir" ]]; then
    rm -rf "$dir"
    say "removed ${dir}"
  else
    say "nothing to remove at ${dir}"
  fi
}

status() {
  if is_running; then
    say "running on 127.0.0.1:${port} (${data})"
    echo "export DATABASE_URL=${url}"
  else
    say "not running (${dir})"
    return 1
  fi
}

pgbin="$(find_pgbin)"
if [[ ! -x "${pgbin}/pg_ctl" || ! -x "${pgbin}/initdb" ]]; then
  say "${pgbin} has no pg_ctl/initdb (set PGBIN to a PostgreSQL server bin directory, or apt-get install -y postgresql)"
  exit 1
fi
case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac

#!/usr/bin/env bash
# Starts a throw-away PostgreSQL for the tests, as the `postgres` user when run as root (PostgreSQL
# refuses to run as root), in a temporary directory, on a free loopback port; exports
# SOUVERAIN_TEST_DATABASE_URL and stops (and deletes) it when the calling shell exits.
# Use: source scripts/test-postgres.sh   (installs Debian's postgresql with apt-get when missing)
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

pg_bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

if [ -z "$(pg_bin_dir)" ]; then
  echo "test-postgres: installing Debian's postgresql (apt-get)" >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  # Debian's package starts a cluster of its own on 5432; the tests use their own one.
fi
SOUVERAIN_PG_BIN="$(pg_bin_dir)"
SOUVERAIN_PG_DIR="$(mktemp -d /tmp/souverain-pg.XXXXXX)"
run_as_db_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = 0 ]; then chown postgres "$SOUVERAIN_PG_DIR"; fi
# A free port: ask the kernel for one, then let PostgreSQL take it.
SOUVERAIN_PG_PORT="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
run_as_db_user "$SOUVERAIN_PG_BIN/initdb" -D "$SOUVERAIN_PG_DIR/data" -U souverain -A trust --no-sync -E UTF8 >/dev/null
run_as_db_user "$SOUVERAIN_PG_BIN/pg_ctl" -D "$SOUVERAIN_PG_DIR/data" -l "$SOUVERAIN_PG_DIR/log" -w \
  -o "-h 127.0.0.1 -p $SOUVERAIN_PG_PORT -k $SOUVERAIN_PG_DIR -F -c max_connections=200" start >/dev/null

souverain_stop_postgres() {
  run_as_db_user "$SOUVERAIN_PG_BIN/pg_ctl" -D "$SOUVERAIN_PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$SOUVERAIN_PG_DIR"
}
trap souverain_stop_postgres EXIT
export SOUVERAIN_TEST_DATABASE_URL="postgres://souverain@127.0.0.1:$SOUVERAIN_PG_PORT/postgres"
echo "test-postgres: PostgreSQL $("$SOUVERAIN_PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$SOUVERAIN_PG_PORT (SOUVERAIN_TEST_DATABASE_URL)" >&2

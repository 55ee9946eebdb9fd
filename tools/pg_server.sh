#!/usr/bin/env bash
# A throwaway PostgreSQL server for the team-store tests (`make test-pg`, .ci/run).
#
#   tools/pg_server.sh start   # prints the URL to export as SHOPREEL_TEST_PG_URL
#   tools/pg_server.sh stop
#
# Uses Debian's server binaries (apt-get install postgresql). The cluster lives in a temp folder,
# listens on 127.0.0.1 only, trusts local connections and skips fsync: test data, nothing else.
set -euo pipefail

DIR=${SHOPREEL_PG_DIR:-/tmp/shopreel-pg}
PORT=${SHOPREEL_PG_PORT:-55432}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$BIN" ] || { echo "pg_server: no PostgreSQL server installed (apt-get install postgresql)" >&2; exit 2; }

as_owner() {  # PostgreSQL refuses to run as root: run as the postgres user then
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
start)
    if [ ! -f "$DIR/PG_VERSION" ]; then
        mkdir -p "$DIR"
        [ "$(id -u)" = 0 ] && chown postgres "$DIR"
        as_owner "$BIN/initdb" -D "$DIR" -U shopreel --auth=trust -E UTF8 --no-locale >/dev/null
    fi
    if ! as_owner "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
        as_owner "$BIN/pg_ctl" -D "$DIR" -w -l "$DIR/server.log" start -o \
            "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null
    fi
    echo "postgresql+psycopg://shopreel@127.0.0.1:$PORT/postgres"
    ;;
stop)
    as_owner "$BIN/pg_ctl" -D "$DIR" -m fast stop >/dev/null 2>&1 || true
    ;;
*)
    echo "usage: $0 start|stop" >&2; exit 2 ;;
esac

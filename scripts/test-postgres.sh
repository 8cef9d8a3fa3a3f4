# Sourced by ./test.sh: a throwaway PostgreSQL server for the store tests (issue 8), from Debian's packages, on
# loopback only, in a temporary folder, stopped and deleted when the tests end. The tests find it through
# BALLISTICS_TEST_POSTGRES (an Npgsql connection string); each test makes and drops a database of its own.

BALLISTICS_PG_DIR=""
BALLISTICS_PG_BIN=""

# Runs a PostgreSQL program as the cluster's owner: initdb and postgres refuse to run as root.
_pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start_test_postgres() {
  BALLISTICS_PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  if [ -z "$BALLISTICS_PG_BIN" ]; then
    apt_install "PostgreSQL for the store tests" postgresql || return 1
    BALLISTICS_PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  fi

  BALLISTICS_PG_DIR="$(mktemp -d /tmp/ballistics-pg.XXXXXX)"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$BALLISTICS_PG_DIR"
  # trust on loopback: a test cluster that lives as long as this run and listens on 127.0.0.1 only.
  if ! _pg_as_owner "$BALLISTICS_PG_BIN/initdb" -D "$BALLISTICS_PG_DIR/data" -U postgres --auth=trust -E UTF8 --no-locale >"$BALLISTICS_PG_DIR/initdb.log" 2>&1; then
    echo "ballistics: initdb failed:" >&2
    cat "$BALLISTICS_PG_DIR/initdb.log" >&2
    return 1
  fi

  local attempt port
  for attempt in 1 2 3 4 5; do
    port=$((20000 + (RANDOM % 20000)))
    if _pg_as_owner "$BALLISTICS_PG_BIN/pg_ctl" -D "$BALLISTICS_PG_DIR/data" -l "$BALLISTICS_PG_DIR/server.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $BALLISTICS_PG_DIR -c fsync=off -c synchronous_commit=off -c max_connections=200" start >/dev/null 2>&1; then
      export BALLISTICS_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=false"
      echo "ballistics: PostgreSQL for the store tests on 127.0.0.1:$port" >&2
      return 0
    fi
  done

  echo "ballistics: PostgreSQL would not start; its log:" >&2
  cat "$BALLISTICS_PG_DIR/server.log" >&2
  return 1
}

stop_test_postgres() {
  [ -n "$BALLISTICS_PG_DIR" ] || return 0
  _pg_as_owner "$BALLISTICS_PG_BIN/pg_ctl" -D "$BALLISTICS_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$BALLISTICS_PG_DIR"
  BALLISTICS_PG_DIR=""
}

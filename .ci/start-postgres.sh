#!/usr/bin/env bash
# Starts a local PostgreSQL for the store contract tests (PostgresBerthStoreTest) and writes the
# variables they read, as export lines, to the file given as its argument. Idempotent; runs as root
# on Debian. Usage:
#   bash .ci/start-postgres.sh /tmp/berth-postgres.env && . /tmp/berth-postgres.env
# The server it starts must not inherit this script's output: a daemon holding the pipe of a
# `$(...)` open made the caller wait forever (the CI timeout of 2026-11-25).
set -euo pipefail
ENV_FILE=${1:?usage: start-postgres.sh ENV_FILE}

ROLE=berth
PASSWORD=berth
DATABASE=berth_test

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    echo "start-postgres: installing PostgreSQL" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q postgresql
fi

VERSION=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$VERSION main"; then
    pg_createcluster "$VERSION" main
fi
if ! pg_ctlcluster "$VERSION" main status >/dev/null 2>&1; then
    # pg_ctlcluster can report failure in containers although the server came up; pg_isready below decides.
    # The server outlives this script: start it with no descriptor of ours but stderr, which
    # pg_ctlcluster points at the cluster's log file for the daemon.
    (
        for fd in $(ls /proc/$BASHPID/fd); do
            if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
        done
        exec pg_ctlcluster "$VERSION" main start </dev/null >&2
    ) || echo "start-postgres: pg_ctlcluster start returned $?; waiting for the server" >&2
fi
PORT=$(pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main" {print $3}')

for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p "$PORT" && break
    sleep 0.5
done
pg_isready -h 127.0.0.1 -p "$PORT" || { echo "start-postgres: PostgreSQL $VERSION did not come up on port $PORT" >&2; exit 1; }

psql_admin() {
    runuser -u postgres -- psql -p "$PORT" -v ON_ERROR_STOP=1 -qtA "$@"
}
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != "1" ]; then
    psql_admin -c "CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD'"
else
    psql_admin -c "ALTER ROLE $ROLE LOGIN PASSWORD '$PASSWORD'"
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" != "1" ]; then
    psql_admin -c "CREATE DATABASE $DATABASE OWNER $ROLE"
fi
echo "start-postgres: PostgreSQL $VERSION on 127.0.0.1:$PORT, database $DATABASE, role $ROLE" >&2

cat > "$ENV_FILE" <<EOF
export BERTH_TEST_POSTGRES_URL='jdbc:postgresql://127.0.0.1:$PORT/$DATABASE'
export BERTH_TEST_POSTGRES_USER='$ROLE'
export BERTH_TEST_POSTGRES_PASSWORD='$PASSWORD'
EOF

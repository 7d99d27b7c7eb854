#!/usr/bin/env bash
# Starts a local PostgreSQL for the store contract tests (PostgresBerthStoreTest) and prints the
# variables they read. Idempotent; runs as root on Debian. Usage:
#   eval "$(bash .ci/start-postgres.sh)"
# Only the export lines go to stdout; everything else goes to stderr.
set -euo pipefail
exec 3>&1 1>&2

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
    pg_ctlcluster "$VERSION" main start || echo "start-postgres: pg_ctlcluster start returned $?; waiting for the server" >&2
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

echo "export BERTH_TEST_POSTGRES_URL='jdbc:postgresql://127.0.0.1:$PORT/$DATABASE'" >&3
echo "export BERTH_TEST_POSTGRES_USER='$ROLE'" >&3
echo "export BERTH_TEST_POSTGRES_PASSWORD='$PASSWORD'" >&3

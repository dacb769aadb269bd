#!/usr/bin/env bash
# The load test (bench/Switchboard.Load, see docs/load-test.md) on SQLite, then on PostgreSQL: a
# throwaway cluster started with .ci/postgres on a port of its own (55439 unless SWITCHBOARD_PG_PORT
# says otherwise), stopped afterwards if this script started it. Run by hand, never by .ci/run.
#   bench/load.sh                              # 50 administrators in 10 clients, 120 s each
#   bench/load.sh --seconds 30 --admins 10     # any arguments go to both runs
# Each run's full output goes to stdout and to $SWITCHBOARD_LOAD_OUT (default /tmp/switchboard-load-*.txt).
# Exit code 0 only when both runs end with "VERDICT ...: PASS".
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
export SWITCHBOARD_PG_PORT=${SWITCHBOARD_PG_PORT:-55439}
export SWITCHBOARD_PG_DIR=${SWITCHBOARD_PG_DIR:-/tmp/switchboard-pg-load}
out=${SWITCHBOARD_LOAD_OUT:-/tmp/switchboard-load}

dotnet build bench/Switchboard.Load -c Release -v q -nologo >/dev/null || { echo "build failed"; exit 1; }
run() { dotnet run -c Release --no-build --project bench/Switchboard.Load -- "$@"; }

status=0
run "$@" 2>&1 | tee "$out-sqlite.txt"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

started=no
[ -f "$SWITCHBOARD_PG_DIR/postmaster.pid" ] || started=yes
if pg=$(.ci/postgres); then
  run "$@" --postgres "$pg" 2>&1 | tee "$out-postgres.txt"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  [ "$started" = yes ] && .ci/postgres stop
else
  echo "could not start PostgreSQL"; status=1
fi

echo
grep -h '^VERDICT' "$out-sqlite.txt" "$out-postgres.txt" 2>/dev/null
exit $status

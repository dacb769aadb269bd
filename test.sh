#!/usr/bin/env bash
# Runs every test of Switchboard on a Debian machine with the .NET 10 SDK: installs the Debian
# packages the tests use (only those missing; as root, or through sudo), starts a throwaway
# PostgreSQL cluster on 127.0.0.1 (.ci/postgres), runs the SQLite suite and the PostgreSQL suite,
# and ends with one line "N passed, N failed" (exit code 0 only when nothing failed).
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DEBIAN_FRONTEND=noninteractive

# The Debian packages the tests use, each with how to tell it is already there.
# Add a package here as "package|check" (the check is a shell condition).
PACKAGES=(
  "chromium|[ -x /usr/bin/chromium ]"                              # browser tests (Playwright drives it)
  "libreoffice-calc|command -v soffice >/dev/null"                 # the spreadsheet round trip
  "gnumeric|command -v ssconvert >/dev/null"                       # the round trip through a spreadsheet that drops the apostrophe
  "postgresql|ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1" # the PostgreSQL suite (.ci/postgres)
  "sqlite3|command -v sqlite3 >/dev/null"                          # the README's backup command
  "kamailio|command -v kamailio >/dev/null"                        # the SIP registrar the suite starts
  "kamailio-sqlite-modules|[ -e /usr/lib/x86_64-linux-gnu/kamailio/modules/db_sqlite.so ]"
  "kamailio-postgres-modules|[ -e /usr/lib/x86_64-linux-gnu/kamailio/modules/db_postgres.so ]"
  "sip-tester|command -v sipp >/dev/null"                          # SIPp registers like a phone
  "nginx|[ -x /usr/sbin/nginx ]"                                   # the TLS proxy in front of a server (deploy/nginx)
  "systemd|command -v systemd-analyze >/dev/null"                  # checks the shipped units (deploy/systemd)
)

# apt-get runs as root: directly, or through sudo.
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo -E"

need=()
for entry in "${PACKAGES[@]}"; do
  eval "${entry#*|}" || need+=("${entry%%|*}")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing: ${need[*]}"
  if [ -n "$SUDO" ] && ! command -v sudo >/dev/null; then
    echo "Run as root, or install sudo: the tests need ${need[*]}."; echo "0 passed, 1 failed"; exit 1
  fi
  if ! { $SUDO apt-get update -q && $SUDO apt-get install -y -q --no-install-recommends "${need[@]}"; }; then
    echo "apt-get install ${need[*]} failed"; echo "0 passed, 1 failed"; exit 1
  fi
fi

# promtool (the shipped alert rules' check) is Debian's, from the prometheus package unpacked into a
# cache rather than installed: installing it would start a Prometheus server on every address.
if [ -z "${SWITCHBOARD_PROMTOOL:-}" ]; then
  if command -v promtool >/dev/null; then
    SWITCHBOARD_PROMTOOL=$(command -v promtool)
  else
    cache="${XDG_CACHE_HOME:-$HOME/.cache}/switchboard/prometheus"
    if [ ! -x "$cache/usr/bin/promtool" ]; then
      unpack() { rm -rf "$cache" && mkdir -p "$cache" && (cd "$cache" && apt-get download -q prometheus >/dev/null 2>&1 && dpkg -x prometheus_*.deb . && rm -f prometheus_*.deb); }
      unpack || { $SUDO apt-get update -q >/dev/null && unpack; } || echo "could not unpack promtool from Debian's prometheus package; the alert rules test will say so"
    fi
    SWITCHBOARD_PROMTOOL="$cache/usr/bin/promtool"
  fi
  export SWITCHBOARD_PROMTOOL
fi

passed=0; failed=0
logs=$(mktemp -d)

# Adds the totals of one `dotnet test` run (its log in $1, its exit code in $2).
count_tests() {
  local summary p f
  summary=$(grep -E '^(Passed|Failed)!' "$1" | tail -1)
  p=$(sed -nE 's/.*Passed: *([0-9]+).*/\1/p' <<<"$summary"); f=$(sed -nE 's/.*Failed: *([0-9]+),.*/\1/p' <<<"$summary")
  if [ -z "$p" ]; then echo "dotnet test produced no summary (exit $2)"; p=0; f=1; fi
  [ "$2" -ne 0 ] && [ "${f:-0}" -eq 0 ] && f=1
  passed=$((passed + p)); failed=$((failed + f))
}

# The SQLite suite: everything in tests/Switchboard.Tests.
dotnet test tests/Switchboard.Tests 2>&1 | tee "$logs/sqlite.log"
count_tests "$logs/sqlite.log" "${PIPESTATUS[0]}"

# The PostgreSQL suite, on the throwaway cluster (reused when it already runs; `.ci/postgres stop` stops it).
if pg=$(.ci/postgres); then
  SWITCHBOARD_TEST_POSTGRES="$pg" dotnet test tests/Switchboard.Tests.Postgres 2>&1 | tee "$logs/postgres.log"
  count_tests "$logs/postgres.log" "${PIPESTATUS[0]}"
else
  echo "could not start PostgreSQL"; failed=$((failed + 1))
fi

rm -rf "$logs"
echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]

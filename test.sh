#!/usr/bin/env bash
# The one test command (README "Test"): installs what the tests need on a Debian machine when it is missing, builds the
# solution, runs every test project, and ends with one line "N passed, N failed" over all of them.
# Exit status: 0 when every test passed, 1 otherwise.
set -uo pipefail
cd "$(dirname "$0")"

log() { printf '[test.sh] %s\n' "$*" >&2; }

# --- prerequisites -----------------------------------------------------------------------------------------------
if ! command -v dotnet >/dev/null 2>&1; then
  log "the .NET 10 SDK is required (dotnet not on PATH)"; echo "0 passed, 1 failed"; exit 1
fi
apt_install() {
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  log "installing Debian packages: $*"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}
# PostgreSQL server binaries: the tests start a throwaway server with initdb/pg_ctl (tests/TestSupport/README.md),
# unless ACTORS_TEST_POSTGRES names a server. Debian's package puts them in /usr/lib/postgresql/<version>/bin.
if ! command -v initdb >/dev/null 2>&1 && ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  apt_install postgresql || log "could not install postgresql; the PostgreSQL tests will fail and say why"
fi
# Chromium and its driver: the browser tests (tests/Api.Tests/Admin/Browser) drive Debian's chromium headless through
# chromedriver, at these paths; without them those tests fail and name this script.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  apt_install chromium chromium-driver || log "could not install chromium and chromium-driver; the browser tests will fail and say why"
fi

# --- build -------------------------------------------------------------------------------------------------------
log "building"
if ! dotnet build Actors.sln -c Debug -nologo -v quiet; then
  log "build failed"; echo "0 passed, 1 failed"; exit 1
fi

# --- test --------------------------------------------------------------------------------------------------------
results=$(mktemp -d)
status=0
passed=0
failed=0
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  log "running $name"
  output="$results/$name.log"
  dotnet test "$project" -c Debug --no-build -nologo --logger "console;verbosity=normal" 2>&1 | tee "$output" | grep -E '^\s+Failed |^\[xUnit.net.*\[FAIL\]|error' || true
  if ! grep -qE '^Total tests: +[0-9]+' "$output"; then
    log "$name produced no test summary (crash or build problem); counting it as one failure. Its last output:"
    tail -n 60 "$output" >&2
    failed=$((failed + 1)); status=1; continue
  fi
  p=$(grep -E '^ +Passed: +[0-9]+$' "$output" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
  f=$(grep -E '^ +Failed: +[0-9]+$' "$output" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$f" -ne 0 ]; then
    status=1
    log "$name: $f failed; their messages and stack traces:"
    grep -A 25 -E '^\s+Failed ' "$output" >&2 || true
  fi
done
rm -rf "$results"

echo "$passed passed, $failed failed"
exit $status

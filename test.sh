#!/usr/bin/env bash
# Builds and runs every test project in Release, and the engine's again in Debug (its bounds assertions). The last
# line is `N passed, N failed` (the test runner's own counts); the exit status is non-zero when anything failed.
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$repo"
# shellcheck source=scripts/native-deps.sh
source "$repo/scripts/native-deps.sh"
# shellcheck source=scripts/test-postgres.sh
source "$repo/scripts/test-postgres.sh"
ensure_dotnet || { echo "0 passed, 0 failed"; exit 1; }
ensure_native_deps || { echo "0 passed, 0 failed"; exit 1; }
ensure_test_browser || { echo "0 passed, 0 failed"; exit 1; }
ensure_redocly || { echo "0 passed, 0 failed"; exit 1; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
log="$(mktemp)"
trap 'rm -f "$log"; stop_test_postgres' EXIT
start_test_postgres || { echo "0 passed, 0 failed"; exit 1; }
dotnet test Ballistics.sln -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# The hot kernels' Debug.Assert bounds checks are compiled out of Release: the engine's tests run once more in Debug.
dotnet test tests/Ballistics.Engine.Tests/Ballistics.Engine.Tests.csproj -c Debug 2>&1 | tee -a "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

# One summary line per test assembly: "Passed!  - Failed: 0, Passed: 80, Skipped: 0, Total: 80, ..."
read -r passed failed < <(grep -E '^(Passed|Failed)! +- Failed: ' "$log" \
  | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+).*/\2 \1/' \
  | awk '{p+=$1; f+=$2} END {print p+0, f+0}')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or the runner itself failed: count it, so the line never reads as green.
  failed=1
fi
echo "${passed} passed, ${failed} failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]

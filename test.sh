#!/usr/bin/env bash
# Builds the solution and runs every test: unit tests, and integration tests over HTTP on SQLite and on a
# PostgreSQL server that the tests start themselves. Ends with one line: "N passed, N failed[, N skipped]".
set -euo pipefail
cd "$(dirname "$0")"

# What the tests need from Debian: the PostgreSQL server binaries (integration tests), Chromium (end-to-end
# tests) and npm (the web project's build installs the GOV.UK front end with it).
sudo_if_needed() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
missing=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_if_needed apt-get update
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

dotnet tool restore
dotnet build PersonalBudgets.slnx -c Release

results="TestResults/run"
rm -rf "$results"
mkdir -p "$results"
test_status=0
dotnet test PersonalBudgets.slnx --no-build -c Release \
  --logger "console;verbosity=normal" \
  --logger "trx;LogFilePrefix=results" \
  --results-directory "$results" || test_status=$?

# Count from the TRX files: one per test project.
total=0; executed=0; passed=0; failed=0
shopt -s nullglob
trx_files=("$results"/*.trx)
for trx in "${trx_files[@]}"; do
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  value() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  total=$((total + $(value total)))
  executed=$((executed + $(value executed)))
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
done
skipped=$((total - executed))
projects="$(find tests -name '*.Tests.csproj' | wc -l)"

# Name each failed test again at the end, where a reader of the output's last lines will see it.
if [ "$failed" -gt 0 ]; then
  echo
  echo "Failed tests:"
  for trx in "${trx_files[@]}"; do
    grep -o '<UnitTestResult [^>]*outcome="Failed"[^>]*>' "$trx" \
      | sed -n 's/.*testName="\([^"]*\)".*/  \1/p' || true
  done
fi

summary="$passed passed, $failed failed"
if [ "$skipped" -gt 0 ]; then summary="$summary, $skipped skipped"; fi
echo
echo "$summary"

if [ "${#trx_files[@]}" -lt "$projects" ]; then
  echo "Expected a result file for each of the $projects test projects, found ${#trx_files[@]}." >&2
  exit 1
fi
if [ "$total" -eq 0 ]; then
  echo "No tests ran." >&2
  exit 1
fi
if [ "$failed" -gt 0 ] || [ "$test_status" -ne 0 ]; then
  exit 1
fi

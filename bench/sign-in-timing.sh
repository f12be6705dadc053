#!/usr/bin/env bash
# Measures how long the sign-in POST takes for a real account with a wrong password, an unknown email and a locked
# account, against a running app (default the local development address). The three should take about the same:
# every attempt verifies a password hash. Usage: bench/sign-in-timing.sh [base-url] [rounds]
#   Start the app first: dotnet run --project src/PersonalBudgets.Web -c Release
set -euo pipefail
BASE="${1:-http://localhost:5080}"
ROUNDS="${2:-20}"
# Real accounts take turns, 4 wrong attempts each at most, so none reaches the lockout of 5.
REAL=(${REAL_EMAILS:-socialworker@northmoor.example nurse@northmoor.example psychologist@northmoor.example ot@northmoor.example manager.north@northmoor.example manager.south@northmoor.example analyst@northmoor.example finance@northmoor.example panel@northmoor.example})
UNKNOWN="nobody.$RANDOM@northmoor.example"
LOCKED="${LOCKED_EMAIL:-peersupport@northmoor.example}"
JAR="$(mktemp)"
trap 'rm -f "$JAR"' EXIT

token() {
  curl -s -c "$JAR" -b "$JAR" "$BASE/Account/SignIn" \
    | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1
}

# One sign-in attempt; prints the time in milliseconds.
attempt() {
  local email="$1" t
  t="$(token)"
  curl -s -o /dev/null -w '%{time_total}\n' -c "$JAR" -b "$JAR" \
    --data-urlencode "Email=$email" --data-urlencode "Password=wrong password $RANDOM" \
    --data-urlencode "__RequestVerificationToken=$t" "$BASE/Account/SignIn" \
    | awk '{ printf "%.1f\n", $1 * 1000 }'
}

measure() {
  local label="$1"
  shift
  local emails=("$@") times
  times="$(for i in $(seq 0 $((ROUNDS - 1))); do attempt "${emails[$((i % ${#emails[@]}))]}"; done | sort -n)"
  printf '%-34s median %7s ms   min %7s ms   max %7s ms\n' "$label" \
    "$(echo "$times" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')" \
    "$(echo "$times" | head -1)" "$(echo "$times" | tail -1)"
}

if (( ROUNDS > 4 * ${#REAL[@]} )); then
  echo "At most $((4 * ${#REAL[@]})) rounds, so no real account is locked by the measurement" >&2
  exit 1
fi

# Warm the app up, then lock one account (5 wrong passwords), so its attempts below meet the lockout.
attempt "$UNKNOWN" >/dev/null
for _ in 1 2 3 4 5; do attempt "$LOCKED" >/dev/null; done

echo "Sign-in POST against $BASE, $ROUNDS rounds each"
measure "real account, wrong password" "${REAL[@]}"
measure "unknown email" "$UNKNOWN"
measure "locked account" "$LOCKED"
echo "Note: $LOCKED is now locked for 15 minutes; the other accounts' failed-attempt counts reset when they next sign in."

#!/usr/bin/env bash
# Two Release instances of the service on one PostgreSQL database behind HAProxy (issue 10, item 6), for the benchmark.
# Usage: bench/two-instances.sh CONNECTION_STRING PORT
#   HAProxy listens on PORT; the instances on PORT+1 and PORT+2. Runs in the foreground until stopped (Ctrl-C, SIGTERM,
#   or one of the three exits), then stops all three. Prints "ready http://..." once HAProxy answers.
#   The database must be migrated first (dotnet src/PersonalBudgets.Web/bin/Release/net10.0/PersonalBudgets.Web.dll
#   migrate, with the same settings), or set MIGRATE=1 to do it here.
# Environment: ASPNETCORE_ENVIRONMENT (default Production); DemoData__Seed (default false); FORWARDED_PROTO (default
#   https: HAProxy stands for a proxy that ends TLS, so Secure cookies work); BIND (default 127.0.0.1); LOG_DIR (default
#   a temporary folder: a.log, b.log, haproxy.log and a.pid, b.pid for measuring memory); any other setting of the
#   service as an environment variable (e.g. Pathway__EscalationIntervalMinutes).
set -euo pipefail
cd "$(dirname "$0")/.."
CONN="${1:?Usage: bench/two-instances.sh CONNECTION_STRING PORT}"
PORT="${2:?Usage: bench/two-instances.sh CONNECTION_STRING PORT}"
A_PORT=$((PORT + 1))
B_PORT=$((PORT + 2))
WEB="src/PersonalBudgets.Web"
DLL="$PWD/$WEB/bin/Release/net10.0/PersonalBudgets.Web.dll"
LOG_DIR="${LOG_DIR:-$(mktemp -d)}"
mkdir -p "$LOG_DIR"

sudo_if_needed() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
if ! command -v haproxy >/dev/null 2>&1 && [ ! -x /usr/sbin/haproxy ]; then
  echo "Installing the Debian package haproxy"
  sudo_if_needed apt-get update
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends haproxy
fi
HAPROXY="$(command -v haproxy || echo /usr/sbin/haproxy)"
[ -f "$DLL" ] || dotnet build "$WEB" -c Release

export Database__Provider=PostgreSQL
export ConnectionStrings__PersonalBudgets="$CONN"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
export DemoData__Seed="${DemoData__Seed:-false}"
unset ASPNETCORE_URLS ASPNETCORE_HTTP_PORTS ASPNETCORE_HTTPS_PORTS

pids=()
stop_all() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all EXIT
trap 'exit 130' INT TERM

if [ "${MIGRATE:-0}" = "1" ]; then
  (cd "$WEB" && dotnet "$DLL" migrate)
fi

# An instance in the web project's folder (its content root: appsettings.json and wwwroot).
start_instance() {
  local name="$1" port="$2"
  (cd "$WEB" && exec dotnet "$DLL" --urls "http://127.0.0.1:$port") >"$LOG_DIR/$name.log" 2>&1 &
  pids+=($!)
  echo $! >"$LOG_DIR/$name.pid"
}

wait_ready() {
  local name="$1" url="$2" pid="$3"
  for _ in $(seq 1 600); do
    if curl -fsS -o /dev/null "$url/health/ready" 2>/dev/null; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$name exited before it was ready:" >&2
      tail -n 40 "$LOG_DIR/$name.log" >&2 || true
      exit 1
    fi
    sleep 0.2
  done
  echo "$name was not ready within 120 s (log: $LOG_DIR/$name.log)" >&2
  exit 1
}

start_instance a "$A_PORT"
start_instance b "$B_PORT"
wait_ready a "http://127.0.0.1:$A_PORT" "${pids[0]}"
wait_ready b "http://127.0.0.1:$B_PORT" "${pids[1]}"

sed -e "s/@BIND@/${BIND:-127.0.0.1}/" -e "s/@PORT@/$PORT/" -e "s/@A_PORT@/$A_PORT/" -e "s/@B_PORT@/$B_PORT/" \
  -e "s/@FORWARDED_PROTO@/${FORWARDED_PROTO:-https}/" bench/haproxy.cfg.template >"$LOG_DIR/haproxy.cfg"
"$HAPROXY" -c -q -f "$LOG_DIR/haproxy.cfg"
"$HAPROXY" -db -f "$LOG_DIR/haproxy.cfg" >"$LOG_DIR/haproxy.log" 2>&1 &
pids+=($!)
wait_ready haproxy "http://${BIND:-127.0.0.1}:$PORT" "${pids[2]}"
echo "ready http://${BIND:-127.0.0.1}:$PORT (instances on $A_PORT and $B_PORT; logs and pids in $LOG_DIR)"

# Until stopped, or until any of the three exits (then the trap stops the others).
wait -n "${pids[@]}"
echo "A process stopped; stopping the others" >&2
exit 1

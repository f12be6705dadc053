#!/usr/bin/env bash
# The load benchmark (see bench/README.md). One command:
#
#   bench/run.sh [--people 100000] [--seed 20261206] [--duration 20] [--connections 200] [--rate 100]
#                [--pages person,pathway,...] [--two-instances] [--regenerate] [--keep-running]
#
# It starts its own PostgreSQL (in a folder of its own, kept between runs so the data is generated once per scale),
# generates the data, starts the service in Release and Production mode against it, signs in as staff of several
# roles, records the SQL each page sends, and then for each page of the mix: a warm-up, an open loop at --rate
# requests a second (arrivals at random times), a closed loop at --connections connections (wrk), and the same
# two loads of the page's own SQL through pgbench. It prints the table and writes it to bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"

people=100000
seed=20261206
duration=20
warmup=5
connections=200
rate=100
pages=""
pages_given=0
instances=1
regenerate=0
keep_running=0
while [ $# -gt 0 ]; do
  case "$1" in
    --people) people="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --pages) pages="${2//,/ }"; pages_given=1; shift 2 ;;
    --two-instances) instances=2; shift ;;
    --regenerate) regenerate=1; shift ;;
    --keep-running) keep_running=1; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "Unknown option $1 (see bench/README.md)" >&2; exit 2 ;;
  esac
done
for n in people seed duration warmup connections rate; do
  if ! [[ "${!n}" =~ ^[1-9][0-9]*$ ]]; then echo "--$n must be a whole number above 0" >&2; exit 2; fi
done

step() { echo; echo "== $(date -u +%H:%M:%S) $*"; }

# --- What the benchmark needs from Debian -------------------------------------------------------------------------
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
missing=()
compgen -G "/usr/lib/postgresql/*/bin/pgbench" >/dev/null || missing+=(postgresql postgresql-contrib)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if [ "$instances" -gt 1 ]; then command -v haproxy >/dev/null 2>&1 || missing+=(haproxy); fi
if [ "${#missing[@]}" -gt 0 ]; then
  step "Installing Debian packages: ${missing[*]}"
  sudo_if_needed apt-get update
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"

step "Building in Release"
dotnet build src/PersonalBudgets.Web/PersonalBudgets.Web.csproj -c Release -v q -nologo
dotnet build bench/PersonalBudgets.Bench/PersonalBudgets.Bench.csproj -c Release -v q -nologo
bench() { dotnet "$repo/bench/PersonalBudgets.Bench/bin/Release/net10.0/PersonalBudgets.Bench.dll" "$@"; }
web_dll="$repo/src/PersonalBudgets.Web/bin/Release/net10.0/PersonalBudgets.Web.dll"

# --- PostgreSQL of its own ------------------------------------------------------------------------------------------
# Outside the repository, so that the postgres user can reach it and a clean checkout stays clean; kept between runs.
state="${BENCH_STATE:-/var/tmp/personal-budgets-bench}"
pgdata="$state/pgdata"
run="$state/run-$people"
mkdir -p "$state" "$run"
free_port() {
  local port=$1
  while ss -ltn "( sport = :$port )" | grep -q ":$port"; do port=$((port + 1)); done
  echo "$port"
}
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ ! -f "$pgdata/PG_VERSION" ]; then
  step "Creating a PostgreSQL cluster for the benchmark"
  mkdir -p "$pgdata"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$state" "$pgdata"; fi
  as_postgres "$pg_bin/initdb" -D "$pgdata" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  cat >>"$pgdata/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 400
shared_buffers = 1GB
effective_cache_size = 4GB
maintenance_work_mem = 512MB
max_wal_size = 4GB
checkpoint_timeout = 15min
log_line_prefix = '%m [%p] <%a> '
log_statement = 'none'
EOF
fi
pg_port="$(free_port 55432)"
cleanup() {
  set +e
  if [ "$keep_running" -eq 1 ]; then return; fi
  for pid in ${service_pids:-} ${two_instances_pid:-}; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  as_postgres "$pg_bin/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null 2>&1
}
trap cleanup EXIT
if as_postgres "$pg_bin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
  # Left running by --keep-running or an interrupted run: start afresh on a port known to be free.
  as_postgres "$pg_bin/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null
fi
step "Starting PostgreSQL on port $pg_port"
as_postgres "$pg_bin/pg_ctl" -D "$pgdata" -l "$pgdata/postgres.log" -o "-p $pg_port" -w start >/dev/null
psql_admin() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -Atq "$@"; }

# --- The data ------------------------------------------------------------------------------------------------------
db="pb_${people}_${seed}"
generated="$(psql_admin -d postgres -c "select shobj_description(oid, 'pg_database') from pg_database where datname = '$db'")"
if [ "$regenerate" -eq 1 ] || [ "$generated" != "generated" ]; then
  step "Generating $people people (seed $seed) into $db"
  psql_admin -d postgres -c "drop database if exists $db with (force)"
  psql_admin -d postgres -c "create database $db"
  bench generate --connection "Host=127.0.0.1;Port=$pg_port;Database=$db;Username=postgres" --people "$people" --seed "$seed" | tee "$run/generate.log"
  psql_admin -d postgres -c "vacuum analyze" >/dev/null
  psql_admin -d "$db" -c "vacuum analyze"
  psql_admin -d postgres -c "comment on database $db is 'generated'"
else
  step "Reusing $db (generated before; --regenerate to make it again)"
fi
psql_admin -d "$db" -c "analyze" # the service may have been upgraded with new indexes since

# --- The service ---------------------------------------------------------------------------------------------------
service_pids=""
service_connection="Host=127.0.0.1;Port=$pg_port;Database=$db;Username=postgres;Application Name=pb-service"
start_service() {
  local port=$1 log="$run/service-$1.log"
  ( cd "$repo/src/PersonalBudgets.Web" && \
    ASPNETCORE_ENVIRONMENT=Production \
    Database__Provider=PostgreSql \
    Database__MigrateOnStartup=true \
    ConnectionStrings__PersonalBudgets="$service_connection" \
    Security__SessionTimeoutMinutes=600 \
    Pathway__EscalationIntervalMinutes=0 \
    Reporting__PseudonymKey="benchmark pseudonym key: not a secret" \
    exec dotnet "$web_dll" --urls "http://127.0.0.1:$port" >"$log" 2>&1 ) &
  service_pids="$service_pids $!"
  for _ in $(seq 1 120); do
    if curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "The service on port $port did not become ready; its log:" >&2
  tail -n 40 "$log" >&2
  exit 1
}
service_port="$(free_port 5090)"
step "Starting the service (Release, Production) on port $service_port"
start_service "$service_port"
service_pid="$(echo $service_pids | awk '{print $1}')"
url="http://127.0.0.1:$service_port"

step "Signing in and choosing what to ask for"
bench prepare --url "$url" --dir "$run" --seed "$seed"

step "Recording the SQL each page sends"
psql_admin -d postgres -c "alter system set log_statement = 'all'" -c "select pg_reload_conf()" >/dev/null
sleep 1
capture_status=0
bench capture-sql --url "$url" --dir "$run" --log "$pgdata/postgres.log" || capture_status=$?
psql_admin -d postgres -c "alter system reset log_statement" -c "select pg_reload_conf()" >/dev/null
[ "$capture_status" -eq 0 ] || exit "$capture_status"

# --- The runs ------------------------------------------------------------------------------------------------------
results="$run/results.jsonl"
# A run of some pages (--pages) keeps the figures of the others from the run before; the table takes the latest.
[ "$pages_given" -eq 1 ] || : >"$results"
mkdir -p "$run/pgbench"
all_pages="person pathway my-work my-work-api team-work approvals search-name search-nhs reallocate"
pages="${pages:-$all_pages}"
role_of() { case "$1" in my-work|my-work-api) echo practitioner ;; approvals) echo approver ;; *) echo manager ;; esac; }
kind_of() { case "$1" in reallocate) echo reallocate ;; *) echo get ;; esac; }
open_connections=$(( rate < 100 ? rate : 100 ))
# Each connection waits a random time of this mean before each request: connections / mean = the rate.
mean_delay_ms=$(( open_connections * 1000 / rate ))

run_wrk() { # page kind cookie mode connections seconds [mean delay]
  local page=$1 kind=$2 cookie=$3 mode=$4 conns=$5 seconds=$6 delay=${7:-0} targets="$run/targets/$1.txt"
  [ "$kind" = mix ] && targets="$run/targets/mix.txt"
  [ "$kind" = reallocate ] && targets="$run/targets/reallocate-$mode.txt"
  BENCH_TARGETS="$targets" BENCH_KIND="$kind" BENCH_COOKIE="$cookie" BENCH_MEAN_DELAY_MS="$delay" \
  BENCH_CONNECTIONS_PER_THREAD=$(( conns / 2 )) BENCH_PAGE="$page" BENCH_MODE="$mode" BENCH_RESULT="${8:-$results}" \
  BENCH_COOKIE_MANAGER="$(cat "$run/cookie-manager.txt")" BENCH_COOKIE_PRACTITIONER="$(cat "$run/cookie-practitioner.txt")" \
  BENCH_COOKIE_APPROVER="$(cat "$run/cookie-approver.txt")" \
    wrk -t 2 -c "$conns" -d "${seconds}s" --timeout 30s -s "$repo/bench/wrk/page.lua" "${9:-$url}" >"$run/wrk-$page-$mode.txt"
}
run_pgbench() { # page mode clients [rate]; runs warm-up + 3 s longer, and only the last $duration s count
  local page=$1 mode=$2 clients=$3 prefix="$run/pgbench/$1-$2" scripts=()
  rm -f "$prefix".*
  for f in "$run/sql/$page"/*.sql; do scripts+=(-f "$f"); done
  local throttle=()
  [ -n "${4:-}" ] && throttle=(-R "$4")
  ( cd "$run/pgbench" && "$pg_bin/pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -n -M simple -c "$clients" -j 2 \
      -T "$((duration + warmup + 3))" "${throttle[@]}" -l --log-prefix="$page-$mode" "${scripts[@]}" "$db" >"$prefix.out" 2>&1 ) || true
  bench pgbench-figures --prefix "$prefix" --output "$prefix.out" --seconds "$duration" --page "$page" --mode "$mode" --result "$results" >/dev/null
}

# The whole mix (reads only; weights roughly as a team's day: records and worklists most), also used to warm up the
# service as a whole (JIT, connection pool, caches) before the first page is measured.
: >"$run/targets/mix.txt"
for entry in person:3 pathway:2 my-work:3 my-work-api:1 team-work:1 approvals:1 search-name:1 search-nhs:1; do
  page="${entry%%:*}"; weight="${entry##*:}"; role="$(role_of "$page")"
  for _ in $(seq 1 "$weight"); do head -n 50 "$run/targets/$page.txt" | sed "s|^|$role |" >>"$run/targets/mix.txt"; done
done
step "Warming up the whole service: the mix for $((warmup * 3)) s"
run_wrk mix-1-instance mix "" warmup 50 "$((warmup * 3))" 0 /dev/null

for page in $pages; do
  [ "$page" = mix ] && continue # --pages mix: only the whole mix
  [ "$page" = reports ] && continue # --pages reports: only the reporting jobs
  role="$(role_of "$page")"; kind="$(kind_of "$page")"; cookie="$(cat "$run/cookie-$role.txt")"
  step "$page: warm-up ${warmup}s, open loop at $rate/s, closed loop at $connections connections, then its SQL through pgbench"
  run_wrk "$page" "$kind" "$cookie" warmup 20 "$warmup" 0 /dev/null
  run_wrk "$page" "$kind" "$cookie" open "$open_connections" "$duration" "$mean_delay_ms"
  run_wrk "$page" "$kind" "$cookie" closed "$connections" "$duration"
  run_pgbench "$page" open "$open_connections" "$rate"
  run_pgbench "$page" closed "$connections"
  tail -n 4 "$results"
  # pgbench's closed loop writes fast (the audit entries of hundreds of page views a second): let the database catch up
  # (vacuum, statistics, a checkpoint) before the next page, so that its runs do not pay for this one's writes.
  psql_admin -d "$db" -c "vacuum analyze" -c "checkpoint" >/dev/null
done

if [ "$pages_given" -eq 0 ] || [[ " $pages " == *" mix "* ]]; then
  step "The whole mix: one instance, $connections connections"
  run_wrk mix-1-instance mix "" warmup "$connections" "$warmup" 0 /dev/null
  run_wrk mix-1-instance mix "" closed "$connections" "$duration"

fi
if [ "$pages_given" -eq 0 ] || [[ " $pages " == *" reports "* ]]; then
  step "The reporting jobs (issue 12): the dashboard, the CLD return, ASCOF 3D and a RAS analysis, one at a time"
  rm -f "$run/reports.md"
  bench reports --url "$url" --output "$run/reports.md"
fi
peak_rss_kb="$(awk '/VmHWM/ {print $2}' "/proc/$service_pid/status")"

if [ "$instances" -gt 1 ]; then
  step "The whole mix again through HAProxy in front of two instances (bench/two-instances.sh)"
  kill "$service_pid"; wait "$service_pid" 2>/dev/null || true
  service_pids=""
  proxy_port="$(free_port 5190)"
  LOG_DIR="$run/two-instances" Reporting__PseudonymKey="benchmark pseudonym key: not a secret" Pathway__EscalationIntervalMinutes=0 Security__SessionTimeoutMinutes=600 \
    bench/two-instances.sh "$service_connection" "$proxy_port" >"$run/two-instances.log" 2>&1 &
  two_instances_pid=$!
  for _ in $(seq 1 180); do grep -q '^ready' "$run/two-instances.log" && break; sleep 1; done
  grep -q '^ready' "$run/two-instances.log" || { echo "Two instances did not start:" >&2; tail -n 30 "$run/two-instances.log" >&2; exit 1; }
  # Two fresh processes: warm both up (JIT, connection pools) for longer than the single instance needed.
  run_wrk mix-2-instances mix "" warmup "$connections" "$((warmup * 3))" 0 /dev/null "http://127.0.0.1:$proxy_port"
  run_wrk mix-2-instances mix "" closed "$connections" "$duration" 0 "$results" "http://127.0.0.1:$proxy_port"
  kill "$two_instances_pid"; wait "$two_instances_pid" 2>/dev/null || true
  two_instances_pid=""
fi

# --- The table -----------------------------------------------------------------------------------------------------
step "Results"
report="$run/report.md"
{
  echo "### $people people (seed $seed), $(date -u +%Y-%m-%d)"
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo);" \
       "$("$pg_bin/postgres" --version); .NET $(dotnet --version); $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2); database, service and load tools on the same machine."
  echo
  echo "Rows: $(psql_admin -d "$db" -c "select to_char(sum(n_live_tup), 'FM999,999,999') from pg_stat_user_tables") in all;" \
       "$(psql_admin -d "$db" -c "select string_agg(relname || ' ' || to_char(n_live_tup, 'FM999,999,999'), ', ' order by n_live_tup desc) from (select relname, n_live_tup from pg_stat_user_tables order by n_live_tup desc limit 8) t")."
  if [ -f "$run/generate.log" ]; then echo; echo "Generator: $(grep -i -m1 -E 'elapsed|took|seconds' "$run/generate.log" || true)"; fi
  echo
  echo "Service peak memory (RSS, first instance): $((peak_rss_kb / 1024)) MB. Open loop: $open_connections connections each waiting a random" \
       "(exponential) time of mean ${mean_delay_ms} ms before each request; closed loop: $connections connections, no wait; ${duration} s each after a ${warmup} s warm-up."
  echo
  if [ -f "$run/reports.md" ]; then
    echo "Reporting jobs, one at a time as their users run them (median and slowest of 5 after a warm-up, not under load: a load of them would only measure the machine's memory; the targets are issue 12's):"
    echo
    cat "$run/reports.md"
    echo
  fi
} >"$report.head"
section="$people"
bench report --result "$results" --dir "$run" --head "$report.head" --out "$report" \
  --open-label "$rate/s open loop" --closed-label "$connections connections" --docs "$repo/docs/benchmarks.md" --section "$section"
echo "Written to docs/benchmarks.md (section bench:$section) and $report; raw figures in $results."

#!/usr/bin/env bash
# A local Actors cluster as real processes: a throwaway PostgreSQL, 3 Orleans silos (src/Silo) and 1 API (src/Api, an
# Orleans cluster client), all on loopback ports.
#
#   deploy/local-cluster.sh start    builds, starts everything, prints the API URL and an admin token
#   deploy/local-cluster.sh status   lists the processes and the silos in the membership table
#   deploy/local-cluster.sh stop     stops everything and removes what start created
#
# Settings (environment): ACTORS_CLUSTER_DIR (default /tmp/actors-local-cluster), ACTORS_API_PORT (5080),
# ACTORS_SILO_BASE_PORT (11111: silos use 11111..11113), ACTORS_GATEWAY_BASE_PORT (30000: gateways 30000..30002),
# ACTORS_PG_PORT (55432), ACTORS_SILOS (3).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

dir=${ACTORS_CLUSTER_DIR:-/tmp/actors-local-cluster}
api_port=${ACTORS_API_PORT:-5080}
silo_base_port=${ACTORS_SILO_BASE_PORT:-11111}
gateway_base_port=${ACTORS_GATEWAY_BASE_PORT:-30000}
pg_port=${ACTORS_PG_PORT:-55432}
silos=${ACTORS_SILOS:-3}
configuration=Release
silo_dll="$root/src/Silo/bin/$configuration/net10.0/Actors.Silo.dll"
api_dll="$root/src/Api/bin/$configuration/net10.0/Actors.Api.dll"
connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=actors"

log() { printf '[local-cluster] %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

# PostgreSQL's server programs refuse to run as root; then they run as the postgres user (Debian's package makes it).
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() {
  if command -v initdb >/dev/null 2>&1; then dirname "$(readlink -f "$(command -v initdb)")"; return; fi
  local found; found=$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -n 1 || true)
  [ -n "$found" ] || die "PostgreSQL server programs (initdb, pg_ctl) not found; install the Debian package 'postgresql'"
  dirname "$found"
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() { # seconds description command...
  local seconds=$1 what=$2; shift 2
  for _ in $(seq 1 $((seconds * 5))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  die "timed out after ${seconds}s waiting for $what (logs: $dir/*.log)"
}

start_process() { # name command...
  local name=$1; shift
  nohup "$@" >"$dir/$name.log" 2>&1 &
  echo $! >"$dir/$name.pid"
  log "started $name (pid $!, log $dir/$name.log)"
}

start() {
  [ ! -e "$dir" ] || die "$dir exists: a cluster is running or was not stopped; run '$0 stop' first"
  for port in "$api_port" "$pg_port" $(seq "$silo_base_port" $((silo_base_port + silos - 1))) \
              $(seq "$gateway_base_port" $((gateway_base_port + silos - 1))); do
    port_free "$port" || die "port $port is in use; set ACTORS_API_PORT / ACTORS_SILO_BASE_PORT / ACTORS_GATEWAY_BASE_PORT / ACTORS_PG_PORT"
  done

  log "building src/Silo and src/Api ($configuration)"
  dotnet build "$root/src/Silo" -c "$configuration" -nologo -v quiet >/dev/null
  dotnet build "$root/src/Api" -c "$configuration" -nologo -v quiet >/dev/null

  mkdir -p "$dir"
  chmod 755 "$dir"
  local bin; bin=$(pg_bin)
  log "starting PostgreSQL on port $pg_port ($bin)"
  mkdir -p "$dir/pg"
  [ "$(id -u)" -ne 0 ] || chown postgres "$dir/pg"
  as_pg "$bin/initdb" -D "$dir/pg" -A trust -U postgres -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 || die "initdb failed: $dir/initdb.log"
  as_pg "$bin/pg_ctl" start -D "$dir/pg" -w -t 30 -l "$dir/pg/server.log" -o "-p $pg_port -k $dir/pg -c listen_addresses=127.0.0.1" >/dev/null \
    || die "PostgreSQL did not start: $dir/pg/server.log"
  as_pg "$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres actors || die "createdb failed"

  local secret; secret=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
  echo "$secret" >"$dir/jwt-secret"
  for i in $(seq 1 "$silos"); do
    start_process "silo-$i" env ConnectionStrings__Actors="$connection" Actors__Cluster__Enabled=true \
      Actors__Cluster__SiloPort=$((silo_base_port + i - 1)) Actors__Cluster__GatewayPort=$((gateway_base_port + i - 1)) \
      Actors__Cluster__AdvertisedAddress=127.0.0.1 Actors__Cluster__SiloName="silo-$i" DOTNET_ENVIRONMENT=Production \
      dotnet "$silo_dll"
  done

  start_process api env ConnectionStrings__Actors="$connection" Actors__Cluster__Enabled=true Jwt__Secret="$secret" \
    ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$api_port" \
    dotnet "$api_dll"

  local token
  token=$(env Jwt__Secret="$secret" ASPNETCORE_ENVIRONMENT=Production dotnet "$api_dll" token --user admin --admin)
  echo "$token" >"$dir/admin-token"
  wait_for 60 "the API's /readyz" curl -fsS "http://127.0.0.1:$api_port/readyz"
  wait_for 60 "$silos silos in the cluster" silos_joined "$token"

  cat <<INFO

Actors cluster running: PostgreSQL :$pg_port, $silos Orleans silos :$silo_base_port..$((silo_base_port + silos - 1))
(gateways :$gateway_base_port..$((gateway_base_port + silos - 1))), API below.
API URL:     http://127.0.0.1:$api_port
Admin token: $token

  curl -H "Authorization: Bearer $token" http://127.0.0.1:$api_port/admin/api/silos
  deploy/local-cluster.sh stop      # stops it all and removes $dir
INFO
}

silos_joined() {
  curl -fsS -H "Authorization: Bearer $1" "http://127.0.0.1:$api_port/admin/api/silos" | grep -o '"status":"Active"' | wc -l | grep -qx "$silos"
}

stop() {
  [ -d "$dir" ] || { log "nothing to stop ($dir does not exist)"; return 0; }
  for pidfile in "$dir"/api.pid "$dir"/silo-*.pid; do
    [ -f "$pidfile" ] || continue
    local pid; pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
      log "stopped $(basename "$pidfile" .pid) (pid $pid)"
    fi
  done
  if [ -f "$dir/pg/PG_VERSION" ]; then
    as_pg "$(pg_bin)/pg_ctl" stop -D "$dir/pg" -m fast -w -t 30 >/dev/null 2>&1 || log "PostgreSQL was not running"
    log "stopped PostgreSQL"
  fi
  rm -rf "$dir"
  log "removed $dir"
}

status() {
  [ -d "$dir" ] || { log "not running ($dir does not exist)"; return 1; }
  for pidfile in "$dir"/*.pid; do
    local pid; pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then echo "$(basename "$pidfile" .pid): running (pid $pid)"; else echo "$(basename "$pidfile" .pid): not running"; fi
  done
  as_pg "$(pg_bin)/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d actors -c \
    "select silo_name, address, port, proxy_port as gateway, generation, case status when 1 then 'created' when 2 then 'joining' when 3 then 'active' when 4 then 'shutting down' when 5 then 'stopping' when 6 then 'dead' else 'none' end as status, i_am_alive_time from orleans_membership order by silo_name, generation" 2>/dev/null \
    || log "membership table not readable"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac

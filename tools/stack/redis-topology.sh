#!/usr/bin/env bash
# Redis as production runs it, on loopback with free ports and all data in one folder:
#   tools/stack/redis-topology.sh sentinel <dir>   one primary, one replica, three sentinels (quorum 2,
#                                                  master name "gatehouse", failover within seconds)
#   tools/stack/redis-topology.sh cluster <dir>    a Redis Cluster of three primaries (no replicas)
#   tools/stack/redis-topology.sh stop <dir>       stops every process started in <dir>
# Each start writes <dir>/topology.json (addresses, ports, pid files) for tests and <dir>/pidfiles for stop.
# Used by stack.sh (`up redis-sentinel`, `up redis-cluster`) and by the specs that kill a primary, which
# start sets of their own so no other test sees the failover.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STACK_CACHE=${GATEHOUSE_STACK_DIR:-$ROOT/.cache/stack}
MASTER_NAME=gatehouse
# Short enough that a test sees a failover in a few seconds; production keeps Redis's defaults (30 s, 3 min).
DOWN_AFTER_MS=1000
FAILOVER_TIMEOUT_MS=5000
CLUSTER_NODE_TIMEOUT_MS=2000
# shellcheck source=install.sh
source "$ROOT/tools/stack/install.sh"

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# A cluster node also listens on its port + 10000 (the cluster bus), so Redis refuses ports above 55535;
# the kernel hands out ports up to 60999. Both ports must be free.
free_cluster_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(free_port)
    if [ "$port" -le 55535 ] && ! answers_tcp $((port + 10000)); then
      echo "$port"
      return 0
    fi
  done
  log "no free port pair for a cluster node"
  return 1
}

answers_tcp() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Polls until the command succeeds; the deadline is in seconds.
wait_until() {
  local deadline=$(($(date +%s) + $1)) what=$2
  shift 2
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || { log "$what did not happen in time"; return 1; }
    sleep 0.1
  done
}

answers() { [ "$(redis-cli -p "$1" ping 2>/dev/null)" = PONG ]; }

# A data node without persistence, daemonized, its pid file recorded for stop.
start_node() {
  local dir=$1 port=$2 name=$3
  shift 3
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --dir "$dir" --pidfile "$dir/$name.pid" --logfile "$dir/$name.log" "$@"
  echo "$dir/$name.pid" >>"$dir/pidfiles"
  wait_until 10 "redis $name answering on $port" answers "$port"
}

replica_in_sync() {
  redis-cli -p "$1" info replication | grep -q 'master_link_status:up'
}

sentinels_agree() {
  local port
  for port in "$@"; do
    [ "$(redis-cli -p "$port" sentinel replicas "$MASTER_NAME" 2>/dev/null | grep -c '^ip$')" -ge 1 ] || return 1
    [ "$(redis-cli -p "$port" sentinel sentinels "$MASTER_NAME" 2>/dev/null | grep -c '^ip$')" -ge 2 ] || return 1
  done
}

start_sentinel_set() {
  local dir=$1 primary replica ports=() port i
  primary=$(free_port)
  replica=$(free_port)
  start_node "$dir" "$primary" primary || return 1
  start_node "$dir" "$replica" replica --replicaof 127.0.0.1 "$primary" || return 1
  wait_until 10 "the replica syncing" replica_in_sync "$replica" || return 1
  for i in 1 2 3; do
    port=$(free_port)
    ports+=("$port")
    # Sentinels rewrite their own config file (what they learnt), so each has one in the run folder.
    cat >"$dir/sentinel-$i.conf" <<CONF
port $port
bind 127.0.0.1
dir $dir
daemonize yes
pidfile $dir/sentinel-$i.pid
logfile $dir/sentinel-$i.log
sentinel monitor $MASTER_NAME 127.0.0.1 $primary 2
sentinel down-after-milliseconds $MASTER_NAME $DOWN_AFTER_MS
sentinel failover-timeout $MASTER_NAME $FAILOVER_TIMEOUT_MS
sentinel parallel-syncs $MASTER_NAME 1
CONF
    redis-sentinel "$dir/sentinel-$i.conf"
    echo "$dir/sentinel-$i.pid" >>"$dir/pidfiles"
    wait_until 10 "sentinel $i answering on $port" answers "$port" || return 1
  done
  # Sentinels find the replica and each other through the primary; a failover needs both.
  wait_until 20 "the sentinels discovering the replica and each other" sentinels_agree "${ports[@]}" || return 1
  cat >"$dir/topology.json" <<JSON
{"kind":"sentinel","masterName":"$MASTER_NAME",
 "sentinels":["127.0.0.1:${ports[0]}","127.0.0.1:${ports[1]}","127.0.0.1:${ports[2]}"],
 "primary":{"port":$primary,"pidFile":"$dir/primary.pid"},
 "replica":{"port":$replica,"pidFile":"$dir/replica.pid"}}
JSON
}

cluster_ok() { redis-cli -p "$1" cluster info | grep -q 'cluster_state:ok'; }

start_cluster() {
  local dir=$1 ports=() port i
  for i in 1 2 3; do
    port=$(free_cluster_port) || return 1
    ports+=("$port")
    start_node "$dir" "$port" "node-$i" --cluster-enabled yes --cluster-config-file "$dir/nodes-$i.conf" \
      --cluster-node-timeout "$CLUSTER_NODE_TIMEOUT_MS" || return 1
  done
  # redis-cli waits for the nodes to join without a deadline of its own.
  timeout 30 redis-cli --cluster create "127.0.0.1:${ports[0]}" "127.0.0.1:${ports[1]}" "127.0.0.1:${ports[2]}" \
    --cluster-yes >"$dir/create.log" 2>&1 || { log "cluster create failed: $(tail -3 "$dir/create.log")"; return 1; }
  for port in "${ports[@]}"; do wait_until 20 "the cluster being ok on $port" cluster_ok "$port" || return 1; done
  cat >"$dir/topology.json" <<JSON
{"kind":"cluster","nodes":["127.0.0.1:${ports[0]}","127.0.0.1:${ports[1]}","127.0.0.1:${ports[2]}"]}
JSON
}

stop_all() {
  local dir=$1 file pid pids=()
  [ -f "$dir/pidfiles" ] || return 0
  # Pids are read once, before any kill: a server removes its pid file as it exits, and one a test
  # killed already has none.
  while read -r file; do
    pid=$(cat "$file" 2>/dev/null) || continue
    pids+=("$pid")
  done <"$dir/pidfiles"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -f "$dir/pidfiles"
}

[ $# -eq 2 ] || { echo "usage: $0 sentinel|cluster|stop <dir>" >&2; exit 2; }
dir=$(mkdir -p "$2" && cd "$2" && pwd)
case $1 in
sentinel)
  install_debian_packages
  start_sentinel_set "$dir" || { stop_all "$dir"; exit 1; }
  ;;
cluster)
  install_debian_packages
  start_cluster "$dir" || { stop_all "$dir"; exit 1; }
  ;;
stop) stop_all "$dir" ;;
*) echo "usage: $0 sentinel|cluster|stop <dir>" >&2 && exit 2 ;;
esac

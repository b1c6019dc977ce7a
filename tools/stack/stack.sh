#!/usr/bin/env bash
# The real services Gatehouse runs against, on loopback with free ports and per-run data folders.
#   tools/stack/stack.sh up [redis mongo mosquitto kafka]   install (once) and start; default: all four
#                                                           (redis-<name>, e.g. redis-eu, adds another Redis;
#                                                            kafka-<name> another Kafka broker;
#                                                            redis-sentinel a primary, a replica and three
#                                                            sentinels; redis-cluster three primaries)
#                                      [--record FILE]      appends the names of the services it started to FILE
#   tools/stack/stack.sh stop <service...>                  stop these services and delete their run data
#   tools/stack/stack.sh down                               stop everything and delete run data
#   tools/stack/stack.sh status                             one line per service
#   tools/stack/stack.sh env                                shell exports of the service addresses
# State lives in $GATEHOUSE_STACK_DIR (default <repo>/.cache/stack): installed servers under it, the
# running stack under run/, described by run/stack.env and run/stack.json for scripts and tests.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STACK_CACHE=${GATEHOUSE_STACK_DIR:-$ROOT/.cache/stack}
RUN_DIR="$STACK_CACHE/run"
ALL_SERVICES=(redis mongo mosquitto kafka)
KAFKA_CLUSTER_ID=gatehouse-stack-kraft1
mkdir -p "$STACK_CACHE"
# shellcheck source=install.sh
source "$ROOT/tools/stack/install.sh"

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
# Every service with a run folder, default ones first: extra Redis and Kafka instances included.
known_services() {
  local s
  printf '%s\n' "${ALL_SERVICES[@]}"
  for s in "$RUN_DIR"/redis-* "$RUN_DIR"/kafka-*; do [ -d "$s" ] && basename "$s"; done
  return 0
}
service_port() { cat "$RUN_DIR/$1/port" 2>/dev/null || true; }
running() { pid_alive "$RUN_DIR/$1/pid"; }

# Polls until a TCP port accepts connections; the deadline is in seconds.
wait_for_port() {
  local port=$1 deadline=$(($(date +%s) + $2)) name=$3
  until node -e 'const s=require("net").connect(+process.argv[1],"127.0.0.1");s.on("connect",()=>process.exit(0));s.on("error",()=>process.exit(1))' "$port"; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      log "$name did not open port $port in time; see $RUN_DIR/$name/log"
      return 1
    fi
    sleep 0.2
  done
}

# Servers run in sessions of their own (setsid; redis-server daemonizes): Ctrl-C on the command that started
# them (npm test, the demo) reaches only that command, which stops them after its apps have shut down
# cleanly, instead of them dying first under the apps' feet.
start_redis() {
  local dir=$RUN_DIR/${1:-redis} port
  port=$(free_port)
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --dir "$dir" --pidfile "$dir/pid" --logfile "$dir/log"
  echo "$port" >"$dir/port"
  wait_for_port "$port" 10 redis
}

start_mosquitto() {
  local dir=$RUN_DIR/mosquitto port
  port=$(free_port)
  printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest file %s/log\n' \
    "$port" "$dir" >"$dir/mosquitto.conf"
  setsid /usr/sbin/mosquitto -c "$dir/mosquitto.conf" >>"$dir/log" 2>&1 &
  echo $! >"$dir/pid"
  echo "$port" >"$dir/port"
  wait_for_port "$port" 10 mosquitto
}

start_mongo() {
  local dir=$RUN_DIR/mongo port
  port=$(free_port)
  mkdir -p "$dir/data" "$dir/state"
  setsid "$(ferretdb_bin)" --handler=sqlite --sqlite-url="file:$dir/data/" --listen-addr="127.0.0.1:$port" \
    --state-dir="$dir/state" --debug-addr=- --telemetry=disable --log-level=warn >>"$dir/log" 2>&1 &
  echo $! >"$dir/pid"
  echo "$port" >"$dir/port"
  wait_for_port "$port" 20 mongo
}

start_kafka() {
  local dir=$RUN_DIR/${1:-kafka} port controller_port lib
  port=$(free_port)
  controller_port=$(free_port)
  lib=$(kafka_lib)
  mkdir -p "$dir/data"
  cat >"$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/data
num.partitions=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
PROPS
  printf 'log4j.rootLogger=WARN, file\nlog4j.appender.file=org.apache.log4j.FileAppender\nlog4j.appender.file.File=%s/log\nlog4j.appender.file.layout=org.apache.log4j.PatternLayout\nlog4j.appender.file.layout.ConversionPattern=[%%d] %%p %%m (%%c)%%n\nlog4j.logger.kafka.server.KafkaServer=INFO\nlog4j.logger.kafka.server.KafkaRaftServer=INFO\n' \
    "$dir" >"$dir/log4j.properties"
  java -cp "$lib/*" kafka.tools.StorageTool format -t "$KAFKA_CLUSTER_ID" -c "$dir/server.properties" \
    --ignore-formatted >>"$dir/log" 2>&1
  setsid java -Xms256m -Xmx512m -XX:+UseSerialGC -Dlog4j.configuration="file:$dir/log4j.properties" \
    -cp "$lib/*" kafka.Kafka "$dir/server.properties" >>"$dir/stdout" 2>&1 &
  echo $! >"$dir/pid"
  echo "$port" >"$dir/port"
  wait_for_port "$port" 90 kafka
  # The port opens before the broker can serve metadata; the server logs this line once it can.
  local deadline=$(($(date +%s) + 90))
  until grep -q 'Kafka Server started' "$dir/log" 2>/dev/null; do
    [ "$(date +%s)" -lt "$deadline" ] || { log "kafka did not start in time; see $dir/log"; return 1; }
    sleep 0.2
  done
}

# The Sentinel set and the Cluster are several processes each (tools/stack/redis-topology.sh); `pid` names
# one of them so `running` works as for the other services, `pidfiles` all of them for stop.
start_topology() {
  local dir=$RUN_DIR/$1
  bash "$ROOT/tools/stack/redis-topology.sh" "${1#redis-}" "$dir"
  if [ "$1" = redis-sentinel ]; then cp "$dir/sentinel-1.pid" "$dir/pid"; else cp "$dir/node-1.pid" "$dir/pid"; fi
}

install_service() {
  case $1 in
  redis | redis-* | mosquitto) install_debian_packages ;;
  mongo) install_ferretdb ;;
  kafka | kafka-*) install_kafka ;;
  *) log "unknown service '$1' (known: ${ALL_SERVICES[*]})" && return 1 ;;
  esac
}

service_url() {
  local port
  port=$(service_port "$1")
  case $1 in
  redis-sentinel | redis-cluster)
    # sentinel://<sentinels>/<master name> or cluster://<seed nodes>
    node -e 'const t=require(process.argv[1]);console.log(t.kind+"://"+(t.sentinels??t.nodes).join(",")+(t.masterName?"/"+t.masterName:""))' \
      "$RUN_DIR/$1/topology.json"
    ;;
  redis | redis-*) echo "redis://127.0.0.1:$port" ;;
  mongo) echo "mongodb://127.0.0.1:$port" ;;
  mosquitto) echo "mqtt://127.0.0.1:$port" ;;
  kafka | kafka-*) echo "127.0.0.1:$port" ;;
  esac
}

env_name() {
  case $1 in
  redis-*) echo "GATEHOUSE_STACK_$(echo "$1" | tr 'a-z-' 'A-Z_')_URL" ;;
  redis) echo GATEHOUSE_STACK_REDIS_URL ;;
  mongo) echo GATEHOUSE_STACK_MONGO_URL ;;
  mosquitto) echo GATEHOUSE_STACK_MQTT_URL ;;
  kafka) echo GATEHOUSE_STACK_KAFKA_BROKERS ;;
  kafka-*) echo "GATEHOUSE_STACK_$(echo "$1" | tr 'a-z-' 'A-Z_')_BROKERS" ;;
  esac
}

write_descriptions() {
  local json="{" sep="" s
  : >"$RUN_DIR/stack.env"
  for s in $(known_services); do
    running "$s" || continue
    echo "export $(env_name "$s")=$(service_url "$s")" >>"$RUN_DIR/stack.env"
    json+="$sep\"$s\":\"$(service_url "$s")\""
    sep=","
  done
  echo "$json}" >"$RUN_DIR/stack.json"
}

cmd_up() {
  # --record: so a caller (npm test, the demo) stops what it started and nothing it found running.
  local record=/dev/null s
  if [ "${1:-}" = --record ]; then
    record=$2
    shift 2
  fi
  local services=("$@")
  [ ${#services[@]} -gt 0 ] || services=("${ALL_SERVICES[@]}")
  check_prerequisites "${services[@]}"
  for s in "${services[@]}"; do install_service "$s"; done
  for s in "${services[@]}"; do
    if running "$s"; then continue; fi
    stop_service "$s"
    rm -rf "${RUN_DIR:?}/$s"
    mkdir -p "$RUN_DIR/$s"
    log "starting $s"
    # Recorded before it starts, so a caller stops even one that failed halfway.
    echo "$s" >>"$record"
    case $s in
    redis-sentinel | redis-cluster) start_topology "$s" ;;
    redis-*) start_redis "$s" ;;
    kafka-*) start_kafka "$s" ;;
    *) "start_$s" ;;
    esac
  done
  write_descriptions
  cmd_status
}

# SIGTERM, up to 10 s to exit, then SIGKILL.
stop_service() {
  local pid
  if [ -f "$RUN_DIR/$1/pidfiles" ]; then
    bash "$ROOT/tools/stack/redis-topology.sh" stop "$RUN_DIR/$1"
    log "stopped $1"
    return 0
  fi
  running "$1" || return 0
  pid=$(cat "$RUN_DIR/$1/pid")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
  log "stopped $1"
}

cmd_stop() {
  local s
  for s in "$@"; do
    stop_service "$s"
    rm -rf "${RUN_DIR:?}/$s"
  done
  for s in $(known_services); do
    if running "$s"; then
      write_descriptions
      return 0
    fi
  done
  # Nothing left: no description either, as after `down` (scripts take one as "the stack is up").
  rm -rf "$RUN_DIR"
}

cmd_down() {
  local s
  for s in $(known_services); do stop_service "$s"; done
  rm -rf "$RUN_DIR"
}

cmd_status() {
  local s
  for s in $(known_services); do
    if running "$s"; then
      printf '%-10s up    %s\n' "$s" "$(service_url "$s")"
    else
      printf '%-10s down\n' "$s"
    fi
  done
}

cmd_env() {
  [ -f "$RUN_DIR/stack.env" ] && cat "$RUN_DIR/stack.env"
  return 0
}

case ${1:-} in
up) shift && cmd_up "$@" ;;
stop) shift && cmd_stop "$@" ;;
down) cmd_down ;;
status) cmd_status ;;
env) cmd_env ;;
*) echo "usage: $0 up [--record FILE] [${ALL_SERVICES[*]}] | stop <service...> | down | status | env" >&2 && exit 2 ;;
esac

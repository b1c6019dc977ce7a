#!/usr/bin/env bash
# `npm run demo`: the whole platform on this machine. Installs what is missing, starts the services, builds
# the apps, then runs the multi-region hybrid topology as separate processes: a control plane (dashboard,
# two bridges, a central pump) and two regions that take their configuration from it through the bridges
# (eu: own Redis, two gateways and a pump; us: own Redis, one gateway and a pump). Analytics flow gateways →
# regional pump → bridge → central pump → MongoDB (raw and aggregated) and Kafka. Ctrl-C stops everything.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
LOG_DIR="$ROOT/.cache/demo/logs"
PID_FILE="$ROOT/.cache/demo/demo.pid"
DEMO_PORTS=(3000 3100 3101 3200 8080 8081 8083 8090 8093 9000 50051 50052)

# Before anything else (no new tokens, no overwritten logs): one demo at a time, on free ports.
if [ -f "$PID_FILE" ] && running_pid=$(cat "$PID_FILE") && kill -0 "$running_pid" 2>/dev/null &&
  tr '\0' ' ' <"/proc/$running_pid/cmdline" 2>/dev/null | grep -q 'tools/demo/run.sh'; then
  echo "the demo is already running (pid $running_pid; its logs are in .cache/demo/logs/)." >&2
  echo "Use it as it is, or stop it first: Ctrl-C in its terminal, or kill $running_pid" >&2
  exit 1
fi
for port in "${DEMO_PORTS[@]}"; do
  if node -e 'const s=require("net").connect(+process.argv[1],"127.0.0.1");s.on("connect",()=>process.exit(0));s.on("error",()=>process.exit(1))' "$port"; then
    echo "port $port is in use, and the demo needs it (it uses ${DEMO_PORTS[*]} on 127.0.0.1)." >&2
    exit 1
  fi
done
mkdir -p "$LOG_DIR"
echo $$ >"$PID_FILE"
STARTED_SERVICES=.cache/demo/started-services
: >"$STARTED_SERVICES"

pids=()
stopping=false
stop_all() {
  trap - INT TERM EXIT
  stopping=true
  echo
  echo "stopping..."
  # One SIGTERM each, then wait: every app shuts down gracefully on its first signal.
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  # shellcheck disable=SC2046
  [ -s "$STARTED_SERVICES" ] && bash tools/stack/stack.sh stop $(cat "$STARTED_SERVICES") >/dev/null 2>&1
  rm -f "$PID_FILE" "$STARTED_SERVICES"
  echo "stopped."
}
trap stop_all INT TERM EXIT

bash tools/workspace/ensure-deps.sh
# The demo stops the services it started, and none it found running.
bash tools/stack/stack.sh up --record "$STARTED_SERVICES" mongo redis kafka redis-eu redis-us >/dev/null
# shellcheck disable=SC1091
source .cache/stack/run/stack.env
npx nx run-many -t build -p dashboard console bridge gateway pump --output-style=static >"$LOG_DIR/build.log" 2>&1 ||
  { cat "$LOG_DIR/build.log"; exit 1; }

# start <name> <command...>, with GATEHOUSE_* settings passed through env. In a session of its own, so
# Ctrl-C reaches only this script, which then sends one SIGTERM (the terminal's SIGINT followed by ours
# made the apps take a second signal and skip their graceful shutdown).
start() {
  local name=$1
  shift
  setsid "$@" >"$LOG_DIR/$name.log" 2>&1 &
  pids+=($!)
}

wait_healthy() {
  local name=$1 url=$2
  for _ in $(seq 1 100); do
    if curl -fsS -o /dev/null "$url" 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "$name did not become healthy at $url; its log:" >&2
  tail -20 "$LOG_DIR/$name.log" >&2
  exit 1
}

# json_field <name>: the top-level field of the JSON on stdin, or nothing.
json_field() {
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{console.log(JSON.parse(s)[process.argv[1]]??"")}catch{console.log("")}})' "$1"
}

# api <method> <path> [curl args...]: the dashboard's REST API as the demo org's owner.
api() {
  local method=$1 path=$2
  shift 2
  curl -s -X "$method" "http://127.0.0.1:3000/api/v1$path" -H "authorization: Bearer $ADMIN_TOKEN" \
    -H 'content-type: application/json' "$@"
}

# The control plane: the dashboard and two bridges on the same database and control-plane Redis.
start upstream node tools/demo/echo-upstream.cjs 9000
DEMO_ADMIN_SECRET=${GATEHOUSE_DEMO_ADMIN_SECRET:-demo-admin-secret-change-me}
# The gateways' Gateway API secret (x-tyk-authorization) is fresh each run: the API shares the traffic
# port, and Tyk's well-known default secret would let anyone who can reach it in.
GATEWAY_SECRET=$(node -e 'process.stdout.write(require("crypto").randomBytes(24).toString("hex"))')
# The control plane's key-hashing secret: random, made once and kept (keys stored by an earlier run are
# hashed with it; the dashboard and bridges refuse to start on a different one).
KEY_HASHING_SECRET_FILE=.cache/demo/key-hashing-secret
if [ ! -s "$KEY_HASHING_SECRET_FILE" ]; then
  mkdir -p "$(dirname "$KEY_HASHING_SECRET_FILE")"
  (umask 077 && node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("hex"))' >"$KEY_HASHING_SECRET_FILE")
fi
KEY_HASHING_SECRET=$(cat "$KEY_HASHING_SECRET_FILE")
# The bridges serve gRPC over mutual TLS: a CA made for the demo, the bridges' certificate, and a client
# certificate per region that its gateways and pump present (beside their node token).
TLS_DIR=$ROOT/.cache/demo/tls
bash tools/demo/dev-tls.sh "$TLS_DIR"
start dashboard env GATEHOUSE_DASHBOARD_HTTP_PORT=3000 GATEHOUSE_DASHBOARD_MONGO_URL="$GATEHOUSE_STACK_MONGO_URL" \
  GATEHOUSE_DASHBOARD_REDIS_URL="$GATEHOUSE_STACK_REDIS_URL" GATEHOUSE_DASHBOARD_ADMIN_SECRET="$DEMO_ADMIN_SECRET" \
  GATEHOUSE_DASHBOARD_KEY_HASHING_SECRET="$KEY_HASHING_SECRET" GATEHOUSE_DASHBOARD_CONSOLE_DIR="$PWD/dist/apps/console" \
  node dist/apps/dashboard/main.js
for n in 1 2; do
  start "bridge-$n" env GATEHOUSE_BRIDGE_HTTP_PORT=$((3099 + n)) GATEHOUSE_BRIDGE_GRPC_PORT=$((50050 + n)) \
    GATEHOUSE_BRIDGE_MONGO_URL="$GATEHOUSE_STACK_MONGO_URL" GATEHOUSE_BRIDGE_REDIS_URL="$GATEHOUSE_STACK_REDIS_URL" \
    GATEHOUSE_BRIDGE_KEY_HASHING_SECRET="$KEY_HASHING_SECRET" GATEHOUSE_BRIDGE_GRPC_TLS_CERT_FILE="$TLS_DIR/bridge.crt" \
    GATEHOUSE_BRIDGE_GRPC_TLS_KEY_FILE="$TLS_DIR/bridge.key" GATEHOUSE_BRIDGE_GRPC_TLS_CLIENT_CA_FILE="$TLS_DIR/ca.crt" \
    node dist/apps/bridge/main.js
done
wait_healthy dashboard http://127.0.0.1:3000/health
wait_healthy bridge-1 http://127.0.0.1:3100/health
wait_healthy bridge-2 http://127.0.0.1:3101/health

# Seed the control plane: a demo organisation with its owner, the Tyk example APIs and policies, and a key.
ADMIN_TOKEN=$(curl -s -X POST http://127.0.0.1:3000/api/v1/orgs -H "x-gatehouse-admin-secret: $DEMO_ADMIN_SECRET" \
  -H 'content-type: application/json' \
  -d '{"slug":"demo","name":"Demo","owner":{"email":"admin@demo.example","name":"Admin","password":"demo password 123"}}' |
  json_field token)
if [ -z "$ADMIN_TOKEN" ]; then
  ADMIN_TOKEN=$(curl -s -X POST http://127.0.0.1:3000/api/v1/auth/login -H 'content-type: application/json' \
    -d '{"org":"demo","email":"admin@demo.example","password":"demo password 123"}' | json_field token)
fi
[ -n "$ADMIN_TOKEN" ] || { echo "could not create or log in to the demo organisation" >&2; exit 1; }
node -e 'const fs=require("fs");const d="docs/examples/tyk/apps/";console.log(JSON.stringify(fs.readdirSync(d).map(f=>JSON.parse(fs.readFileSync(d+f)))))' |
  api POST /apis/import -o /dev/null --data-binary @-
api POST /policies/import -o /dev/null --data-binary @docs/examples/tyk/policies/policies.json
# A stream API for both regions: the Kafka topic demo-events as SSE, WebSocket and long poll. Created, or
# updated to this run's Kafka address when an earlier run made it.
STREAM_API=$(node -e 'const a=JSON.parse(require("fs").readFileSync("docs/examples/tyk-oas/kafka-events.json"));
  a["x-tyk-streaming"].streams.events.input.kafka.addresses=[process.argv[1]];console.log(JSON.stringify(a))' \
  "$GATEHOUSE_STACK_KAFKA_BROKERS")
api POST /apis -o /dev/null --data-binary "$STREAM_API"
api PUT /apis/kafka-events -o /dev/null --data-binary "$STREAM_API"
DEMO_KEY=$(api POST /keys -d '{"apply_policies":["gold"]}' | json_field key)

# A gateway group per region (created, or already there from an earlier run) and a node token for it.
declare -A NODE_TOKEN
ORG_ID=
for region in eu us; do
  [ "$region" = eu ] && location=eu-west || location=us-east
  group=$(api POST /gateway-groups \
    -d "{\"groupId\":\"$region\",\"name\":\"${region^^}\",\"region\":\"$location\",\"tags\":[\"$region\"]}")
  org_id=$(json_field orgId <<<"$group")
  [ -n "$org_id" ] || org_id=$(api GET "/gateway-groups/$region" | json_field orgId)
  # A group holds at most two live node tokens (for rotations): an earlier run's are revoked first.
  for token_id in $(api GET "/gateway-groups/$region/node-tokens" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{for(const t of JSON.parse(s))if(!t.revokedAt)console.log(t.id)}catch{}})'); do
    api DELETE "/gateway-groups/$region/node-tokens/$token_id" -o /dev/null
  done
  NODE_TOKEN[$region]=$(api POST "/gateway-groups/$region/tokens" | json_field token)
  if [ -z "$org_id" ] || [ -z "${NODE_TOKEN[$region]}" ]; then
    echo "could not set up gateway group $region: $group" >&2
    exit 1
  fi
  ORG_ID=$org_id
done

# The central pump: the control plane's analytics stream (written by the bridges) into the dashboard's
# MongoDB, raw and aggregated, and into Kafka.
MONGO_META="{\"mongo_url\":\"$GATEHOUSE_STACK_MONGO_URL\",\"mongo_database\":\"gatehouse\"}"
start pump-central env GATEHOUSE_PUMP_HTTP_PORT=3200 GATEHOUSE_PUMP_REDIS_URL="$GATEHOUSE_STACK_REDIS_URL" \
  GATEHOUSE_PUMP_STREAM_CONSUMER=pump-central GATEHOUSE_PUMP_PUMPS="{\"raw\":{\"type\":\"mongo\",\"meta\":$MONGO_META},
    \"aggregate\":{\"type\":\"mongo-aggregate\",\"meta\":$MONGO_META},
    \"kafka\":{\"type\":\"kafka\",\"meta\":{\"broker\":[\"$GATEHOUSE_STACK_KAFKA_BROKERS\"],\"topic\":\"gatehouse-analytics\"}}}" \
  node dist/apps/pump/main.js

# The regions: hybrid gateways (configured by the control plane through either bridge) and a pump each that
# forwards the region's analytics to the control plane through the bridges.
for region in eu us; do
  if [ "$region" = eu ]; then offset=0 redis=$GATEHOUSE_STACK_REDIS_EU_URL; else offset=10 redis=$GATEHOUSE_STACK_REDIS_US_URL; fi
  start "pump-$region" env GATEHOUSE_PUMP_HTTP_PORT=$((8083 + offset)) GATEHOUSE_PUMP_REDIS_URL="$redis" \
    GATEHOUSE_PUMP_STREAM_CONSUMER="pump-$region" GATEHOUSE_PUMP_PUMPS="{\"control_plane\":{\"type\":\"hybrid\",
      \"meta\":{\"connection_string\":\"127.0.0.1:50051,127.0.0.1:50052\",\"api_key\":\"${NODE_TOKEN[$region]}\",
      \"group_id\":\"$region\",\"use_ssl\":true,\"ca_file\":\"$TLS_DIR/ca.crt\",
      \"cert_file\":\"$TLS_DIR/client-$region.crt\",\"key_file\":\"$TLS_DIR/client-$region.key\"}}}" \
    node dist/apps/pump/main.js
done
for node in eu-1:8080 eu-2:8081 us-1:8090; do
  region=${node%%-*} port=${node#*:} node_id=${node%%:*}
  [ "$region" = eu ] && redis=$GATEHOUSE_STACK_REDIS_EU_URL || redis=$GATEHOUSE_STACK_REDIS_US_URL
  start "gateway-$node_id" env GATEHOUSE_GATEWAY_LISTEN_ADDRESS=127.0.0.1 GATEHOUSE_GATEWAY_LISTEN_PORT="$port" \
    GATEHOUSE_GATEWAY_SECRET="$GATEWAY_SECRET" GATEHOUSE_GATEWAY_REDIS_URL="$redis" \
    GATEHOUSE_GATEWAY_ENABLE_ANALYTICS=true GATEHOUSE_GATEWAY_SLAVE_OPTIONS_USE_RPC=true \
    GATEHOUSE_GATEWAY_SLAVE_OPTIONS_CONNECTION_STRING=127.0.0.1:50051,127.0.0.1:50052 \
    GATEHOUSE_GATEWAY_SLAVE_OPTIONS_RPC_KEY="$ORG_ID" GATEHOUSE_GATEWAY_SLAVE_OPTIONS_API_KEY="${NODE_TOKEN[$region]}" \
    GATEHOUSE_GATEWAY_SLAVE_OPTIONS_GROUP_ID="$region" GATEHOUSE_GATEWAY_HYBRID_NODE_ID="$node_id" \
    GATEHOUSE_GATEWAY_SLAVE_OPTIONS_USE_SSL=true GATEHOUSE_GATEWAY_SLAVE_OPTIONS_CA_FILE="$TLS_DIR/ca.crt" \
    GATEHOUSE_GATEWAY_SLAVE_OPTIONS_CERT_FILE="$TLS_DIR/client-$region.crt" \
    GATEHOUSE_GATEWAY_SLAVE_OPTIONS_KEY_FILE="$TLS_DIR/client-$region.key" \
    node --max-semi-space-size=4 dist/apps/gateway/main.js
done
for node in eu-1:8080 eu-2:8081 us-1:8090; do
  wait_healthy "gateway-${node%%:*}" "http://127.0.0.1:${node#*:}/health"
done
wait_healthy pump-eu http://127.0.0.1:8083/health
wait_healthy pump-us http://127.0.0.1:8093/health
wait_healthy pump-central http://127.0.0.1:3200/health

cat <<TXT

Gatehouse is running (logs in .cache/demo/logs/).

  Web console     http://127.0.0.1:3000/
                  organisation: demo   email: admin@demo.example   password: demo password 123

  control plane   dashboard  http://127.0.0.1:3000   (health: /health, metrics: /metrics)
                  bridge-1   grpc 127.0.0.1:50051 (mutual TLS), http http://127.0.0.1:3100
                  bridge-2   grpc 127.0.0.1:50052 (mutual TLS), http http://127.0.0.1:3101
                  pump       http://127.0.0.1:3200 (central: MongoDB raw + aggregates, Kafka topic gatehouse-analytics)
  region eu       gateways   eu-1 http://127.0.0.1:8080, eu-2 http://127.0.0.1:8081   pump http://127.0.0.1:8083
  region us       gateway    us-1 http://127.0.0.1:8090                              pump http://127.0.0.1:8093
The gateways run in hybrid mode: the control plane configures them through the bridges, and their
Gateway API (under /tyk/) is read-only. Its secret is random for this run:
  GATEWAY_SECRET='$GATEWAY_SECRET'
  curl -s -H "x-tyk-authorization: \$GATEWAY_SECRET" http://127.0.0.1:8080/tyk/apis

Control plane: organisation "demo" (id $ORG_ID), its owner admin@demo.example
("demo password 123"), the example APIs and policies, gateway groups eu and us, and a key made from the
"gold" policy (paste these two lines into your shell for the commands below):
  ADMIN_TOKEN='$ADMIN_TOKEN'
  DEMO_KEY='$DEMO_KEY'
  curl -s -H "authorization: Bearer \$ADMIN_TOKEN" http://127.0.0.1:3000/api/v1/apis

The keyless example API through each gateway:
  curl http://127.0.0.1:8080/hello-world/hi
  curl http://127.0.0.1:8081/hello-world/hi
  curl http://127.0.0.1:8090/hello-world/hi
The protected Orders API with the demo key, in each region (its first use there fetches the key from the
control plane):
  curl -i -H "Authorization: \$DEMO_KEY" http://127.0.0.1:8080/orders/42
  curl -i -H "Authorization: \$DEMO_KEY" http://127.0.0.1:8090/orders/42
Keys are made in the dashboard, e.g. another one from the "gold" policy:
  curl -s -X POST http://127.0.0.1:3000/api/v1/keys -H "authorization: Bearer \$ADMIN_TOKEN" \\
    -H 'content-type: application/json' -d '{"apply_policies":["gold"]}'
The gateways of region eu as the control plane sees them (inSync: serving the current config):
  curl -s -H "authorization: Bearer \$ADMIN_TOKEN" http://127.0.0.1:3000/api/v1/gateway-groups/eu/nodes
Traffic, a few seconds after the requests above (gateway → regional pump → bridge → central pump):
  curl -s -H "authorization: Bearer \$ADMIN_TOKEN" 'http://127.0.0.1:3000/api/v1/analytics/requests?granularity=minute&api=Hello-World'
  curl -s -H "authorization: Bearer \$ADMIN_TOKEN" 'http://127.0.0.1:3000/api/v1/analytics/breakdown?by=region'
  node tools/demo/kafka-tail.cjs gatehouse-analytics 3
A stream API served by both regions (the Kafka topic demo-events; each region reads it once and gives
every consumer every message, whichever gateway it is on). Watch it in two terminals, then produce:
  curl -sN http://127.0.0.1:8081/kafka-events/sse
  node tools/demo/streams-tool.cjs ws-tail ws://127.0.0.1:8090/kafka-events/ws
  node tools/demo/streams-tool.cjs kafka-produce demo-events '{"hello":"streams"}'
(docs/gateway.md walks through rate limits, quotas and revocation; docs/analytics.md through analytics;
docs/streams.md through streams.)

Press Ctrl-C to stop.
TXT
wait -n "${pids[@]}" || true
if [ "$stopping" = false ]; then
  echo "a process exited unexpectedly; see .cache/demo/logs/" >&2
  exit 1
fi

#!/usr/bin/env bash
# `npm run demo`: the whole platform on this machine. Installs what is missing, starts the services, builds
# the apps, then runs a control plane (dashboard, bridge) and two regions (eu, us: each its own Redis, a
# gateway and a pump), all as separate processes. Ctrl-C stops everything it started.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
LOG_DIR="$ROOT/.cache/demo/logs"
mkdir -p "$LOG_DIR"

bash tools/workspace/ensure-deps.sh
stack_was_up=false
[ -f .cache/stack/run/stack.json ] && stack_was_up=true
bash tools/stack/stack.sh up mongo redis redis-eu redis-us >/dev/null
# shellcheck disable=SC1091
source .cache/stack/run/stack.env
npx nx run-many -t build -p dashboard bridge gateway pump --output-style=static >"$LOG_DIR/build.log" 2>&1 ||
  { cat "$LOG_DIR/build.log"; exit 1; }

pids=()
stopping=false
stop_all() {
  trap - INT TERM EXIT
  stopping=true
  echo
  echo "stopping..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ "$stack_was_up" = true ] || bash tools/stack/stack.sh down >/dev/null
  echo "stopped."
}
trap stop_all INT TERM EXIT

# start <name> <command...>, with GATEHOUSE_* settings passed through env.
start() {
  local name=$1
  shift
  "$@" >"$LOG_DIR/$name.log" 2>&1 &
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

# Both regions load the Tyk example definitions (docs/examples/tyk) through a real tyk.conf.
TYK_CONF="$ROOT/docs/examples/tyk/tyk.conf"
start upstream node tools/demo/echo-upstream.cjs 9000
DEMO_ADMIN_SECRET=${GATEHOUSE_DEMO_ADMIN_SECRET:-demo-admin-secret-change-me}
start dashboard env GATEHOUSE_DASHBOARD_HTTP_PORT=3000 GATEHOUSE_DASHBOARD_MONGO_URL="$GATEHOUSE_STACK_MONGO_URL" \
  GATEHOUSE_DASHBOARD_REDIS_URL="$GATEHOUSE_STACK_REDIS_URL" GATEHOUSE_DASHBOARD_ADMIN_SECRET="$DEMO_ADMIN_SECRET" \
  node dist/apps/dashboard/main.js
start bridge env GATEHOUSE_BRIDGE_HTTP_PORT=3100 GATEHOUSE_BRIDGE_GRPC_PORT=50051 \
  GATEHOUSE_BRIDGE_MONGO_URL="$GATEHOUSE_STACK_MONGO_URL" GATEHOUSE_BRIDGE_REDIS_URL="$GATEHOUSE_STACK_REDIS_URL" \
  node dist/apps/bridge/main.js
for region in eu us; do
  if [ "$region" = eu ]; then offset=0 redis=$GATEHOUSE_STACK_REDIS_EU_URL; else offset=10 redis=$GATEHOUSE_STACK_REDIS_US_URL; fi
  start "gateway-$region" env GATEHOUSE_GATEWAY_CONFIG_FILE="$TYK_CONF" GATEHOUSE_GATEWAY_LISTEN_PORT=$((8080 + offset)) \
    GATEHOUSE_GATEWAY_REDIS_URL="$redis" node dist/apps/gateway/main.js
  start "pump-$region" env GATEHOUSE_PUMP_HTTP_PORT=$((8083 + offset)) GATEHOUSE_PUMP_REDIS_URL="$redis" \
    node dist/apps/pump/main.js
done

wait_healthy dashboard http://127.0.0.1:3000/health
wait_healthy bridge http://127.0.0.1:3100/health
for region in eu us; do
  offset=0
  [ "$region" = us ] && offset=10
  wait_healthy "gateway-$region" "http://127.0.0.1:$((8080 + offset))/health"
  wait_healthy "pump-$region" "http://127.0.0.1:$((8083 + offset))/health"
done

# Seed the control plane: a demo organisation with its owner, and the Tyk example APIs.
ADMIN_TOKEN=$(curl -s -X POST http://127.0.0.1:3000/api/v1/orgs -H "x-gatehouse-admin-secret: $DEMO_ADMIN_SECRET" \
  -H 'content-type: application/json' \
  -d '{"slug":"demo","name":"Demo","owner":{"email":"admin@demo.example","name":"Admin","password":"demo password 123"}}' |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{console.log(JSON.parse(s).token??"")}catch{console.log("")}})')
if [ -z "$ADMIN_TOKEN" ]; then
  ADMIN_TOKEN=$(curl -s -X POST http://127.0.0.1:3000/api/v1/auth/login -H 'content-type: application/json' \
    -d '{"org":"demo","email":"admin@demo.example","password":"demo password 123"}' |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).token))')
fi
node -e 'const fs=require("fs");const d="docs/examples/tyk/apps/";console.log(JSON.stringify(fs.readdirSync(d).map(f=>JSON.parse(fs.readFileSync(d+f)))))' |
  curl -s -o /dev/null -X POST http://127.0.0.1:3000/api/v1/apis/import -H "authorization: Bearer $ADMIN_TOKEN" \
    -H 'content-type: application/json' --data-binary @-
curl -s -o /dev/null -X POST http://127.0.0.1:3000/api/v1/policies/import -H "authorization: Bearer $ADMIN_TOKEN" \
  -H 'content-type: application/json' --data-binary @docs/examples/tyk/policies/policies.json
DEMO_KEY=$(curl -s -X POST http://127.0.0.1:3000/api/v1/keys -H "authorization: Bearer $ADMIN_TOKEN" \
  -H 'content-type: application/json' -d '{"apply_policies":["gold"]}' |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{console.log(JSON.parse(s).key??"")}catch{console.log("")}})')

cat <<TXT

Gatehouse is running (logs in .cache/demo/logs/):
  control plane   dashboard  http://127.0.0.1:3000   (health: /health, metrics: /metrics)
                  bridge     grpc 127.0.0.1:50051, http http://127.0.0.1:3100
  region eu       gateway    http://127.0.0.1:8080   (Gateway API under /tyk/)   pump http://127.0.0.1:8083
  region us       gateway    http://127.0.0.1:8090   (Gateway API under /tyk/)   pump http://127.0.0.1:8093

Control plane: organisation "demo", owner admin@demo.example / "demo password 123", the example APIs and
policies imported, a key made from the "gold" policy (the regions get control-plane keys once the bridge
syncs them; until then use the regional Gateway API below).
  admin token: $ADMIN_TOKEN
  demo key:    $DEMO_KEY
  curl -s -H "authorization: Bearer $ADMIN_TOKEN" http://127.0.0.1:3000/api/v1/apis

Try the keyless demo API through each region:
  curl http://127.0.0.1:8080/hello-world/hi
  curl http://127.0.0.1:8090/hello-world/hi
Create a key from the "gold" policy in region eu and call the protected API with it:
  KEY=\$(curl -s -X POST -H 'x-tyk-authorization: 352d20ee67be67f6340b4c0605b044b7' \\
        -d '{"org_id":"1","apply_policies":["gold"],"access_rights":{}}' \\
        http://127.0.0.1:8080/tyk/keys/create | sed 's/.*"key":"\([^"]*\)".*/\1/')
  curl -i -H "Authorization: \$KEY" http://127.0.0.1:8080/orders/42
(docs/gateway.md walks through rate limits, quotas and revocation.)

Press Ctrl-C to stop.
TXT
wait -n "${pids[@]}" || true
if [ "$stopping" = false ]; then
  echo "a process exited unexpectedly; see .cache/demo/logs/" >&2
  exit 1
fi

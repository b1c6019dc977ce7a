#!/usr/bin/env bash
# Installs the third-party servers the stack runs. Sourced by stack.sh; every function is idempotent and
# caches its result under $STACK_CACHE keyed on the pinned version, so a warm machine installs nothing.

FERRETDB_VERSION=v1.24.2
KAFKA_VERSION=3.9.1
KAFKA_SCALA=2.13
SLF4J_RELOAD4J_VERSION=1.7.36

ferretdb_bin() { echo "$STACK_CACHE/ferretdb-$FERRETDB_VERSION/ferretdb"; }
kafka_lib() { echo "$STACK_CACHE/kafka-$KAFKA_VERSION/lib"; }

log() { echo "[stack] $*" >&2; }

# Fails before anything is installed or started when a tool the given services need is missing, naming
# every one at once (README.md, Prerequisites): a first run otherwise stopped minutes in, one tool at a time.
check_prerequisites() {
  local missing=() s debian=false ferretdb=false kafka=false
  for s in "$@"; do
    case $s in
    redis | redis-* | mosquitto) debian=true ;;
    mongo) ferretdb=true ;;
    kafka | kafka-*) kafka=true ;;
    esac
  done
  if [ "$debian" = true ] && ! { command -v redis-server >/dev/null && command -v redis-sentinel >/dev/null &&
    [ -x /usr/sbin/mosquitto ]; }; then
    command -v apt-get >/dev/null || missing+=("apt-get (Debian) to install redis-server and mosquitto")
    [ "$(id -u)" -eq 0 ] || command -v sudo >/dev/null ||
      missing+=("root or sudo, for apt-get to install redis-server and mosquitto")
  fi
  if [ "$ferretdb" = true ] && [ ! -x "$(ferretdb_bin)" ]; then
    command -v go >/dev/null || missing+=("Go 1.22+ (go), to build FerretDB")
  fi
  if [ "$kafka" = true ]; then
    command -v java >/dev/null || missing+=("Java 17 (java), to run Kafka")
    [ -f "$(kafka_lib)/.complete" ] || command -v mvn >/dev/null || missing+=("Maven (mvn), to fetch Kafka")
  fi
  [ ${#missing[@]} -eq 0 ] && return 0
  log "the service stack needs what is missing here (see README.md, Quick start):"
  for s in "${missing[@]}"; do log "  - $s"; done
  return 1
}

install_debian_packages() {
  local missing=()
  command -v redis-server >/dev/null || missing+=(redis-server)
  # The Sentinel set's command (tools/stack/redis-topology.sh); installed with Redis, before any test
  # starts one, so parallel specs never race for apt.
  command -v redis-sentinel >/dev/null || missing+=(redis-sentinel)
  [ -x /usr/sbin/mosquitto ] || missing+=(mosquitto)
  # The demo's and the benchmarks' certificates (tools/demo/dev-tls.sh), and the venv the chart
  # checks install kubernetes-validate into (tools/deploy/install-tools.sh).
  command -v openssl >/dev/null || missing+=(openssl)
  python3 -c 'import ensurepip' 2>/dev/null || missing+=(python3-venv)
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# FerretDB's module zip lacks build/version/version.txt (FerretDB issue #2982), so a plain `go install`
# builds a binary that panics at start; we build from a writable copy with that file written in.
install_ferretdb() {
  local bin
  bin=$(ferretdb_bin)
  [ -x "$bin" ] && return 0
  command -v go >/dev/null || { log "Go is required to build FerretDB"; return 1; }
  log "building FerretDB $FERRETDB_VERSION (first time only; a few minutes on 2 cores)"
  local module_dir work
  module_dir=$(go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).Dir))')
  work=$(mktemp -d "$STACK_CACHE/ferretdb-src.XXXXXX")
  cp -r "$module_dir/." "$work/"
  chmod -R u+w "$work"
  echo "$FERRETDB_VERSION" >"$work/build/version/version.txt"
  mkdir -p "$(dirname "$bin")"
  (cd "$work" && CGO_ENABLED=0 go build -buildvcs=false -trimpath -o "$bin.tmp" ./cmd/ferretdb)
  mv "$bin.tmp" "$bin"
  rm -rf "$work"
}

# Kafka's POM does not carry a logging backend and the broker fails without one, hence slf4j-reload4j.
install_kafka() {
  local lib
  lib=$(kafka_lib)
  [ -f "$lib/.complete" ] && return 0
  command -v java >/dev/null || { log "Java is required to run Kafka"; return 1; }
  command -v mvn >/dev/null || { log "Maven is required to fetch Kafka"; return 1; }
  log "fetching Kafka $KAFKA_VERSION jars from Maven Central (first time only)"
  local pom_dir
  pom_dir=$(mktemp -d "$STACK_CACHE/kafka-pom.XXXXXX")
  cat >"$pom_dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.gatehouse.stack</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_$KAFKA_SCALA</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-reload4j</artifactId><version>$SLF4J_RELOAD4J_VERSION</version></dependency>
  </dependencies>
</project>
POM
  mkdir -p "$lib"
  mvn -q -B -f "$pom_dir/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$lib"
  rm -rf "$pom_dir"
  touch "$lib/.complete"
}

#!/usr/bin/env bash
# Installs what the deployment checks need, once, under .cache/deploy-tools (git-ignored), keyed on the
# pinned versions, and prints where each is as shell assignments (the tests read them):
#   HELM=<helm binary>                               go install helm.sh/helm/v3/cmd/helm (needs Go)
#   KUBERNETES_VALIDATE=<kubernetes-validate>        PyPI kubernetes-validate in a venv (needs python3)
#   COMPOSE_SCHEMA=<compose_spec.json>               the Compose Specification's JSON schema, as PyPI's
#                                                    docker-compose 1.x wheel ships it
# Safe to run concurrently (one installer at a time, under a lock) and offline once installed.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=${GATEHOUSE_DEPLOY_TOOLS_DIR:-$ROOT/.cache/deploy-tools}

HELM_VERSION=v3.21.4
KUBERNETES_VALIDATE_VERSION=1.37.0
DOCKER_COMPOSE_WHEEL_VERSION=1.29.2
# compose/config/compose_spec.json in docker_compose-1.29.2-py2.py3-none-any.whl: checked, so a changed
# upload cannot change what the test validates against.
COMPOSE_SCHEMA_SHA256=0dc04bd346dcfee1b1419628fff79937bbf076925f298f272a2b490e2b112bac

HELM=$CACHE/helm-$HELM_VERSION/helm
KUBERNETES_VALIDATE=$CACHE/kubernetes-validate-$KUBERNETES_VALIDATE_VERSION/bin/kubernetes-validate
COMPOSE_SCHEMA=$CACHE/compose-spec-docker-compose-$DOCKER_COMPOSE_WHEEL_VERSION/compose_spec.json

log() { echo "[deploy-tools] $*" >&2; }

install_helm() {
  [ -x "$HELM" ] && return 0
  command -v go >/dev/null || { log "Go 1.22+ (go) is needed to build helm $HELM_VERSION"; return 1; }
  log "building helm $HELM_VERSION (first time only; a few minutes on 2 cores)"
  local dir
  dir=$(mktemp -d "$CACHE/helm.XXXXXX")
  GOBIN=$dir go install "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
  mkdir -p "$(dirname "$HELM")"
  mv "$dir/helm" "$HELM"
  rm -rf "$dir"
}

install_kubernetes_validate() {
  local venv
  venv=$(dirname "$(dirname "$KUBERNETES_VALIDATE")")
  # A venv cannot be moved (its scripts name its folder), so it is built in place and marked when done.
  [ -f "$venv/.complete" ] && return 0
  command -v python3 >/dev/null || { log "python3 (with venv) is needed for kubernetes-validate"; return 1; }
  log "installing kubernetes-validate $KUBERNETES_VALIDATE_VERSION from PyPI (first time only)"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION"
  touch "$venv/.complete"
}

install_compose_schema() {
  [ -f "$COMPOSE_SCHEMA" ] && return 0
  command -v python3 >/dev/null || { log "python3 is needed to fetch the Compose schema"; return 1; }
  log "fetching the Compose Specification schema (docker-compose $DOCKER_COMPOSE_WHEEL_VERSION wheel, PyPI)"
  local dir
  dir=$(mktemp -d "$CACHE/compose-schema.XXXXXX")
  python3 -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
    -d "$dir" "docker-compose==$DOCKER_COMPOSE_WHEEL_VERSION"
  python3 - "$dir"/docker_compose-*.whl "$dir/compose_spec.json" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel, open(sys.argv[2], 'wb') as out:
    out.write(wheel.read('compose/config/compose_spec.json'))
PY
  echo "$COMPOSE_SCHEMA_SHA256  $dir/compose_spec.json" | sha256sum --check --quiet ||
    { log "compose_spec.json does not have the pinned SHA-256"; rm -rf "$dir"; return 1; }
  mkdir -p "$(dirname "$COMPOSE_SCHEMA")"
  mv "$dir/compose_spec.json" "$COMPOSE_SCHEMA"
  rm -rf "$dir"
}

mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
flock 9
install_helm
install_kubernetes_validate
install_compose_schema
printf 'HELM=%s\nKUBERNETES_VALIDATE=%s\nCOMPOSE_SCHEMA=%s\n' "$HELM" "$KUBERNETES_VALIDATE" "$COMPOSE_SCHEMA"

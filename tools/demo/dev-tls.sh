#!/usr/bin/env bash
# `dev-tls.sh <dir> [region...]`: the demo's TLS material in <dir>: a CA of its own (ca.crt, kept while
# it has a day left), the bridges' server certificate (bridge.crt/.key, for 127.0.0.1 and localhost) and
# a client certificate per region for mutual TLS (client-<region>.crt/.key; regions eu and us unless
# named). Leaf certificates are made fresh each call (milliseconds with EC keys); private keys are the
# owner's only and live under .cache (git-ignored). For development only: production certificates come
# from the operator's own CA (docs/production.md). deploy/compose/init-secrets.sh reuses it with
# DEV_TLS_BRIDGE_SAN (the bridge's subjectAltName, default IP:127.0.0.1,DNS:localhost) and DEV_TLS_DAYS
# (validity of the CA and certificates, default 30).
set -euo pipefail
dir=${1:?usage: dev-tls.sh <dir> [region...]}
shift
regions=("$@")
[ ${#regions[@]} -gt 0 ] || regions=(eu us)
days=${DEV_TLS_DAYS:-30}
bridge_san=${DEV_TLS_BRIDGE_SAN:-IP:127.0.0.1,DNS:localhost}
mkdir -p "$dir"
cd "$dir"
umask 077
command -v openssl >/dev/null || { echo "openssl is needed for the demo's certificates (apt-get install -y openssl)" >&2; exit 1; }

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

if ! { [ -s ca.key ] && openssl x509 -in ca.crt -noout -checkend 86400 >/dev/null 2>&1; }; then
  key ca.key
  openssl req -x509 -new -key ca.key -sha256 -days "$days" -subj '/CN=Gatehouse demo CA' \
    -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign' -out ca.crt
fi

# issue <name> <extendedKeyUsage> [subjectAltName]
issue() {
  local name=$1 usage=$2 san=${3:-}
  key "$name.key"
  openssl req -new -key "$name.key" -subj "/CN=$name" -out "$name.csr"
  {
    echo 'basicConstraints=critical,CA:FALSE'
    echo 'keyUsage=critical,digitalSignature'
    echo "extendedKeyUsage=$usage"
    [ -n "$san" ] && echo "subjectAltName=$san"
  } >"$name.ext"
  openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days "$days" -sha256 \
    -extfile "$name.ext" -out "$name.crt" 2>/dev/null
  rm -f "$name.csr" "$name.ext"
}
issue bridge serverAuth "$bridge_san"
for region in "${regions[@]}"; do issue "client-$region" clientAuth; done
chmod 644 ./*.crt

#!/usr/bin/env sh
# `init-secrets.sh [dir]`: makes what compose.yaml mounts from deploy/compose/secrets/ (or <dir>), once:
# - the random admin-secret, key-hashing-secret and gateway-secret (an existing file is kept: keys
#   stored by the dashboard are hashed with key-hashing-secret);
# - tls/: mutual TLS between region eu and the bridge, from tools/demo/dev-tls.sh (openssl): a CA of
#   this host's own (ca.crt; ca.key is mounted nowhere), the bridge's certificate for the name the
#   region dials (bridge.crt/.key, DNS:bridge) and region eu's client certificate (client-eu.crt/.key),
#   valid 365 days. Kept while each is there, has 30 days left and matches the CA and the name; run this
#   again to renew them (the containers read certificates again every 10 s).
# The node token is yours to write there once the dashboard made it (deploy/README.md). The folder is
# private to you; the files are readable by the containers' user (UID 10001), which compose bind-mounts
# them for.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=${1:-$root/deploy/compose/secrets}
mkdir -p "$dir"
chmod 700 "$dir"
for name in admin-secret key-hashing-secret gateway-secret; do
  [ -s "$dir/$name" ] && continue
  (umask 022 && od -An -N32 -tx1 /dev/urandom | tr -d ' \n' >"$dir/$name")
  echo "wrote $dir/$name"
done

tls=$dir/tls
fresh() { [ -s "$tls/$1" ] && openssl x509 -in "$tls/$1" -noout -checkend 2592000 >/dev/null 2>&1; }
if fresh ca.crt && fresh bridge.crt && fresh client-eu.crt &&
  [ -s "$tls/bridge.key" ] && [ -s "$tls/client-eu.key" ] &&
  openssl verify -CAfile "$tls/ca.crt" "$tls/bridge.crt" "$tls/client-eu.crt" >/dev/null 2>&1 &&
  openssl x509 -in "$tls/bridge.crt" -noout -checkhost bridge | grep -q 'does match'; then
  exit 0
fi
# A CA near its end is made again, and with it every certificate.
fresh ca.crt || rm -f "$tls/ca.key" "$tls/ca.crt"
DEV_TLS_DAYS=365 DEV_TLS_BRIDGE_SAN=DNS:bridge bash "$root/tools/demo/dev-tls.sh" "$tls" eu
chmod 700 "$tls"
chmod 644 "$tls/bridge.key" "$tls/client-eu.key"
echo "wrote $tls/{ca.crt,bridge.crt,bridge.key,client-eu.crt,client-eu.key}"

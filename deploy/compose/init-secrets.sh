#!/usr/bin/env sh
# Makes the random secrets compose.yaml mounts, once: deploy/compose/secrets/{admin-secret,
# key-hashing-secret,gateway-secret} (an existing file is kept: keys stored by the dashboard are hashed
# with key-hashing-secret). The node token is yours to write there once the dashboard made it
# (deploy/README.md). The folder is private to you; the files are readable by the containers' user
# (UID 10001), which compose bind-mounts them for.
set -eu
dir=$(cd "$(dirname "$0")" && pwd)/secrets
mkdir -p "$dir"
chmod 700 "$dir"
for name in admin-secret key-hashing-secret gateway-secret; do
  [ -s "$dir/$name" ] && continue
  (umask 022 && od -An -N32 -tx1 /dev/urandom | tr -d ' \n' >"$dir/$name")
  echo "wrote $dir/$name"
done

import { existsSync } from 'node:fs';
import { join } from 'node:path';

const BRIDGE_PROTO_FILE = join('gatehouse', 'bridge', 'v1', 'bridge.proto');

/**
 * Absolute path of bridge.proto, for gRPC servers and clients that load it at run time. In a webpack
 * bundle the file is copied next to the bundle under `proto/` (see tools/webpack); from source it sits in
 * this lib's `src/proto`.
 */
export function bridgeProtoPath(): string {
  const candidates = [
    join(__dirname, 'proto', BRIDGE_PROTO_FILE),
    join(__dirname, '..', 'proto', BRIDGE_PROTO_FILE),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`bridge.proto not found; looked in ${candidates.join(', ')}`);
  return found;
}

/**
 * proto-loader options matching what ts-proto generated: camelCase fields, int64 as JS numbers, enums as
 * strings and defaults filled in, so the generated interfaces describe the objects exactly.
 */
export const GRPC_LOADER_OPTIONS = {
  keepCase: false,
  longs: Number,
  enums: String,
  defaults: true,
  arrays: true,
  oneofs: true,
} as const;

/** Metadata key that carries a gateway group's node token on every bridge call. */
export const NODE_TOKEN_METADATA_KEY = 'x-gatehouse-node-token';

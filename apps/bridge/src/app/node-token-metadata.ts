import { NODE_TOKEN_METADATA_KEY } from '@gatehouse/shared-proto';
import type { Metadata } from '@grpc/grpc-js';

/** The node token a call carries in its metadata (`x-gatehouse-node-token`), if any. */
export function nodeTokenFrom(metadata: Metadata | undefined): string | undefined {
  const value = metadata?.get(NODE_TOKEN_METADATA_KEY)[0];
  return typeof value === 'string' ? value : value?.toString('utf8');
}

import type { Reloader } from '@gatehouse/gateway-core';
import type { ConfigSource } from '@gatehouse/gateway-runtime';
import type { DependencyProbe } from '@gatehouse/shared-kernel';

import type { DefinitionWriter } from './definition.service';

/** Tyk's success envelope for mutations (`apiModifyKeySuccess`). */
export interface ModifyResponse {
  key: string;
  status: 'ok';
  action: 'added' | 'modified' | 'deleted' | 'updated';
  key_hash?: string;
}

export interface KeySettings {
  /** The format of minted keys (Tyk's hash_key_function); hashing is `KeyLookups.idOf`. */
  keyFormat: string;
  allowMasterKeys: boolean;
  enableHashedKeysListing: boolean;
}

/** Everything the Gateway API needs, handed in by the gateway app. */
export interface GatewayApiOptions {
  /** Tyk's `secret`; empty refuses every administrative call. */
  secret: string;
  /** What the gateway holds, for reads. */
  config: Pick<ConfigSource, 'list' | 'get'>;
  /** Where writes go: applied at once, each costing O(that document). */
  writer: DefinitionWriter;
  reloader: Reloader;
  /** Called for /tyk/reload/group: tells every gateway of the cluster to reload. */
  reloadGroup: () => Promise<void>;
  keys: KeySettings;
  /** The region's response cache, for DELETE /tyk/cache/{apiId}. */
  responseCache: { invalidate(apiId: string): Promise<number> };
  /** Probes reported by /hello (Redis). */
  probes: DependencyProbe[];
  /** In hybrid mode the control plane owns config: writes answer 403. */
  readOnlyReason?: string;
}

export const GATEWAY_API_OPTIONS = Symbol('GATEWAY_API_OPTIONS');

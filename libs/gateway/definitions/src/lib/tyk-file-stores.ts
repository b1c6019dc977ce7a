import type { TykDocument } from '@gatehouse/gateway-core';
import { isTykOas, oasApiId } from '@gatehouse/shared-tyk-compat';
import { basename, dirname } from 'node:path';

import { JsonFolderStore } from './json-folder.store';

function apiId(document: TykDocument): string {
  if (isTykOas(document)) return oasApiId(document);
  return typeof document['api_id'] === 'string' ? document['api_id'] : '';
}

/** API definitions in Tyk's app_path: one `<api_id>.json` per API, classic or Tyk OAS. */
export function apiDefinitionFolder(appPath: string): JsonFolderStore {
  return new JsonFolderStore(
    appPath,
    apiId,
    (document) => 'api_id' in document || 'proxy' in document || isTykOas(document),
    undefined,
    'api_id',
  );
}

function policyId(document: TykDocument): string {
  const id = document['id'] ?? document['_id'];
  return typeof id === 'string' ? id : '';
}

/**
 * Policies in Tyk's policy_path: a folder of `<id>.json` files or of files mapping ids to policies, or
 * a single such file (Tyk's policies.json).
 */
export function policyFolder(policyPath: string): JsonFolderStore {
  const isPolicy = (document: TykDocument) => 'access_rights' in document || 'rate' in document;
  return policyPath.endsWith('.json')
    ? new JsonFolderStore(dirname(policyPath), policyId, isPolicy, basename(policyPath))
    : new JsonFolderStore(policyPath, policyId, isPolicy);
}

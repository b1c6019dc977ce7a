import { deriveKeyHashKey, KeyHasher } from '@gatehouse/shared-tyk-compat';

import { GatewayConfig, isHybrid } from './gateway.config';

/** Tyk's sample tyk.conf `secret`: public, so anyone can call the Gateway API of a gateway that keeps it. */
const TYK_SAMPLE_SECRETS = new Set(['352d20ee67be67f6340b4c0605b044b7', 'foo']);

/** A standalone gateway hashes keys with its own settings; a hybrid one with its control plane's. */
export function standaloneKeyHasher(config: GatewayConfig): KeyHasher {
  const { algorithm, secret, migrate_from: migrateFrom } = config.key_hashing;
  const key = algorithm === 'hmac-sha256' ? deriveKeyHashKey(secret, '') : undefined;
  return new KeyHasher({ algorithm, key }, migrateFrom);
}

/** What an operator must hear at start: every setting that weakens key or admin security on purpose. */
export function securityWarnings(config: GatewayConfig): string[] {
  const warnings: string[] = [];
  const { algorithm, migrate_from: migrateFrom } = config.key_hashing;
  if (migrateFrom.length > 0) {
    warnings.push(
      `key_hashing.migrate_from accepts keys by Tyk's unkeyed ${migrateFrom.join(', ')} ids, which anyone who ` +
        'reads an id can forge a key for; remove it once your keys are migrated (docs/security.md)',
    );
  }
  if (algorithm === 'sha256' && !isHybrid(config)) {
    warnings.push('key_hashing.algorithm is sha256: key ids are unkeyed (Tyk-compatible) hashes');
  }
  if (TYK_SAMPLE_SECRETS.has(config.secret)) {
    warnings.push("`secret` is Tyk's published sample secret: anyone can use the Gateway API; set your own");
  }
  return warnings;
}

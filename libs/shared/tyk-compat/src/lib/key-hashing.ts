import { createHash, createHmac, hkdfSync } from 'node:crypto';

import { KeyFormat, tykHash } from './key-token';

/**
 * How a key's storage id is computed. `hmac-sha256` (the default) keys the hash with a secret, so a
 * stored id reveals nothing and cannot be tested against guesses without the secret; `sha256` gives the
 * ids Tyk stores with `hash_key_function: sha256`, for deployments that must share them with Tyk.
 */
export const KEY_HASH_ALGORITHMS = ['hmac-sha256', 'sha256'] as const;
export type KeyHashAlgorithm = (typeof KEY_HASH_ALGORITHMS)[number];

/** Ids a Tyk deployment may have stored keys under; murmur32 is not here on purpose (forged in 152 tries). */
export const LEGACY_KEY_HASHES = ['murmur64', 'murmur128', 'sha256'] as const;
export type LegacyKeyHash = (typeof LEGACY_KEY_HASHES)[number];

/** Shortest deployment secret accepted for keyed hashing. */
export const MIN_KEY_HASH_SECRET_LENGTH = 32;

const DERIVATION_SALT = Buffer.from('gatehouse/key-hash/v1');

/**
 * The hashing key of one scope (an org on the control plane, '' for a standalone gateway), derived from
 * the deployment secret with HKDF-SHA256: a scope's key reveals neither the secret nor another scope's key.
 */
export function deriveKeyHashKey(secret: string, scope: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), DERIVATION_SALT, scope, 32));
}

/** What a process needs to compute key ids: the algorithm and, for `hmac-sha256`, the scope's key. */
export interface KeyHashing {
  algorithm: KeyHashAlgorithm;
  key?: Buffer;
}

/**
 * Computes the ids keys are stored under, with the configured function only: nothing a client sends
 * (such as the `h` field inside a Tyk key) chooses it.
 */
export class KeyHasher {
  constructor(
    private readonly hashing: KeyHashing,
    /** Tyk hashes tried after the primary id finds nothing, for keys migrated from Tyk. */
    readonly legacy: readonly LegacyKeyHash[] = [],
  ) {
    if (hashing.algorithm === 'hmac-sha256' && (!hashing.key || hashing.key.length < 32))
      throw new Error('hmac-sha256 key hashing needs a 32-byte key');
  }

  get algorithm(): KeyHashAlgorithm {
    return this.hashing.algorithm;
  }

  idOf(rawKey: string): string {
    if (this.hashing.algorithm === 'sha256') return tykHash('sha256', rawKey);
    return createHmac('sha256', this.hashing.key as Buffer)
      .update(rawKey, 'utf8')
      .digest('hex');
  }

  /** The ids Tyk would have stored this key under, for each configured legacy function. */
  legacyIdsOf(rawKey: string): string[] {
    return this.legacy.map((format: KeyFormat) => tykHash(format, rawKey));
  }
}

/**
 * A short reference to a key that reveals nothing usable: shown to roles that may not see key hashes
 * and recorded in analytics instead of the lookup hash (Tyk's `obfuscate_keys`, made joinable).
 */
export function keyReference(keyId: string): string {
  return createHash('sha256').update(`gatehouse-key-ref\u0000${keyId}`).digest('hex').slice(0, 16);
}

/**
 * A value that shows two processes hash keys the same way without revealing the secret: the dashboard
 * and bridges compare it at start, so a mismatched secret is refused instead of every key failing.
 */
export function keyHashingFingerprint(algorithm: KeyHashAlgorithm, secret: string): string {
  if (algorithm === 'sha256') return 'sha256';
  return `hmac-sha256:${createHmac('sha256', deriveKeyHashKey(secret, 'fingerprint')).update('gatehouse').digest('hex').slice(0, 32)}`;
}

/**
 * The control plane's key hashing: one deployment secret, a derived key per org, so an org's key (handed
 * to that org's gateways) says nothing about another org's ids.
 */
export class OrgKeyHashing {
  private readonly hashers = new Map<string, KeyHasher>();

  constructor(private readonly settings: { algorithm: KeyHashAlgorithm; secret: string }) {}

  get fingerprint(): string {
    return keyHashingFingerprint(this.settings.algorithm, this.settings.secret);
  }

  forOrg(orgId: string): KeyHashing {
    if (this.settings.algorithm === 'sha256') return { algorithm: 'sha256' };
    return { algorithm: 'hmac-sha256', key: deriveKeyHashKey(this.settings.secret, orgId) };
  }

  hasher(orgId: string): KeyHasher {
    let hasher = this.hashers.get(orgId);
    if (!hasher) {
      hasher = new KeyHasher(this.forOrg(orgId));
      if (this.hashers.size >= 10_000) this.hashers.clear();
      this.hashers.set(orgId, hasher);
    }
    return hasher;
  }
}

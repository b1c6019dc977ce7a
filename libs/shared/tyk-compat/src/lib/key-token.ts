import { createHash, randomUUID } from 'node:crypto';

import { murmur3x64_128, murmur3x86_32, toHex64 } from './murmur3';

export const HASH_ALGORITHMS = ['murmur32', 'murmur64', 'murmur128', 'sha256'] as const;
export type HashAlgorithm = (typeof HASH_ALGORITHMS)[number];

/** Tyk's key ids: a UUIDv4 as 32 hex characters. */
export function newKeyId(): string {
  return randomUUID().replace(/-/g, '');
}

function isHashAlgorithm(value: string): value is HashAlgorithm {
  return (HASH_ALGORITHMS as readonly string[]).includes(value);
}

/**
 * A key as Tyk makes it. With a hash function configured the key is base64 of
 * `{"org":"<org>","id":"<id>","h":"<algorithm>"}` (an unknown algorithm becomes murmur64, as in Tyk);
 * without one it is the legacy form `<org><id>`.
 */
export function generateKey(orgId: string, keyId: string = newKeyId(), hashKeyFunction = ''): string {
  if (!hashKeyFunction) return orgId + keyId;
  const algorithm = isHashAlgorithm(hashKeyFunction) ? hashKeyFunction : 'murmur64';
  // Field order matters: it must match Go's encoding of Tyk's struct byte for byte.
  const json = `{"org":${JSON.stringify(orgId)},"id":${JSON.stringify(keyId)},"h":${JSON.stringify(algorithm)}}`;
  return Buffer.from(json, 'utf8').toString('base64');
}

interface KeyToken {
  org?: string;
  id?: string;
  h?: string;
}

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The JSON inside a base64 key, or undefined for legacy keys (Go's strict StdEncoding decode). */
function decodeKeyToken(key: string): KeyToken | undefined {
  if (!key.startsWith('ey') || !STRICT_BASE64.test(key)) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(key, 'base64').toString('utf8'));
    return parsed !== null && typeof parsed === 'object' ? (parsed as KeyToken) : undefined;
  } catch {
    return undefined;
  }
}

const HEX_24 = /^[0-9a-fA-F]{24}/;

/** The org a key belongs to: from its JSON, or for legacy keys the leading 24-hex-digit org id. */
export function keyOrg(key: string): string | undefined {
  const token = decodeKeyToken(key);
  if (token) return typeof token.org === 'string' ? token.org : undefined;
  return key.length > 24 && HEX_24.test(key) ? key.slice(0, 24) : undefined;
}

/** The hash a key is stored under: its own `h` algorithm, and murmur32 for legacy keys, as Tyk does. */
export function keyHashAlgorithm(key: string): HashAlgorithm {
  const algorithm = decodeKeyToken(key)?.h;
  return algorithm && isHashAlgorithm(algorithm) ? algorithm : 'murmur32';
}

export function hashWith(algorithm: HashAlgorithm, input: string): string {
  const bytes = Buffer.from(input, 'utf8');
  switch (algorithm) {
    case 'sha256':
      return createHash('sha256').update(bytes).digest('hex');
    case 'murmur64':
      return toHex64(murmur3x64_128(bytes)[0]);
    case 'murmur128': {
      const [h1, h2] = murmur3x64_128(bytes);
      return toHex64(h1) + toHex64(h2);
    }
    case 'murmur32':
      return murmur3x86_32(bytes).toString(16).padStart(8, '0');
  }
}

/** The id a key is stored under: its hash when `hash_keys` is on (Tyk's default), else the key itself. */
export function storageKeyId(key: string, hashKeys: boolean): string {
  return hashKeys ? hashWith(keyHashAlgorithm(key), key) : key;
}

import { createHash, randomUUID } from 'node:crypto';

import { murmur3x64_128, toHex64 } from './murmur3';

/**
 * The `h` values a Tyk key may carry. Gatehouse reads `h` only to describe a key; it never picks the
 * hash a key is looked up by (see key-hashing.ts), and 32-bit murmur is refused everywhere.
 */
export const KEY_FORMATS = ['murmur64', 'murmur128', 'sha256'] as const;
export type KeyFormat = (typeof KEY_FORMATS)[number];

/** Tyk's key ids: a UUIDv4 as 32 hex characters. */
export function newKeyId(): string {
  return randomUUID().replace(/-/g, '');
}

/**
 * A key as Tyk makes it. With a hash function named the key is base64 of
 * `{"org":"<org>","id":"<id>","h":"<function>"}`; without one it is the legacy form `<org><id>`.
 */
export function generateKey(orgId: string, keyId: string = newKeyId(), keyFormat = ''): string {
  if (!keyFormat) return orgId + keyId;
  // Field order matters: it must match Go's encoding of Tyk's struct byte for byte.
  const json = `{"org":${JSON.stringify(orgId)},"id":${JSON.stringify(keyId)},"h":${JSON.stringify(keyFormat)}}`;
  return Buffer.from(json, 'utf8').toString('base64');
}

interface KeyToken {
  org?: string;
  id?: string;
}

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The JSON inside a base64 key, or undefined for legacy keys (Go's strict StdEncoding decode). */
function decodeKeyToken(key: string): KeyToken | undefined {
  if (!key.startsWith('ey') || key.length > 4096 || !STRICT_BASE64.test(key)) return undefined;
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

/** Tyk's unkeyed hashes, kept only to find keys a Tyk deployment stored (see `migrate_from`). */
export function tykHash(format: KeyFormat, input: string): string {
  const bytes = Buffer.from(input, 'utf8');
  switch (format) {
    case 'sha256':
      return createHash('sha256').update(bytes).digest('hex');
    case 'murmur64':
      return toHex64(murmur3x64_128(bytes)[0]);
    case 'murmur128': {
      const [h1, h2] = murmur3x64_128(bytes);
      return toHex64(h1) + toHex64(h2);
    }
  }
}

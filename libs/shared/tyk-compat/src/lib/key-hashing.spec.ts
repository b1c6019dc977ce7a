import { randomBytes } from 'node:crypto';

import { deriveKeyHashKey, KeyHasher, keyHashingFingerprint, keyReference } from './key-hashing';
import { generateKey, tykHash } from './key-token';

const SECRET = 'a-deployment-secret-of-at-least-32-characters';
const ORG = '5e9d9544a1dcd60001d0ed20';

function hmacHasher(secret = SECRET, scope = ORG): KeyHasher {
  return new KeyHasher({ algorithm: 'hmac-sha256', key: deriveKeyHashKey(secret, scope) });
}

describe(KeyHasher.name, () => {
  it('stores keys under a keyed hash that differs per secret and per scope', () => {
    const key = generateKey(ORG, 'abc', 'murmur64');
    const sut = hmacHasher();
    expect(sut.idOf(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(sut.idOf(key)).toBe(hmacHasher().idOf(key));
    expect(hmacHasher('another-deployment-secret-of-32-characters!').idOf(key)).not.toBe(sut.idOf(key));
    expect(hmacHasher(SECRET, 'other-org').idOf(key)).not.toBe(sut.idOf(key));
  });

  it('ignores the hash function a client writes into the key (attack: `h` chosen by the client)', () => {
    const sut = hmacHasher();
    for (const h of ['murmur32', 'murmur64', 'sha256', 'none']) {
      const forged = Buffer.from(`{"org":"${ORG}","id":"abc","h":"${h}"}`).toString('base64');
      // The id is always the configured keyed hash of the whole key, never Tyk's unkeyed hash.
      expect(sut.idOf(forged)).not.toBe(tykHash('murmur64', forged));
      expect(sut.idOf(forged)).not.toBe(tykHash('sha256', forged));
      expect(sut.idOf(forged)).toHaveLength(64);
    }
  });

  it('gives Tyk-compatible sha256 ids only when configured so', () => {
    const sut = new KeyHasher({ algorithm: 'sha256' });
    expect(sut.idOf('hello')).toBe(tykHash('sha256', 'hello'));
  });

  it('computes the ids of configured Tyk migrations, and no others', () => {
    const key = generateKey(ORG, 'abc', 'murmur64');
    const sut = new KeyHasher({ algorithm: 'hmac-sha256', key: randomBytes(32) }, ['murmur64']);
    expect(sut.legacyIdsOf(key)).toEqual(['e255f6484f242509']);
    expect(hmacHasher().legacyIdsOf(key)).toEqual([]);
  });

  it('refuses keyed hashing without a key', () => {
    expect(() => new KeyHasher({ algorithm: 'hmac-sha256' })).toThrow(/32-byte key/);
  });
});

describe(keyReference.name, () => {
  it('is short, stable and not the id', () => {
    const id = hmacHasher().idOf('some-key');
    expect(keyReference(id)).toMatch(/^[0-9a-f]{16}$/);
    expect(keyReference(id)).toBe(keyReference(id));
    expect(id).not.toContain(keyReference(id));
  });
});

describe(keyHashingFingerprint.name, () => {
  it('matches for the same secret and differs for another, without containing it', () => {
    const sut = keyHashingFingerprint('hmac-sha256', SECRET);
    expect(sut).toBe(keyHashingFingerprint('hmac-sha256', SECRET));
    expect(sut).not.toBe(keyHashingFingerprint('hmac-sha256', `${SECRET}x`));
    expect(sut).not.toContain(SECRET);
  });
});

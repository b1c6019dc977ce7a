import fc from 'fast-check';

import { generateKey, hashWith, keyHashAlgorithm, keyOrg, newKeyId, storageKeyId } from './key-token';

const ORG = '5e9d9544a1dcd60001d0ed20';

describe(generateKey.name, () => {
  it('makes Tyk base64 JSON keys when a hash function is set', () => {
    const sut = generateKey(ORG, 'abc', 'murmur64');
    expect(sut).toBe('eyJvcmciOiI1ZTlkOTU0NGExZGNkNjAwMDFkMGVkMjAiLCJpZCI6ImFiYyIsImgiOiJtdXJtdXI2NCJ9');
    expect(JSON.parse(Buffer.from(sut, 'base64').toString())).toEqual({ org: ORG, id: 'abc', h: 'murmur64' });
  });

  it('falls back to murmur64 for an unknown hash function, as Tyk does', () => {
    expect(keyHashAlgorithm(generateKey(ORG, 'abc', 'crc32'))).toBe('murmur64');
  });

  it('makes legacy org-prefixed keys without a hash function', () => {
    expect(generateKey(ORG, 'abc')).toBe(`${ORG}abc`);
  });

  it('mints 32-hex-digit ids', () => {
    expect(newKeyId()).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe(keyOrg.name, () => {
  it('reads the org from JSON keys and from legacy keys', () => {
    expect(keyOrg(generateKey('acme', newKeyId(), 'sha256'))).toBe('acme');
    expect(keyOrg(`${ORG}${newKeyId()}`)).toBe(ORG);
    expect(keyOrg('short-custom-key')).toBeUndefined();
  });
});

describe(storageKeyId.name, () => {
  it('hashes JSON keys with their own algorithm and legacy keys with murmur32', () => {
    const jsonKey = generateKey(ORG, 'abc', 'murmur64');
    expect(storageKeyId(jsonKey, true)).toBe('e255f6484f242509');
    expect(storageKeyId('hello', true)).toBe('248bfa47');
    expect(storageKeyId(generateKey(ORG, 'abc', 'sha256'), true)).toBe(
      hashWith('sha256', generateKey(ORG, 'abc', 'sha256')),
    );
  });

  it('stores keys raw when hashing is off', () => {
    expect(storageKeyId('hello', false)).toBe('hello');
  });

  it('round-trips org and algorithm for any org and id (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1 }),
        fc.constantFrom('murmur32', 'murmur64', 'murmur128', 'sha256'),
        (org, id, algorithm) => {
          const key = generateKey(org, id, algorithm);
          expect(keyOrg(key)).toBe(org);
          expect(keyHashAlgorithm(key)).toBe(algorithm);
          expect(storageKeyId(key, true)).toMatch(/^[0-9a-f]+$/);
        },
      ),
    );
  });
});

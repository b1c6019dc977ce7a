import fc from 'fast-check';

import { generateKey, keyOrg, newKeyId, tykHash } from './key-token';

const ORG = '5e9d9544a1dcd60001d0ed20';

describe(generateKey.name, () => {
  it('makes Tyk base64 JSON keys when a key format is named', () => {
    const sut = generateKey(ORG, 'abc', 'murmur64');
    expect(sut).toBe('eyJvcmciOiI1ZTlkOTU0NGExZGNkNjAwMDFkMGVkMjAiLCJpZCI6ImFiYyIsImgiOiJtdXJtdXI2NCJ9');
    expect(JSON.parse(Buffer.from(sut, 'base64').toString())).toEqual({ org: ORG, id: 'abc', h: 'murmur64' });
  });

  it('makes legacy org-prefixed keys without a key format', () => {
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

  it('round-trips the org for any org and id (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (org, id) => {
        expect(keyOrg(generateKey(org, id, 'sha256'))).toBe(org);
      }),
    );
  });
});

describe(tykHash.name, () => {
  it('gives the ids Tyk stores, so keys migrated from Tyk can be found', () => {
    const key = generateKey(ORG, 'abc', 'murmur64');
    expect(tykHash('murmur64', key)).toBe('e255f6484f242509');
    expect(tykHash('murmur128', key)).toBe('e255f6484f242509f636b9b6d5e36a7c');
    expect(tykHash('sha256', 'hello')).toBe(
      '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
    );
  });
});

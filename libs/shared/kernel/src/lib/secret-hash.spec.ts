import { hashSecret, mintSecret } from './secret-hash';

describe(mintSecret.name, () => {
  it('mints distinct prefixed secrets with 256 bits of randomness', () => {
    const first = mintSecret('ghn');
    const second = mintSecret('ghn');
    expect(first).toMatch(/^ghn_[A-Za-z0-9_-]{43}$/);
    expect(first).not.toBe(second);
  });
});

describe(hashSecret.name, () => {
  it('is the SHA-256 hex digest, stable and different from the secret', () => {
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashSecret('abc')).toBe(hashSecret('abc'));
    expect(hashSecret('abd')).not.toBe(hashSecret('abc'));
  });
});

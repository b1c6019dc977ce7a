import { openSnapshot, sealSnapshot } from './emergency-seal';

describe('emergency snapshot sealing (AES-256-GCM, key from the node token)', () => {
  const eu = { orgId: 'acme', groupId: 'eu' };
  const token = 'ghn_shared-by-every-gateway-of-the-group';
  const plaintext = JSON.stringify({ cursor: 42, entities: [{ kind: 'api', id: 'a' }] });

  it('opens with the same token and group, and hides the plaintext', () => {
    const sealed = sealSnapshot(token, eu, plaintext);
    expect(sealed).not.toContain('cursor');
    expect(openSnapshot(token, eu, sealed)).toBe(plaintext);
    // A fresh IV each time: the same snapshot never seals to the same text.
    expect(sealSnapshot(token, eu, plaintext)).not.toBe(sealed);
  });

  it('refuses another token, another group, a tampered blob and garbage', () => {
    const sealed = sealSnapshot(token, eu, plaintext);
    expect(openSnapshot('ghn_another-token', eu, sealed)).toBeUndefined();
    expect(openSnapshot(token, { orgId: 'acme', groupId: 'us' }, sealed)).toBeUndefined();
    const parts = sealed.split('.');
    const flipped = parts[3].startsWith('A') ? `B${parts[3].slice(1)}` : `A${parts[3].slice(1)}`;
    expect(openSnapshot(token, eu, [...parts.slice(0, 3), flipped].join('.'))).toBeUndefined();
    expect(openSnapshot(token, eu, 'not a snapshot')).toBeUndefined();
  });
});

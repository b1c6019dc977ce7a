import type {
  CredentialThrottle,
  StoredToken,
  ThrottleKey,
  TokenRepository,
} from '@gatehouse/dashboard-data-access';
import type { PasswordHasher } from '@gatehouse/dashboard-domain';

import { TokenIssuer } from './token-issuer';

/** Hashes are readable; every check is recorded with the hash it was made against. */
export class FakePasswords implements PasswordHasher {
  readonly checked: string[] = [];

  async hash(password: string): Promise<string> {
    return `hashed:${password}`;
  }

  async verify(password: string, stored: string): Promise<boolean> {
    this.checked.push(stored);
    return stored === `hashed:${password}`;
  }
}

/** The same rules as the Redis script, in memory: all keys or none, refused at the limit. */
export class FakeThrottle implements Pick<CredentialThrottle, 'reserve' | 'refund' | 'clear'> {
  readonly counts = new Map<string, number>();

  async reserve(keys: ThrottleKey[]): Promise<number> {
    if (keys.some(({ key, limit }) => (this.counts.get(key) ?? 0) >= limit)) return 60_000;
    for (const { key } of keys) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    return 0;
  }

  async refund(keys: ThrottleKey[]): Promise<void> {
    for (const { key } of keys) this.counts.set(key, Math.max(0, (this.counts.get(key) ?? 0) - 1));
  }

  async clear(keys: ThrottleKey[]): Promise<void> {
    for (const { key } of keys) this.counts.delete(key);
  }

  /** Attempts counted and not given back, across all keys. */
  total(): number {
    return [...this.counts.values()].reduce((sum, count) => sum + count, 0);
  }
}

/** A token issuer over a store that keeps nothing: sessions come back as they would from MongoDB. */
export function fakeIssuer(): TokenIssuer {
  const tokens = {
    create: async (orgId: string, token: Omit<StoredToken, 'orgId' | 'createdAt' | 'revokedAt'>) => ({
      ...token,
      orgId,
      createdAt: new Date(0),
      revokedAt: null,
    }),
  };
  return new TokenIssuer(tokens as unknown as TokenRepository, 12);
}

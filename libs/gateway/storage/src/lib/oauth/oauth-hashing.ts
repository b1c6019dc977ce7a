import { UnavailableError } from '@gatehouse/shared-kernel';
import type { KeyHasher } from '@gatehouse/shared-tyk-compat';
import { timingSafeEqual } from 'node:crypto';

export const OAUTH_NOT_HASHABLE_YET =
  'This gateway has not received its key hashing from the control plane yet; try again shortly';

/**
 * How OAuth secrets become Redis ids, with the gateway's key hasher (keyed HMAC by default), so Redis
 * never holds an access token, refresh token or client secret in clear. Each kind is hashed in its own
 * domain, except access tokens: their id is exactly a key's id, so the key cache finds their sessions
 * as it finds any key's.
 */
export class OAuthHashing {
  constructor(private readonly hasher: () => KeyHasher | undefined) {}

  /** The id an access token's session is stored under (`apikey-<id>`), as for any key. */
  accessId(accessToken: string): string {
    return this.current().idOf(accessToken);
  }

  refreshId(refreshToken: string): string {
    return this.current().idOf(`oauth-refresh\u0000${refreshToken}`);
  }

  /** Bound to the client id, so one client's stored hash says nothing about another's secret. */
  secretHash(clientId: string, secret: string): string {
    return this.current().idOf(`oauth-client-secret\u0000${clientId}\u0000${secret}`);
  }

  /** Compares in constant time: the check leaks nothing about how much of a guess was right. */
  secretMatches(clientId: string, secret: string, storedHash: string): boolean {
    const given = Buffer.from(this.secretHash(clientId, secret));
    const stored = Buffer.from(storedHash);
    return given.length === stored.length && timingSafeEqual(given, stored);
  }

  private current(): KeyHasher {
    const hasher = this.hasher();
    if (!hasher) throw new UnavailableError(OAUTH_NOT_HASHABLE_YET);
    return hasher;
  }
}

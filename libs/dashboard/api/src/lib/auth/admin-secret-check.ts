import type { CredentialThrottle } from '@gatehouse/dashboard-data-access';
import { ForbiddenError, TooManyRequestsError } from '@gatehouse/shared-kernel';
import { timingSafeEqual } from 'node:crypto';

import { adminSecretThrottleKey } from './credential-limits';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return expected.length > 0 && a.length === b.length && timingSafeEqual(a, b);
}

/** The platform operators' secret (`x-gatehouse-admin-secret`), with wrong guesses throttled per address. */
export class AdminSecretCheck {
  constructor(
    private readonly throttle: Pick<CredentialThrottle, 'reserve' | 'refund'>,
    private readonly adminSecret: string,
  ) {}

  /** Throws 429 for an address over its limit of wrong secrets, 403 for a wrong or missing secret. */
  async admit(secret: string | undefined, clientIp: string): Promise<void> {
    // Reserved before the check, refunded if right: parallel guesses cannot all pass a check-then-count.
    const attempt = adminSecretThrottleKey(clientIp);
    const waitMs = await this.throttle.reserve([attempt]);
    if (waitMs > 0) {
      throw new TooManyRequestsError(
        'too many wrong admin secrets from this address; try again later',
        Math.ceil(waitMs / 1000),
      );
    }
    if (!sameSecret(secret ?? '', this.adminSecret)) {
      throw new ForbiddenError(
        'creating organisations needs the platform admin secret (x-gatehouse-admin-secret)',
      );
    }
    await this.throttle.refund([attempt]);
  }
}

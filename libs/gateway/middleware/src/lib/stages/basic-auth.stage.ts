import { ApiSpec, reject, RequestContext, Stage, StageResult, TYK_ERRORS } from '@gatehouse/gateway-core';
import { generateKey, SessionState } from '@gatehouse/shared-tyk-compat';
import bcrypt from 'bcryptjs';
import { createHash, timingSafeEqual } from 'node:crypto';

import type { KeyResolver } from '../ports';

function equalStrings(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Checks a password against Tyk's `basic_auth_data` (plain, sha256 hex or bcrypt). */
async function passwordMatches(session: SessionState, password: string): Promise<boolean> {
  const { password: stored, hash_type: hashType } = session.basic_auth_data;
  switch (hashType) {
    case '':
      return equalStrings(stored, password);
    case 'sha256':
      return equalStrings(stored, createHash('sha256').update(password).digest('hex'));
    case 'bcrypt':
      return bcrypt.compare(password, stored);
    default:
      return false;
  }
}

/**
 * Tyk's BasicAuthKeyIsValid: `Authorization: Basic` credentials name a key made from the API's org and
 * the user name (as Tyk makes it), whose stored password must match. Successful bcrypt checks are
 * remembered briefly, since bcrypt costs milliseconds of CPU per request by design.
 */
export class BasicAuthStage implements Stage {
  readonly name = 'basic-auth';
  private readonly verified = new Map<string, number>();

  constructor(
    private readonly spec: ApiSpec,
    private readonly keys: KeyResolver,
    private readonly hashKeyFunction: string,
    private readonly cacheMs = 30_000,
  ) {}

  async run(ctx: RequestContext): Promise<StageResult> {
    if (ctx.skipAuth || ctx.session) return undefined;
    const header = ctx.header('authorization');
    if (!header) return reject(TYK_ERRORS.authFieldMissing);
    const match = /^basic\s+(.+)$/i.exec(header.trim());
    const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
    const separator = decoded.indexOf(':');
    if (separator <= 0) return reject(TYK_ERRORS.basicAuthMalformed);
    const username = decoded.slice(0, separator);
    const password = decoded.slice(separator + 1);
    const resolved = await this.keys.resolve(generateKey(this.spec.orgId, username, this.hashKeyFunction));
    if (!resolved || !(await this.verify(resolved.keyId, resolved.session, password))) {
      return reject(TYK_ERRORS.basicAuthFailed);
    }
    ctx.session = resolved.session;
    ctx.keyId = resolved.keyId;
    if (this.spec.stripAuthData) ctx.removeUpstreamHeaders.push('authorization');
    return undefined;
  }

  private async verify(keyId: string, session: SessionState, password: string): Promise<boolean> {
    const cacheKey = createHash('sha256')
      .update(`${keyId}\u0000${session.basic_auth_data.password}\u0000${password}`)
      .digest('hex');
    const until = this.verified.get(cacheKey);
    if (until !== undefined && until > Date.now()) return true;
    const ok = await passwordMatches(session, password);
    if (ok) {
      if (this.verified.size > 10_000) this.verified.clear();
      this.verified.set(cacheKey, Date.now() + this.cacheMs);
    }
    return ok;
  }
}

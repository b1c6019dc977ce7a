import {
  ApiSpec,
  FailureCounter,
  reject,
  Rejection,
  RequestContext,
  Stage,
  StageResult,
  TYK_ERRORS,
} from '@gatehouse/gateway-core';
import { throttleSource } from '@gatehouse/shared-kernel';
import { generateKey, SessionState, tykHash } from '@gatehouse/shared-tyk-compat';
import bcrypt from 'bcryptjs';
import { createHash, timingSafeEqual } from 'node:crypto';

import { KeyResolver, ResolvedKey, usableAs } from '../ports';
import { keyLookupFailed } from './key-lookup-failure';
import { adoptIdentity } from './identity';

function equalStrings(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Checks a password against Tyk's `basic_auth_data`: plain, a sha256/murmur64/murmur128 hex digest, or
 * bcrypt (Tyk's answer for any other hash type); never an empty one. murmur32 digests are refused: one is
 * forged in a few hundred guesses, whatever the password.
 */
export async function passwordMatches(session: SessionState, password: string): Promise<boolean> {
  const { password: stored, hash_type: hashType } = session.basic_auth_data;
  if (stored === '') return false;
  switch (hashType) {
    case '':
      return equalStrings(stored, password);
    case 'sha256':
    case 'murmur64':
    case 'murmur128':
      return equalStrings(stored, tykHash(hashType, password));
    case 'murmur32':
      return false;
    default:
      return bcrypt.compare(password, stored).catch(() => false);
  }
}

const STRICT_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Tyk's reading of the header, with its three distinct complaints: exactly two space-separated words
 * (the first is not checked), standard padded base64, exactly one colon (so a password cannot hold one).
 */
function credentials(header: string): { username: string; password: string } | Rejection {
  const words = header.split(' ');
  if (words.length !== 2) return reject(TYK_ERRORS.basicAuthNotBasic);
  if (words[1].length % 4 !== 0 || !STRICT_BASE64.test(words[1])) {
    return reject(TYK_ERRORS.basicAuthNotBase64);
  }
  const values = Buffer.from(words[1], 'base64').toString('utf8').split(':');
  if (values.length !== 2) return reject(TYK_ERRORS.basicAuthMalformed);
  return { username: values[0], password: values[1] };
}

export interface BasicAuthOptions {
  /** How keys are made from user names (Tyk's hash_key_function decides the key's format). */
  keyFormat: string;
  /** Shared by every basic-auth API of the gateway: failures per user name and client address. */
  throttle: FailureCounter;
  cacheMs?: number;
}

/**
 * Tyk's BasicAuthKeyIsValid: `Authorization: Basic` credentials name a key made from the API's org and
 * the user name (as Tyk makes it), whose stored password must match. Successful bcrypt checks are
 * remembered briefly, since bcrypt costs milliseconds of CPU per request by design; repeated failures
 * for one user from one address are refused with 429 before any password is checked.
 */
export class BasicAuthStage implements Stage {
  readonly name = 'basic-auth';
  private readonly verified = new Map<string, number>();

  constructor(
    private readonly spec: ApiSpec,
    private readonly keys: KeyResolver,
    private readonly options: BasicAuthOptions,
  ) {}

  async run(ctx: RequestContext): Promise<StageResult> {
    if (ctx.skipAuth) return undefined;
    const challenge = { 'www-authenticate': `Basic realm="${this.spec.name}"` };
    const header = ctx.header('authorization');
    if (!header) return reject(TYK_ERRORS.authFieldMissing, challenge);
    const given = credentials(header);
    if ('status' in given) return given;
    const { username, password } = given;
    const throttleKey = `${this.spec.orgId}\u0000${username}\u0000${throttleSource(ctx.clientIp)}`;
    if (this.options.throttle.blockedForMs(throttleKey) > 0) return reject(TYK_ERRORS.tooManyFailedLogins);
    let resolved: ResolvedKey | undefined;
    try {
      resolved = await this.keys.resolve(generateKey(this.spec.orgId, username, this.options.keyFormat));
    } catch (error) {
      return keyLookupFailed(error);
    }
    if (!resolved || !usableAs(resolved.session, 'basic') || !(await this.verify(resolved, password))) {
      this.options.throttle.failed(throttleKey);
      return reject(TYK_ERRORS.basicAuthFailed, challenge);
    }
    this.options.throttle.succeeded(throttleKey);
    adoptIdentity(ctx, this.spec, 'basic_auth_user', resolved);
    if (this.spec.stripAuthData) ctx.removeUpstreamHeaders.push('authorization');
    return undefined;
  }

  private async verify(resolved: ResolvedKey, password: string): Promise<boolean> {
    const { keyId, session } = resolved;
    const cacheKey = createHash('sha256')
      .update(`${keyId}\u0000${session.basic_auth_data.password}\u0000${password}`)
      .digest('hex');
    const until = this.verified.get(cacheKey);
    if (until !== undefined && until > Date.now()) return true;
    const ok = await passwordMatches(session, password);
    if (ok) {
      if (this.verified.size > 10_000) this.verified.clear();
      this.verified.set(cacheKey, Date.now() + (this.options.cacheMs ?? 30_000));
    }
    return ok;
  }
}

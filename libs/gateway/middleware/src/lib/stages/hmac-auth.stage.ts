import { ApiSpec, reject, RequestContext, Stage, StageResult, TYK_ERRORS } from '@gatehouse/gateway-core';
import { createHmac, timingSafeEqual } from 'node:crypto';

import {
  HMAC_DIGESTS,
  parseSignatureHeader,
  requestDate,
  SignatureHeader,
  signingString,
} from '../hmac/http-signature';
import { KeyResolver, ResolvedKey, usableAs } from '../ports';
import { adoptIdentity } from './identity';
import { keyLookupFailed } from './key-lookup-failure';

/** Tyk answers every signature failure alike, so a client learns nothing about which check failed. */
const FAILED = TYK_ERRORS.hmacFailed;

export interface HmacSettings {
  /** Tyk's `hmac_allowed_clock_skew` in milliseconds; 0 or less checks no skew (a date is still required). */
  clockSkewMs: number;
  /** Tyk's `hmac_allowed_algorithms`; empty allows all four HMAC digests. */
  allowedAlgorithms: string[];
}

/**
 * Tyk's HMAC request signing: the key named by `keyId` must have `hmac_enabled` and its `hmac_string`
 * must produce the request's signature over the listed headers; the request must carry a date, within
 * the API's clock skew when one is set. Unlike Tyk, an algorithm it does not name is refused instead of
 * read as hmac-sha1.
 */
export class HmacAuthStage implements Stage {
  readonly name = 'auth-hmac';

  constructor(
    private readonly spec: ApiSpec,
    private readonly keys: KeyResolver,
    private readonly settings: HmacSettings,
    private readonly now: () => number = Date.now,
  ) {}

  run(ctx: RequestContext): StageResult | Promise<StageResult> {
    if (ctx.skipAuth) return undefined;
    const header = ctx.header('authorization');
    const parsed = header ? parseSignatureHeader(header) : undefined;
    const digest = parsed ? HMAC_DIGESTS[parsed.algorithm] : undefined;
    if (!parsed || !digest) return reject(FAILED);
    const allowed = this.settings.allowedAlgorithms;
    if (allowed.length > 0 && !allowed.includes(parsed.algorithm)) return reject(FAILED);
    const resolved = this.keys.resolve(parsed.keyId);
    return resolved instanceof Promise
      ? resolved.then((key) => this.verify(ctx, parsed, digest, key), keyLookupFailed)
      : this.verify(ctx, parsed, digest, resolved);
  }

  private verify(
    ctx: RequestContext,
    parsed: SignatureHeader,
    digest: string,
    key: ResolvedKey | undefined,
  ): StageResult {
    if (!key || !usableAs(key.session, 'key')) return reject(FAILED);
    const secret = key.session.hmac_string;
    const input = signingString(ctx, parsed.headers);
    if (!key.session.hmac_enabled || !secret || input === undefined) return reject(FAILED);
    const expected = createHmac(digest, secret).update(input).digest();
    if (!sameSignature(parsed.signature, expected)) return reject(FAILED);
    const date = requestDate(ctx);
    if (date === undefined) return reject(FAILED);
    if (this.settings.clockSkewMs > 0 && Math.abs(this.now() - date) > this.settings.clockSkewMs)
      return reject(FAILED);
    adoptIdentity(ctx, this.spec, 'hmac_key', key);
    ctx.presentedKey = parsed.keyId;
    return undefined;
  }
}

/** The header's signature, URL-escaped as Tyk's clients send it or plain base64, against the digest. */
function sameSignature(sent: string, expected: Buffer): boolean {
  let base64: string;
  try {
    base64 = decodeURIComponent(sent);
  } catch {
    return false;
  }
  const given = Buffer.from(base64, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

import { ApiSpec, reject, RequestContext, Stage, StageResult, TYK_ERRORS } from '@gatehouse/gateway-core';
import { createHmac, timingSafeEqual } from 'node:crypto';

import { KeyResolver, ResolvedKey, usableAs } from '../ports';
import { adoptIdentity } from './identity';
import { keyLookupFailed } from './key-lookup-failure';

const ALGORITHMS: Record<string, string> = {
  'hmac-sha1': 'sha1',
  'hmac-sha256': 'sha256',
  'hmac-sha384': 'sha384',
  'hmac-sha512': 'sha512',
};

interface SignatureHeader {
  keyId: string;
  algorithm: string;
  headers: string[];
  signature: string;
}

/** `Signature keyId="…",algorithm="hmac-sha256",headers="date",signature="…"` (draft-cavage). */
export function parseSignatureHeader(value: string): SignatureHeader | undefined {
  const match = /^signature\s+(.*)$/i.exec(value.trim());
  if (!match) return undefined;
  const fields: Record<string, string> = {};
  for (const part of match[1].matchAll(/(\w+)="([^"]*)"/g)) fields[part[1]] = part[2];
  if (!fields['keyId'] || !fields['signature']) return undefined;
  return {
    keyId: fields['keyId'],
    algorithm: (fields['algorithm'] ?? 'hmac-sha1').toLowerCase(),
    headers: (fields['headers'] ?? 'date').toLowerCase().split(/\s+/).filter(Boolean),
    signature: decodeURIComponent(fields['signature']),
  };
}

/** The string the client signed: each listed header as `name: value`, one per line. */
export function signingString(ctx: RequestContext, headers: string[]): string | undefined {
  const lines: string[] = [];
  for (const name of headers) {
    if (name === '(request-target)') {
      lines.push(`(request-target): ${ctx.method.toLowerCase()} ${ctx.req.url ?? '/'}`);
      continue;
    }
    const value = ctx.header(name);
    if (value === undefined) return undefined;
    lines.push(`${name}: ${value}`);
  }
  return lines.join('\n');
}

/**
 * Tyk's HMAC request signing: the key named by `keyId` must have `hmac_enabled` and its `hmac_string`
 * must produce the request's signature over the listed headers; the Date header must be within the
 * API's `hmac_allowed_clock_skew` (milliseconds; 0 disables the check).
 */
export class HmacAuthStage implements Stage {
  readonly name = 'auth-hmac';

  constructor(
    private readonly spec: ApiSpec,
    private readonly keys: KeyResolver,
    private readonly clockSkewMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  run(ctx: RequestContext): StageResult | Promise<StageResult> {
    if (ctx.skipAuth) return undefined;
    const header = ctx.header('authorization');
    if (!header) return reject(TYK_ERRORS.authFieldMissing);
    const parsed = parseSignatureHeader(header);
    const digest = parsed ? ALGORITHMS[parsed.algorithm] : undefined;
    if (!parsed || !digest) return reject(TYK_ERRORS.hmacInvalid);
    if (this.clockSkewMs > 0) {
      const date = Date.parse(ctx.header('date') ?? '');
      if (Number.isNaN(date) || Math.abs(this.now() - date) > this.clockSkewMs)
        return reject(TYK_ERRORS.hmacInvalid);
    }
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
    if (!key || !usableAs(key.session, 'key')) return reject(TYK_ERRORS.keyNotAuthorised);
    const secret = key.session.hmac_string;
    const input = signingString(ctx, parsed.headers);
    if (!key.session.hmac_enabled || !secret || input === undefined) return reject(TYK_ERRORS.hmacInvalid);
    const expected = createHmac(digest, secret).update(input).digest();
    const given = Buffer.from(parsed.signature, 'base64');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return reject(TYK_ERRORS.hmacInvalid);
    adoptIdentity(ctx, this.spec, 'hmac_key', key);
    return undefined;
  }
}

import { ApiSpec, findRule, Rejection, RequestContext, Stage, StageResult } from '@gatehouse/gateway-core';
import { createHash } from 'node:crypto';

import type { ResponseCachePort } from '../ports';
import { withRequestBody } from './request-body';

type CacheSettings = NonNullable<ApiSpec['cache']>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const HAS_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Tyk's RedisCacheMiddleware and ResponseCacheMiddleware (gateway/mw_redis_cache.go, res_cache.go):
 * a cacheable request (any safe one with cache_all_safe_requests, else one its path's cache rule
 * names) is answered from the region's Redis when an entry exists, with `X-Tyk-Cached-Response: 1`;
 * otherwise its answer is stored for the timeout. Entries are per caller (the key, or the client
 * address for keyless APIs), so one key is never served another key's answer; hits still count
 * against rate limits and quotas, which ran before.
 */
export class ResponseCacheStage implements Stage {
  readonly name = 'response-cache';

  constructor(
    private readonly spec: ApiSpec,
    private readonly settings: CacheSettings,
    private readonly store: ResponseCachePort,
  ) {}

  run(ctx: RequestContext): StageResult | Promise<StageResult> {
    const rule = findRule(ctx.version.cacheRules, ctx.path, ctx.method);
    if (!rule && !(this.settings.allSafeRequests && SAFE_METHODS.has(ctx.method))) return undefined;
    const ttl = rule && rule.timeoutSeconds > 0 ? rule.timeoutSeconds : this.settings.timeoutSeconds;
    if (ttl <= 0) return undefined;
    const codes = rule && rule.codes.length > 0 ? rule.codes : this.settings.codes;
    if (!HAS_BODY.has(ctx.method)) return this.lookup(ctx, this.digest(ctx, ''), ttl, codes);
    return withRequestBody(ctx, (body) => {
      if (!body) return undefined;
      const keyed = rule?.bodyKey
        ? (rule.bodyKey.firstMatch(body.toString('utf8'))?.[0] ?? '')
        : sha256(body);
      return this.lookup(ctx, this.digest(ctx, keyed), ttl, codes);
    });
  }

  /** Who asks, what exactly (method, URL as requested, the chosen headers, the body's part). */
  private digest(ctx: RequestContext, bodyPart: string): string {
    const caller = ctx.keyId ?? `ip:${ctx.clientIp}`;
    const headers = this.settings.byHeaders.map((name) => `${name}-${ctx.header(name) ?? ''}`).join('');
    return sha256(Buffer.from([caller, ctx.method, ctx.req.url ?? '/', headers, bodyPart].join('\u0000')));
  }

  private async lookup(
    ctx: RequestContext,
    digest: string,
    ttl: number,
    codes: number[],
  ): Promise<StageResult> {
    const apiId = this.spec.apiId;
    const hit = await this.store.get(apiId, digest).catch(() => undefined);
    if (hit) return replay(ctx, hit);
    ctx.cacheWrite = (response) => {
      if (codes.length > 0 && !codes.includes(response.status)) return;
      void this.store.set(apiId, digest, response, ttl).catch(() => undefined);
    };
    return undefined;
  }
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A stored answer replayed: a 304 when the client already holds its ETag. */
function replay(ctx: RequestContext, hit: Awaited<ReturnType<ResponseCachePort['get']>> & object): Rejection {
  const headers = {
    ...(hit.headers as Record<string, string>),
    'x-tyk-cached-response': '1',
    ...ctx.quotaHeaders,
  };
  const etag = hit.headers['etag'];
  const ifNoneMatch = ctx.header('if-none-match');
  if (typeof etag === 'string' && ifNoneMatch?.includes(etag)) {
    return { status: 304, message: '', headers, bodiless: true };
  }
  return { status: hit.status, message: '', headers, body: hit.body };
}

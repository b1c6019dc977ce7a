import { findRule, reject, RequestContext, Stage, StageResult, TYK_ERRORS } from '@gatehouse/gateway-core';

/**
 * Refuses bodies over the version's global size limit or a path's size limit: at once from
 * Content-Length, or, for a chunked body, by the proxy counting bytes as it streams them.
 */
export class SizeLimitStage implements Stage {
  readonly name = 'size-limit';

  run(ctx: RequestContext): StageResult {
    const declared = Number(ctx.header('content-length') ?? 0);
    const pathLimit = findRule(ctx.version.sizeLimits, ctx.path, ctx.method)?.value;
    const limit = pathLimit ?? ctx.version.globalSizeLimit;
    if (limit > 0 && declared > limit) return reject(TYK_ERRORS.bodyTooLarge);
    if (limit > 0 && ctx.header('transfer-encoding') !== undefined) ctx.maxBodyBytes = limit;
    return undefined;
  }
}

import { findRule, reject, RequestContext, Stage, StageResult, TYK_ERRORS } from '@gatehouse/gateway-core';

/**
 * The version's path lists: a white list allows only its paths, a black list forbids its paths, and
 * ignored paths skip authentication (Tyk's RequestStatus checks).
 */
export class PathAccessStage implements Stage {
  readonly name = 'path-access';

  run(ctx: RequestContext): StageResult {
    const { whiteList, blackList, ignored } = ctx.version;
    if (ignored.length > 0 && findRule(ignored, ctx.path, ctx.method)) {
      ctx.skipAuth = true;
      return undefined;
    }
    if (blackList.length > 0 && findRule(blackList, ctx.path, ctx.method))
      return reject(TYK_ERRORS.endpointForbidden);
    if (whiteList.length > 0 && !findRule(whiteList, ctx.path, ctx.method))
      return reject(TYK_ERRORS.endpointForbidden);
    return undefined;
  }
}

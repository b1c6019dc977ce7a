import {
  findRule,
  RequestContext,
  Stage,
  StageResult,
  substituteTykVariables,
} from '@gatehouse/gateway-core';

import { applyUrlRewrite } from './url-rewrite';

/**
 * Request transforms of the version, in Tyk's order: header injection and removal (global, then per
 * path; `$tyk_context`/`$tyk_meta` values substituted), URL rewrite, method transform.
 */
export class RequestTransformStage implements Stage {
  readonly name = 'request-transform';

  run(ctx: RequestContext): StageResult {
    const version = ctx.version;
    for (const name of version.globalHeadersRemove) ctx.removeUpstreamHeaders.push(name.toLowerCase());
    for (const [name, value] of Object.entries(version.globalHeaders))
      ctx.setUpstreamHeaders[name.toLowerCase()] = substituteTykVariables(value, ctx, false);
    const headers = findRule(version.requestHeaders, ctx.path, ctx.method);
    if (headers) {
      for (const name of headers.remove) ctx.removeUpstreamHeaders.push(name.toLowerCase());
      for (const [name, value] of Object.entries(headers.add))
        ctx.setUpstreamHeaders[name.toLowerCase()] = substituteTykVariables(value, ctx, false);
    }
    const rewrite = findRule(version.urlRewrites, ctx.path, ctx.method);
    if (rewrite) applyUrlRewrite(rewrite, ctx);
    const method = findRule(version.methodTransforms, ctx.path, ctx.method);
    if (method) ctx.method = method.value;
    return undefined;
  }
}

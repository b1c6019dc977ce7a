import { findRule, RequestContext, Stage, StageResult } from '@gatehouse/gateway-core';

/**
 * Request transforms of the version: header injection and removal (global and per path), URL rewrite
 * and method transform.
 */
export class RequestTransformStage implements Stage {
  readonly name = 'request-transform';

  run(ctx: RequestContext): StageResult {
    const version = ctx.version;
    for (const name of version.globalHeadersRemove) ctx.removeUpstreamHeaders.push(name.toLowerCase());
    for (const [name, value] of Object.entries(version.globalHeaders))
      ctx.setUpstreamHeaders[name.toLowerCase()] = value;
    const headers = findRule(version.requestHeaders, ctx.path, ctx.method);
    if (headers) {
      for (const name of headers.remove) ctx.removeUpstreamHeaders.push(name.toLowerCase());
      for (const [name, value] of Object.entries(headers.add))
        ctx.setUpstreamHeaders[name.toLowerCase()] = value;
    }
    const rewrite = findRule(version.urlRewrites, ctx.path, ctx.method);
    if (rewrite && rewrite.match.test(ctx.path))
      this.rewrite(ctx, rewrite.match.replaceFirst(ctx.path, rewrite.rewriteTo));
    const method = findRule(version.methodTransforms, ctx.path, ctx.method);
    if (method) ctx.method = method.value;
    return undefined;
  }

  private rewrite(ctx: RequestContext, target: string): void {
    if (/^https?:\/\//i.test(target)) {
      ctx.upstreamOverride = target;
      return;
    }
    const queryAt = target.indexOf('?');
    ctx.path = queryAt === -1 ? target : target.slice(0, queryAt);
    if (queryAt !== -1) ctx.query = target.slice(queryAt);
    if (!ctx.path.startsWith('/')) ctx.path = `/${ctx.path}`;
  }
}

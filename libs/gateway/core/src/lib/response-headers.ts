import { findRule } from './path-rule';
import type { RequestContext } from './request-context';
import { substituteTykVariables } from './tyk-variables';

/**
 * Applies the version's response-header rules (global, then the first matching path rule) and the
 * headers stages asked for (CORS, expiry, quota) to a successful answer going back to the client.
 */
export function applyResponseHeaders(ctx: RequestContext, headers: Record<string, string | string[]>): void {
  const version = ctx.version;
  for (const name of version.globalResponseHeadersRemove) delete headers[name.toLowerCase()];
  for (const [name, value] of Object.entries(version.globalResponseHeaders))
    headers[name.toLowerCase()] = substituteTykVariables(value, ctx, false);
  if (version.responseHeaders.length > 0) {
    const rule = findRule(version.responseHeaders, ctx.path, ctx.method);
    if (rule) {
      for (const name of rule.remove) delete headers[name.toLowerCase()];
      for (const [name, value] of Object.entries(rule.add))
        headers[name.toLowerCase()] = substituteTykVariables(value, ctx, false);
    }
  }
  for (const name in ctx.responseHeaders) headers[name] = ctx.responseHeaders[name];
  const quota = ctx.quotaHeaders;
  if (quota) for (const name in quota) headers[name] = quota[name];
}

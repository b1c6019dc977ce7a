import type { RequestContext } from './request-context';
import { canonicalHeaderName, contextValue } from './tyk-variables';
import type { BodyTransformRule } from './endpoint-rules';

/**
 * What Tyk's transforms hand a template (gateway/mw_transform.go, res_handler_transform.go): a JSON
 * object as it is, an array as `{"array": […]}`, anything else (or an empty body) as `{}`; undefined
 * for a body that is not JSON at all.
 */
export function templateInput(body: string): Record<string, unknown> | undefined {
  if (body.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (Array.isArray(value)) return { array: value };
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** `_tyk_context` as a template sees it: the request's context variables, when the API enables them. */
function contextMap(ctx: RequestContext): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const name of ['path', 'path_parts', 'remote_addr', 'request_id', 'token', 'request_data']) {
    const value = contextValue(ctx, name);
    if (value !== undefined) values[name] = value;
  }
  for (const [name, value] of Object.entries(ctx.req.headers)) {
    values[`headers_${canonicalHeaderName(name).replaceAll('-', '_')}`] = Array.isArray(value)
      ? value[0]
      : value;
  }
  return { ...values, ...ctx.contextData };
}

/** Runs a transform's template over `input`, with `_tyk_context` and `_tyk_meta` as Tyk adds them. */
export function runBodyTransform(
  rule: BodyTransformRule,
  input: Record<string, unknown>,
  ctx: RequestContext,
): { output: string; failed?: string } {
  const data: Record<string, unknown> = { ...input };
  if (ctx.spec.enableContextVars) data['_tyk_context'] = contextMap(ctx);
  if (rule.withSession && ctx.session) data['_tyk_meta'] = ctx.session.meta_data;
  return rule.template.execute(data);
}

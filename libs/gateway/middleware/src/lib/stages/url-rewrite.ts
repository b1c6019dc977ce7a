import {
  canonicalHeaderName,
  CompiledTrigger,
  contextValue,
  RequestContext,
  RewriteRule,
  substituteTykVariables,
  TriggerOption,
} from '@gatehouse/gateway-core';

/**
 * Tyk's URL rewrite (gateway/mw_url_rewrite.go urlRewrite; v5.10.2): triggers are checked in order and
 * the first to fire supplies `rewrite_to`; the entry's `match_pattern` must then match the path with
 * the listen path and query, and its groups fill `$1`...; the result replaces the whole URL (the query
 * too), with variables substituted and escaped. Later rules still see the path as requested.
 */
export function applyUrlRewrite(rule: RewriteRule, ctx: RequestContext): void {
  const rewriteTo = firedTrigger(rule.triggers, ctx)?.rewriteTo ?? rule.rewriteTo;
  const input = `${ctx.spec.listenPath}${ctx.path}${ctx.query}`;
  let groups = rule.match.firstMatch(input);
  if (!groups && input.includes('%')) groups = rule.match.firstMatch(safeDecode(input));
  if (!groups) return;
  const found = groups;
  const target = substituteTykVariables(
    rewriteTo.replace(/\$\d+/g, (ref) => found[Number(ref.slice(1))] ?? ''),
    ctx,
    true,
  );
  if (/^https?:\/\//i.test(target)) {
    ctx.upstreamOverride = target;
    return;
  }
  let path = target.startsWith('/') ? target : `/${target}`;
  const listenPath = ctx.spec.listenPath;
  if (ctx.spec.stripListenPath && listenPath && path.startsWith(listenPath)) {
    path = path.slice(listenPath.length);
    if (!path.startsWith('/')) path = `/${path}`;
  }
  ctx.rewrittenPath = path;
}

function safeDecode(input: string): string {
  try {
    return decodeURIComponent(input);
  } catch {
    return input;
  }
}

function firedTrigger(
  triggers: readonly CompiledTrigger[],
  ctx: RequestContext,
): CompiledTrigger | undefined {
  for (let t = 0; t < triggers.length; t++) {
    const trigger = triggers[t];
    let matchedGroups = 0;
    for (const group of trigger.groups) {
      if (group.source === 'meta' && !ctx.session) continue;
      const counted = group.options.reduce(
        (count, option) => count + matchesOf(group.source, option, ctx, t, count),
        0,
      );
      if (counted === 0 || (!trigger.any && counted < group.options.length)) continue;
      if (trigger.any) return trigger;
      matchedGroups++;
    }
    if (!trigger.any && matchedGroups === trigger.groups.length) return trigger;
  }
  return undefined;
}

/** The values an option is checked against, each with the index Tyk names its captures by. */
function valuesOf(
  source: CompiledTrigger['groups'][number]['source'],
  name: string,
  ctx: RequestContext,
): (string | undefined)[] {
  switch (source) {
    case 'header':
      return [ctx.header(name.toLowerCase())];
    case 'query':
      return new URLSearchParams(ctx.query).getAll(name);
    case 'path':
      return `${ctx.spec.listenPath}${ctx.path}`.split('/');
    case 'meta': {
      const value = ctx.session?.meta_data[name];
      return [typeof value === 'string' ? value : undefined];
    }
    case 'context':
      return [contextValue(ctx, name)];
  }
}

/** How many of the option's values match, recording their captures as Tyk names them. */
function matchesOf(
  source: CompiledTrigger['groups'][number]['source'],
  option: TriggerOption,
  ctx: RequestContext,
  trigger: number,
  countSoFar: number,
): number {
  let count = 0;
  const values = valuesOf(source, option.name, ctx);
  values.forEach((value, index) => {
    if (value === undefined) return;
    const match = option.pattern.firstMatch(value);
    if (option.reverse ? match !== undefined : match === undefined) return;
    const name = source === 'header' ? canonicalHeaderName(option.name) : option.name;
    const key =
      source === 'header' || source === 'query'
        ? `trigger-${trigger}-${name}-${index}`
        : source === 'path'
          ? `trigger-${trigger}-${name}-${countSoFar + count}`
          : `trigger-${trigger}-${name}`;
    if (match && !option.reverse) record(ctx, key, match);
    count++;
  });
  return count;
}

function record(ctx: RequestContext, key: string, match: string[]): void {
  const data = (ctx.contextData ??= {});
  data[key] = match[0];
  for (let group = 1; group < match.length; group++) data[`${key}-${group - 1}`] = match[group];
}

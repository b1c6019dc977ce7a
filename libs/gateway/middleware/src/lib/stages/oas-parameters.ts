import type { JsonValidationRule, RequestContext } from '@gatehouse/gateway-core';

const INVALID: Record<string, string> = {
  integer: 'an invalid integer',
  number: 'an invalid number',
  boolean: 'an invalid boolean',
};

/** The raw text as the schema's type reads it (kin-openapi's decoding), or undefined when it cannot. */
function decoded(type: string, raw: string): unknown {
  switch (type) {
    case 'integer':
      return /^[-+]?\d+$/.test(raw) ? Number(raw) : undefined;
    case 'number':
      return raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : undefined;
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : undefined;
    default:
      return raw;
  }
}

/** The values a path holds for the operation's `{name}`s, percent-decoded. */
function pathValues(rule: JsonValidationRule, path: string): Record<string, string> {
  const found = rule.pathParameters?.pattern.firstMatch(path);
  const values: Record<string, string> = {};
  rule.pathParameters?.names.forEach((name, index) => {
    const raw = found?.[index + 1];
    if (raw === undefined) return;
    try {
      values[name] = decodeURIComponent(raw);
    } catch {
      values[name] = raw;
    }
  });
  return values;
}

/**
 * The first query, header or path parameter of an OAS operation that fails, in kin-openapi's words as Tyk's
 * validateRequest reports it (`parameter "limit" in query has an error: …`), or undefined.
 */
export function parameterFailure(rule: JsonValidationRule, ctx: RequestContext): string | undefined {
  const parameters = rule.parameters;
  const query = parameters.some((parameter) => parameter.in === 'query')
    ? new URLSearchParams(ctx.query)
    : undefined;
  const path = pathValues(rule, ctx.path);
  for (const parameter of parameters) {
    const raw =
      parameter.in === 'query'
        ? query?.get(parameter.name)
        : parameter.in === 'path'
          ? path[parameter.name]
          : ctx.header(parameter.name.toLowerCase());
    const about = `parameter "${parameter.name}" in ${parameter.in} has an error: `;
    if (raw === undefined || raw === null) {
      if (parameter.required) return `${about}value is required but missing`;
      continue;
    }
    const value = decoded(parameter.type, raw);
    if (value === undefined) return `${about}value ${raw}: ${INVALID[parameter.type]}: invalid syntax`;
    const problems = parameter.validate(value);
    if (problems.length > 0) return about + problems[0];
  }
  return undefined;
}

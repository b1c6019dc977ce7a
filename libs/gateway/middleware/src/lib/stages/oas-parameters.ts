import type { ParameterRule, RequestContext } from '@gatehouse/gateway-core';

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

/**
 * The first query or header parameter of an OAS operation that fails, in kin-openapi's words as Tyk's
 * validateRequest reports it (`parameter "limit" in query has an error: …`), or undefined.
 */
export function parameterFailure(
  parameters: readonly ParameterRule[],
  ctx: RequestContext,
): string | undefined {
  const query = parameters.some((parameter) => parameter.in === 'query')
    ? new URLSearchParams(ctx.query)
    : undefined;
  for (const parameter of parameters) {
    const raw =
      parameter.in === 'query' ? query?.get(parameter.name) : ctx.header(parameter.name.toLowerCase());
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

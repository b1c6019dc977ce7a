import {
  findRule,
  JsonValidationRule,
  JsonValidator,
  reject,
  RequestContext,
  Stage,
  StageResult,
} from '@gatehouse/gateway-core';

import { parameterFailure } from './oas-parameters';
import { withRequestBody } from './request-body';

/**
 * Tyk's ValidateJSON (gateway/mw_validate_json.go): on a path with a validate_json entry the body
 * must be JSON (400 `JSON parsing error: ...`) satisfying the schema; otherwise the entry's
 * error_response_code (422) with gojsonschema's messages joined by '; '.
 */
export class ValidateJsonStage implements Stage {
  readonly name = 'validate-json';

  run(ctx: RequestContext): StageResult | Promise<StageResult> {
    const rule = findRule(ctx.version.jsonValidations, ctx.path, ctx.method);
    if (!rule) return undefined;
    if (rule.oasPrefix) {
      const failed = parameterFailure(rule, ctx);
      if (failed) return reject({ status: rule.errorStatus, message: rule.oasPrefix + failed });
      if (!rule.validate) return undefined;
    }
    return withRequestBody(ctx, (body) => {
      const text = body?.toString('utf8');
      if (rule.oasPrefix) return oasAnswer(rule, text);
      if (text === undefined) return reject({ status: 400, message: 'JSON parsing error: unexpected EOF' });
      if (text.trim() === '') return reject({ status: 400, message: 'JSON parsing error: EOF' });
      const document = parsed(text);
      if ('failure' in document) {
        return reject({ status: 400, message: `JSON parsing error: ${document.failure}` });
      }
      const problems = (rule.validate as JsonValidator)(document.value);
      return problems.length === 0
        ? undefined
        : reject({ status: rule.errorStatus, message: problems.join('; ') });
    });
  }
}

function parsed(text: string): { value: unknown } | { failure: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { failure: (error as Error).message };
  }
}

/**
 * Tyk's OAS validateRequest (gateway/mw_oas_validate_request.go over kin-openapi) for the body: every
 * failure, an unreadable body included, answers the operation's errorResponseCode (422) in
 * kin-openapi's words. (Query and header parameters are checked first, in oas-parameters.ts.)
 */
function oasAnswer(rule: JsonValidationRule, text: string | undefined): StageResult {
  const prefix = `${rule.oasPrefix as string}request body has an error: `;
  const refuse = (message: string) => reject({ status: rule.errorStatus, message: prefix + message });
  if (text === undefined || text.trim() === '') return refuse('value is required but missing');
  const document = parsed(text);
  if ('failure' in document) return refuse(`failed to decode request body: ${document.failure}`);
  const problems = (rule.validate as JsonValidator)(document.value);
  if (problems.length === 0) return undefined;
  const schema = rule.schemaRef ? `doesn't match schema ${rule.schemaRef}` : "doesn't match schema";
  return refuse(`${schema}: ${problems[0]}`);
}

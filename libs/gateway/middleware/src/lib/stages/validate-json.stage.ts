import { findRule, reject, RequestContext, Stage, StageResult, TYK_ERRORS } from '@gatehouse/gateway-core';

import { readRequestBody } from './request-body';

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
    return readRequestBody(ctx).then((body) => {
      if (body === 'too-large') return reject(TYK_ERRORS.bodyTooLarge);
      if (body === 'unreadable')
        return reject({ status: 400, message: 'JSON parsing error: unexpected EOF' });
      const text = body.toString('utf8');
      if (text.trim() === '') return reject({ status: 400, message: 'JSON parsing error: EOF' });
      let document: unknown;
      try {
        document = JSON.parse(text);
      } catch (error) {
        return reject({ status: 400, message: `JSON parsing error: ${(error as Error).message}` });
      }
      const problems = rule.validate(document);
      return problems.length === 0
        ? undefined
        : reject({ status: rule.errorStatus, message: problems.join('; ') });
    });
  }
}

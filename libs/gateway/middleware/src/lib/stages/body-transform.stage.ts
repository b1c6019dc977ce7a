import {
  findRule,
  RequestContext,
  runBodyTransform,
  Stage,
  StageResult,
  substituteTykVariables,
  templateInput,
} from '@gatehouse/gateway-core';

import { withRequestBody } from './request-body';

/**
 * Tyk's request body transform (gateway/mw_transform.go): the JSON body goes through the path's Go
 * template and the output, with `$tyk_context`/`$tyk_meta` variables substituted, replaces it. As in
 * Tyk, a body that is not JSON or a template that fails leaves the request as it was.
 */
export class BodyTransformStage implements Stage {
  readonly name = 'body-transform';

  run(ctx: RequestContext): StageResult | Promise<StageResult> {
    const rule = findRule(ctx.version.requestTransforms, ctx.path, ctx.method);
    if (!rule) return undefined;
    return withRequestBody(ctx, (body) => {
      if (!body) return undefined;
      const input = templateInput(body.toString('utf8'));
      if (!input) return undefined;
      const result = runBodyTransform(rule, input, ctx);
      if (result.failed) return undefined;
      const output = Buffer.from(substituteTykVariables(result.output, ctx, true));
      ctx.bufferedBody = output;
      ctx.setUpstreamHeaders['content-length'] = String(output.length);
      ctx.removeUpstreamHeaders.push('transfer-encoding');
      return undefined;
    });
  }
}

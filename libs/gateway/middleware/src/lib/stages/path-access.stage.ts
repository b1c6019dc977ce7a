import {
  findRule,
  ListRule,
  reject,
  RequestContext,
  Stage,
  StageResult,
  TYK_ERRORS,
} from '@gatehouse/gateway-core';

import { mockReply } from './mock-response.stage';

/**
 * Tyk's path checks inside VersionCheck (gateway/api_definition.go URLAllowedAndIgnored): mock
 * responses, then ignored, black and white lists, the first entry matching path and method deciding.
 * A `reply` action answers with its canned response whatever the list; another action than
 * `no_action` refuses; ignored paths skip authentication; a white list refuses what it does not name.
 */
export class PathAccessStage implements Stage {
  readonly name = 'path-access';

  run(ctx: RequestContext): StageResult {
    const { mockResponses, whiteList, blackList, ignored } = ctx.version;
    const mock = mockResponses.length > 0 ? findRule(mockResponses, ctx.path, ctx.method) : undefined;
    if (mock) return mockReply(mock);
    const skipped = ignored.length > 0 ? findRule(ignored, ctx.path, ctx.method) : undefined;
    if (skipped) return this.decide(skipped, () => ((ctx.skipAuth = true), undefined));
    const blocked = blackList.length > 0 ? findRule(blackList, ctx.path, ctx.method) : undefined;
    if (blocked) return this.decide(blocked, () => reject(TYK_ERRORS.endpointForbidden));
    if (whiteList.length === 0) return undefined;
    const allowed = findRule(whiteList, ctx.path, ctx.method);
    return allowed ? this.decide(allowed, () => undefined) : reject(TYK_ERRORS.endpointForbidden);
  }

  private decide(rule: ListRule, listAnswer: () => StageResult): StageResult {
    if (rule.reply) return mockReply(rule);
    if (rule.forbid) return reject(TYK_ERRORS.endpointForbidden);
    return listAnswer();
  }
}

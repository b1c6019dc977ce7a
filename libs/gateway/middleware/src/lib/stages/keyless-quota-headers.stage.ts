import type { RequestContext, Stage, StageResult } from '@gatehouse/gateway-core';

import { KEYLESS_QUOTA_HEADERS } from './rate-limit-headers';

/** Tyk answers a keyless API with zero quota headers (a session with no quota); one shared object. */
export class KeylessQuotaHeadersStage implements Stage {
  readonly name = 'keyless-quota-headers';

  run(ctx: RequestContext): StageResult {
    ctx.quotaHeaders = KEYLESS_QUOTA_HEADERS;
    return undefined;
  }
}

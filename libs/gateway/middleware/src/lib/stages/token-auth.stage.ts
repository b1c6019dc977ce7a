import {
  ApiSpec,
  reject,
  RequestContext,
  Stage,
  StageResult,
  TokenAuthSpec,
  TYK_ERRORS,
} from '@gatehouse/gateway-core';

import type { KeyResolver } from '../ports';
import { readToken, withoutParam } from './credentials';

/** Tyk's AuthKey: the request must carry a known key in the API's header, parameter or cookie. */
export class TokenAuthStage implements Stage {
  readonly name = 'auth-token';

  constructor(
    private readonly spec: ApiSpec,
    private readonly token: TokenAuthSpec,
    private readonly keys: KeyResolver,
  ) {}

  async run(ctx: RequestContext): Promise<StageResult> {
    if (ctx.skipAuth || ctx.session) return undefined;
    const found = readToken(this.token, (name) => ctx.header(name), ctx.query);
    if (!found) return reject(TYK_ERRORS.authFieldMissing);
    const resolved = await this.keys.resolve(found.key);
    if (!resolved) return reject(TYK_ERRORS.keyNotAuthorised);
    ctx.session = resolved.session;
    ctx.keyId = resolved.keyId;
    if (this.spec.stripAuthData) {
      if (found.from === 'header') ctx.removeUpstreamHeaders.push(this.token.header);
      if (found.from === 'param') ctx.query = withoutParam(ctx.query, this.token.param);
    }
    return undefined;
  }
}

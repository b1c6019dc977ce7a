import { IpList, reject, RequestContext, Stage, StageResult, TYK_ERRORS } from '@gatehouse/gateway-core';

/** Tyk's IP whitelist and blacklist, with CIDR ranges; the client address is the socket's peer. */
export class IpAccessStage implements Stage {
  readonly name = 'ip-access';

  constructor(
    private readonly allowed: IpList | undefined,
    private readonly blocked: IpList | undefined,
  ) {}

  run(ctx: RequestContext): StageResult {
    if (this.allowed && !this.allowed.contains(ctx.clientIp)) return reject(TYK_ERRORS.ipNotAllowed);
    if (this.blocked?.contains(ctx.clientIp)) return reject(TYK_ERRORS.ipNotAllowed);
    return undefined;
  }
}

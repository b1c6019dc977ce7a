import { NodeAuthenticator } from '@gatehouse/bridge-sessions';
import { NodeCallLimits } from '@gatehouse/bridge-sync';
import { TooManyRequestsError } from '@gatehouse/shared-kernel';
import type { Metadata } from '@grpc/grpc-js';
import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { from, Observable, switchMap } from 'rxjs';

import type { BridgeMetrics } from './bridge-metrics';
import { nodeTokenFrom } from './node-token-metadata';

export const NODE_CALL_LIMITS = Symbol('NODE_CALL_LIMITS');
export const ADMISSION_METRICS = Symbol('ADMISSION_METRICS');

/** The calls that count against a node's call rate, by handler name. Analytics batches have their own bounds. */
const LIMITED: Record<string, string> = {
  handshake: 'Handshake',
  watch: 'Watch',
  getKey: 'GetKey',
  reportStatus: 'ReportStatus',
};

/**
 * Refuses a node's call with RESOURCE_EXHAUSTED when its token or org is over its call rate, before the
 * handler reads anything. The token is authenticated here (from the short cache, or one read that an
 * unknown token's negative cache bounds), so the rate is charged to the right tenant.
 */
@Injectable()
export class NodeCallAdmissionInterceptor implements NestInterceptor {
  constructor(
    @Inject(NodeAuthenticator) private readonly authenticator: NodeAuthenticator,
    @Inject(NODE_CALL_LIMITS) private readonly limits: NodeCallLimits,
    @Inject(ADMISSION_METRICS) private readonly metrics: BridgeMetrics,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const call = LIMITED[context.getHandler().name];
    if (!call || context.getType() !== 'rpc') return next.handle();
    const metadata = context.switchToRpc().getContext<Metadata>();
    return from(this.admit(nodeTokenFrom(metadata), call)).pipe(switchMap(() => next.handle()));
  }

  private async admit(token: string | undefined, call: string): Promise<void> {
    const node = await this.authenticator.authenticate(token);
    try {
      this.limits.admit(node, call);
    } catch (error) {
      if (error instanceof TooManyRequestsError) this.metrics.callRefused(call, 'rate');
      throw error;
    }
  }
}

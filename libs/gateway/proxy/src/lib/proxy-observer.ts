/** What the hot path reports. Implementations must be cheap: they run once per request. */
export interface ProxyObserver {
  requestCompleted(apiId: string, statusCode: number, seconds: number): void;
  upstreamFailed(apiId: string, reason: UpstreamFailure): void;
}

export type UpstreamFailure = 'timeout' | 'connect' | 'reset' | 'other';

export const NO_OP_OBSERVER: ProxyObserver = {
  requestCompleted: () => undefined,
  upstreamFailed: () => undefined,
};

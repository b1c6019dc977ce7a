/** What the hot path reports. Implementations must be cheap: they run once per request. */
export interface ProxyObserver {
  requestCompleted(apiId: string, statusCode: number, seconds: number): void;
  upstreamFailed(apiId: string, reason: UpstreamFailure): void;
  /** A stage threw instead of answering (a dependency failed); the request got a 500. */
  stageFailed(error: unknown): void;
}

/** `busy`: the origin already had its maximum in flight; `client_closed`: the client went away first. */
export type UpstreamFailure = 'timeout' | 'connect' | 'lookup' | 'reset' | 'other' | 'busy' | 'client_closed';

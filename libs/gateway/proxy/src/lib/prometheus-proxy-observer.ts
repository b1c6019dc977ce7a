import { Counter, Histogram, LATENCY_BUCKETS_SECONDS, Registry } from '@gatehouse/shared-observability';

import { ProxyObserver, UpstreamFailure } from './proxy-observer';

/**
 * The api_id label of every API past the per-API series limit: empty, because any non-empty string can
 * be an api_id, and an API named like the overflow bucket must not be able to hide in it.
 */
export const OTHER_APIS_LABEL = '';

/**
 * Proxy outcomes as Prometheus series. Label children are cached per API so the per-request cost is a
 * map lookup and an increment, not prom-client's label hashing.
 *
 * Only the first `maxApiLabels` APIs to serve a request get series of their own; the rest share
 * an empty api_id. Each API costs about 20 lines (a histogram is 17), and a scrape is rendered in one
 * go on the event loop: at 10,000 APIs that was 15 MB and up to a second without serving requests.
 */
export class PrometheusProxyObserver implements ProxyObserver {
  private readonly requests: Counter<'api_id' | 'status'>;
  private readonly duration: Histogram<'api_id'>;
  private readonly upstreamErrors: Counter<'api_id' | 'reason'>;
  private readonly stageErrors: Counter;
  private readonly requestChildren = new Map<string, ReturnType<Counter<'api_id' | 'status'>['labels']>>();
  private readonly durationChildren = new Map<string, ReturnType<Histogram<'api_id'>['labels']>>();

  private readonly labelled = new Set<string>();

  constructor(
    registry: Registry,
    private readonly maxApiLabels = 500,
  ) {
    this.requests = new Counter({
      name: 'gatehouse_gateway_requests_total',
      help: 'Requests proxied, by API and response status.',
      labelNames: ['api_id', 'status'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'gatehouse_gateway_request_duration_seconds',
      help: 'Time from request to the end of the response, by API.',
      labelNames: ['api_id'],
      buckets: LATENCY_BUCKETS_SECONDS,
      registers: [registry],
    });
    this.upstreamErrors = new Counter({
      name: 'gatehouse_gateway_upstream_errors_total',
      help: 'Upstream requests that failed, by API and reason.',
      labelNames: ['api_id', 'reason'],
      registers: [registry],
    });
    this.stageErrors = new Counter({
      name: 'gatehouse_gateway_stage_errors_total',
      help: 'Requests answered 500 because a chain stage failed (e.g. Redis unreachable).',
      registers: [registry],
    });
  }

  /** Requests completed since start, for status reports to the control plane. */
  requestsServed = 0;

  requestCompleted(api: string, statusCode: number, seconds: number): void {
    this.requestsServed++;
    const apiId = this.label(api);
    const key = `${apiId}\u0000${statusCode}`;
    let counter = this.requestChildren.get(key);
    if (!counter) {
      counter = this.requests.labels(apiId, String(statusCode));
      this.requestChildren.set(key, counter);
    }
    counter.inc();
    let histogram = this.durationChildren.get(apiId);
    if (!histogram) {
      histogram = this.duration.labels(apiId);
      this.durationChildren.set(apiId, histogram);
    }
    histogram.observe(seconds);
  }

  upstreamFailed(apiId: string, reason: UpstreamFailure): void {
    this.upstreamErrors.labels(this.label(apiId), reason).inc();
  }

  stageFailed(): void {
    this.stageErrors.inc();
  }

  private label(apiId: string): string {
    if (this.labelled.has(apiId)) return apiId;
    if (this.labelled.size >= this.maxApiLabels) return OTHER_APIS_LABEL;
    this.labelled.add(apiId);
    return apiId;
  }
}

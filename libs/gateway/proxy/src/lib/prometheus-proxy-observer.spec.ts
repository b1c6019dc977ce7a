import { Registry } from '@gatehouse/shared-observability';

import { OTHER_APIS_LABEL, PrometheusProxyObserver } from './prometheus-proxy-observer';

async function requestCounts(registry: Registry): Promise<Record<string, number>> {
  const metric = await registry.getSingleMetric('gatehouse_gateway_requests_total')!.get();
  return Object.fromEntries(metric.values.map((value) => [String(value.labels.api_id), value.value]));
}

describe('PrometheusProxyObserver', () => {
  it('gives the first APIs series of their own and counts the rest under an empty api_id', async () => {
    const registry = new Registry();
    const observer = new PrometheusProxyObserver(registry, 2);
    for (const api of ['a', 'b', 'c', 'd', 'a', 'c']) observer.requestCompleted(api, 200, 0.001);
    observer.upstreamFailed('d', 'timeout');

    expect(await requestCounts(registry)).toEqual({ a: 2, b: 1, [OTHER_APIS_LABEL]: 3 });
    const histogram = await registry.getSingleMetric('gatehouse_gateway_request_duration_seconds')!.get();
    const labelled = new Set(histogram.values.map((value) => value.labels.api_id));
    expect([...labelled].sort()).toEqual([OTHER_APIS_LABEL, 'a', 'b']);
    const errors = await registry.getSingleMetric('gatehouse_gateway_upstream_errors_total')!.get();
    expect(errors.values.map((value) => value.labels.api_id)).toEqual([OTHER_APIS_LABEL]);
  });

  it('keeps the series count bounded however many APIs serve requests', async () => {
    const registry = new Registry();
    const observer = new PrometheusProxyObserver(registry, 10);
    for (let i = 0; i < 5_000; i++) observer.requestCompleted(`api-${i}`, 200, 0.002);

    expect(Object.keys(await requestCounts(registry))).toHaveLength(11);
    expect(observer.requestsServed).toBe(5_000);
  });

  it('keeps an API named like a bucket apart from the APIs past the limit', async () => {
    const registry = new Registry();
    const observer = new PrometheusProxyObserver(registry, 1);
    observer.requestCompleted('_other', 200, 0.001);
    observer.requestCompleted('late', 200, 0.001);

    expect(await requestCounts(registry)).toEqual({ _other: 1, [OTHER_APIS_LABEL]: 1 });
    expect(await registry.metrics()).toContain('gatehouse_gateway_requests_total{api_id="",status="200"} 1');
  });
});

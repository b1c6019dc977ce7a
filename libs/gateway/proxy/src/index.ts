export type { AnalyticsSink } from './lib/analytics-builder';
export * from './lib/compiled-api';
export * from './lib/prometheus-proxy-observer';
export * from './lib/proxy-observer';
export * from './lib/proxy-server';
export * from './lib/upstream-pools';
export type { StreamTraffic, StreamUpgrade } from './lib/stream-traffic';
export type { OAuthTraffic } from './lib/oauth-traffic';
export type { TrafficTls } from './lib/traffic-listener';

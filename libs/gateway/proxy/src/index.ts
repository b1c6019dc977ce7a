export * from './lib/proxy-observer';
export * from './lib/proxy-server';
export * from './lib/route-table';
export * from './lib/upstream-pools';
export * from './lib/prometheus-proxy-observer';

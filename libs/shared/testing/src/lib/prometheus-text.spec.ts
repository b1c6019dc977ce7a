import { prometheusCounter } from './prometheus-text';

const METRICS = [
  '# HELP lookups_total Lookups.',
  '# TYPE lookups_total counter',
  'lookups_total{outcome="hit",component="gw"} 5',
  'lookups_total{outcome="miss",component="gw"} 2',
  'lookups_total_extra{outcome="hit"} 100',
  '# TYPE plain_total counter',
  'plain_total 7',
].join('\n');

describe(prometheusCounter.name, () => {
  it('sums the series whose labels match, and only that counter', () => {
    expect(prometheusCounter(METRICS, 'lookups_total', 'outcome="hit"')).toBe(5);
    expect(prometheusCounter(METRICS, 'lookups_total')).toBe(7);
    expect(prometheusCounter(METRICS, 'plain_total')).toBe(7);
  });

  it('counts a declared counter without a matching series as 0, and throws for an undeclared one', () => {
    expect(prometheusCounter(METRICS, 'lookups_total', 'outcome="stale"')).toBe(0);
    expect(() => prometheusCounter(METRICS, 'renamed_total')).toThrow('no counter renamed_total');
  });
});

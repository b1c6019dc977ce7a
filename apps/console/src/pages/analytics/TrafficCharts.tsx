import { useMemo } from 'react';

import { TimeSeriesChart, type ChartSeries } from '../../ui/TimeSeriesChart';
import type { ShapedSeries } from './series';

/** Requests and errors per bucket; errors dashed so the two differ by more than colour. */
export function RequestsChart({ shaped, height }: { shaped: ShapedSeries; height?: number }) {
  const series = useMemo<ChartSeries[]>(
    () => [
      { label: 'Requests', values: shaped.hits, color: '#1d4ed8', kind: 'count' },
      { label: 'Errors', values: shaped.errors, color: '#b42318', dash: [6, 4], kind: 'count' },
    ],
    [shaped],
  );
  return <TimeSeriesChart title="Requests and errors" times={shaped.times} series={series} height={height} />;
}

/** Latency percentiles per bucket, only those the answer carries. */
export function LatencyChart({ shaped }: { shaped: ShapedSeries }) {
  const series = useMemo<ChartSeries[]>(
    () =>
      (
        [
          { label: 'p50', values: shaped.p50, color: '#146c2e', kind: 'measure' },
          { label: 'p95', values: shaped.p95, color: '#1d4ed8', dash: [6, 4], kind: 'measure' },
          { label: 'p99', values: shaped.p99, color: '#b42318', dash: [2, 3], kind: 'measure' },
        ] satisfies ChartSeries[]
      ).filter((line) => line.values.some((value) => value !== null)),
    [shaped],
  );
  if (series.length === 0) return null;
  return <TimeSeriesChart title="Latency percentiles" times={shaped.times} series={series} unit="ms" />;
}

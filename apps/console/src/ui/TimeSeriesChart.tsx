import 'uplot/dist/uPlot.min.css';

import { useEffect, useId, useRef, useState } from 'react';
import type uPlot from 'uplot';

import { messageOf } from '../api/api-error';

export interface ChartSeries {
  label: string;
  /** One value per time; null is a gap (no data), drawn as a break in the line. */
  values: (number | null)[];
  color: string;
  /** A dash pattern, so lines differ by more than colour. */
  dash?: number[];
  /** Counts are totalled in the summary; measures (latency) are described by their peak. */
  kind: 'count' | 'measure';
}

export interface TimeSeriesChartProps {
  title: string;
  /** Epoch milliseconds, oldest first, one per value of every series. */
  times: number[];
  series: ChartSeries[];
  /** Unit of measure series, e.g. "ms". */
  unit?: string;
  height?: number;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatChartTime(time: number): string {
  return timeFormat.format(new Date(time));
}

function peakOf(times: number[], values: (number | null)[]): { value: number; at: number } | undefined {
  let peak: { value: number; at: number } | undefined;
  values.forEach((value, index) => {
    if (value !== null && (peak === undefined || value > peak.value)) peak = { value, at: times[index] };
  });
  return peak;
}

/** What the chart shows, in words: the accessible description and the text a screen reader user gets. */
export function chartSummary(title: string, times: number[], series: ChartSeries[], unit = ''): string {
  if (times.length === 0) return `${title}: no data.`;
  const span = `${times.length} points from ${formatChartTime(times[0])} to ${formatChartTime(times[times.length - 1])}`;
  const parts = series.map((line) => {
    const peak = peakOf(times, line.values);
    if (!peak) return `${line.label}: no data`;
    const suffix = line.kind === 'measure' && unit ? ` ${unit}` : '';
    const at = `${peak.value.toLocaleString()}${suffix} at ${formatChartTime(peak.at)}`;
    if (line.kind === 'measure') return `${line.label}: highest ${at}`;
    const total = line.values.reduce<number>((sum, value) => sum + (value ?? 0), 0);
    return `${line.label}: total ${total.toLocaleString()}, peak ${at}`;
  });
  return `${title}, ${span}. ${parts.join('. ')}.`;
}

function plotOptions(width: number, height: number, series: ChartSeries[], unit: string): uPlot.Options {
  return {
    width,
    height,
    scales: { x: { time: true } },
    axes: [{}, { label: unit || undefined, size: 60 }],
    series: [
      {},
      ...series.map((line) => ({ label: line.label, stroke: line.color, width: 2, dash: line.dash })),
    ],
  };
}

/** The data behind the chart as a table, rendered only when asked for (a day of minutes is 1,440 rows). */
function DataAlternative({ title, times, series, unit }: Required<Omit<TimeSeriesChartProps, 'height'>>) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Show the data as a table</summary>
      {open ? (
        <div className="table-wrap chart-table">
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                {series.map((line) => (
                  <th scope="col" key={line.label}>
                    {line.kind === 'measure' && unit ? `${line.label} (${unit})` : line.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {times.map((time, index) => (
                <tr key={time}>
                  <th scope="row">{formatChartTime(time)}</th>
                  {series.map((line) => (
                    <td key={line.label}>{line.values[index]?.toLocaleString() ?? '–'}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </details>
  );
}

/**
 * A uPlot line chart that follows its container's width. uPlot is imported on first draw, so only pages that
 * actually draw a chart download it; the chart is an image to assistive technology, described in words, with
 * its data as a table on request.
 */
export function TimeSeriesChart({ title, times, series, unit = '', height = 240 }: TimeSeriesChartProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const [failure, setFailure] = useState<unknown>();
  const summaryId = useId();

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return undefined;
    let plot: uPlot | undefined;
    let observer: ResizeObserver | undefined;
    let cancelled = false;
    import('uplot')
      .then(({ default: UPlot }) => {
        if (cancelled) return;
        const data: uPlot.AlignedData = [
          times.map((time) => time / 1000),
          ...series.map((line) => line.values),
        ];
        plot = new UPlot(plotOptions(host.clientWidth || 600, height, series, unit), data, host);
        if (typeof ResizeObserver !== 'undefined') {
          observer = new ResizeObserver(() => plot?.setSize({ width: host.clientWidth, height }));
          observer.observe(host);
        }
      })
      .catch((error: unknown) => setFailure(error));
    return () => {
      cancelled = true;
      observer?.disconnect();
      plot?.destroy();
    };
  }, [times, series, unit, height]);

  return (
    // The figure's default 40px indent would narrow the chart for nothing.
    <figure className="time-series" style={{ margin: 0 }}>
      <figcaption>{title}</figcaption>
      <div ref={hostRef} className="chart" role="img" aria-label={title} aria-describedby={summaryId} />
      <p id={summaryId} className="visually-hidden">
        {chartSummary(title, times, series, unit)}
      </p>
      {failure !== undefined ? (
        <p className="error-text">
          The chart could not be drawn ({messageOf(failure)}); the table has its data.
        </p>
      ) : null}
      <DataAlternative title={title} times={times} series={series} unit={unit} />
    </figure>
  );
}

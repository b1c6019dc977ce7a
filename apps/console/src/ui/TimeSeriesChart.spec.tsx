import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { chartSummary, formatChartTime, TimeSeriesChart, type ChartSeries } from './TimeSeriesChart';

const MINUTE = 60_000;
const start = Date.UTC(2026, 11, 7, 10, 0);
const times = [start, start + MINUTE, start + 2 * MINUTE];
const counts: ChartSeries[] = [
  { label: 'Requests', values: [10, 30, 5], color: '#1d4ed8', kind: 'count' },
  { label: 'Errors', values: [0, 2, null], color: '#b42318', kind: 'count' },
];
const latency: ChartSeries[] = [{ label: 'p95', values: [null, 120, 80], color: '#1d4ed8', kind: 'measure' }];

describe(chartSummary.name, () => {
  it('totals counts and names their peak and when it was', () => {
    const sut = chartSummary('Requests and errors', times, counts);
    expect(sut).toContain('3 points from');
    expect(sut).toContain(`Requests: total 45, peak 30 at ${formatChartTime(start + MINUTE)}`);
    expect(sut).toContain('Errors: total 2, peak 2');
  });

  it('describes measures by their highest value with the unit, skipping gaps', () => {
    const sut = chartSummary('Latency', times, latency, 'ms');
    expect(sut).toContain(`p95: highest 120 ms at ${formatChartTime(start + MINUTE)}`);
    expect(sut).not.toContain('total');
  });

  it('says when there is nothing to describe', () => {
    expect(chartSummary('Latency', [], latency)).toBe('Latency: no data.');
    expect(chartSummary('Latency', times, [{ ...latency[0], values: [null, null, null] }])).toContain(
      'p95: no data',
    );
  });
});

describe(TimeSeriesChart.name, () => {
  // jsdom has no matchMedia or canvas, so uPlot cannot draw here (the browser suite sees it draw): the
  // chart must say so rather than fail silently, and its words and table still carry the data.
  it('is an image named by its title and described by its summary', async () => {
    render(<TimeSeriesChart title="Requests and errors" times={times} series={counts} />);
    expect(await screen.findByText(/The chart could not be drawn/)).toBeTruthy();
    const sut = screen.getByRole('img', { name: 'Requests and errors' });
    const description = document.getElementById(sut.getAttribute('aria-describedby') ?? '');
    expect(description?.textContent).toBe(chartSummary('Requests and errors', times, counts));
  });

  it('shows its data as a table on request', async () => {
    render(<TimeSeriesChart title="Latency" times={times} series={latency} unit="ms" />);
    await screen.findByText(/The chart could not be drawn/);
    expect(screen.queryByRole('table')).toBeNull();
    await userEvent.click(screen.getByText('Show the data as a table'));
    const table = screen.getByRole('table', { name: 'Latency' });
    expect(table.textContent).toContain('p95 (ms)');
    expect(screen.getAllByRole('row')).toHaveLength(4);
    expect(screen.getByRole('rowheader', { name: formatChartTime(start) }).nextSibling?.textContent).toBe(
      '–',
    );
  });
});

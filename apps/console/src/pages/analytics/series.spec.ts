import { shapeSeries, type RequestSeries } from './series';

const latency = (p50: number, p95: number, p99: number) => ({ mean: p50, max: p99, p50, p95, p99 });
const point = (time: string, hits: number, errors: number, p = latency(10, 40, 90)) => ({
  time,
  hits,
  errors,
  latency: p,
  upstreamLatencyMean: 5,
});

describe(shapeSeries.name, () => {
  it('fills every bucket of the range, counting missing ones as zero requests', () => {
    const answer: RequestSeries = {
      granularity: 'minute',
      from: '2026-12-07T10:00:00.000Z',
      to: '2026-12-07T10:04:30.000Z',
      series: [point('2026-12-07T10:01:00.000Z', 12, 2), point('2026-12-07T10:03:00.000Z', 3, 0)],
    };
    const sut = shapeSeries(answer);
    expect(sut.times.map((time) => new Date(time).toISOString().slice(11, 16))).toEqual([
      '10:00',
      '10:01',
      '10:02',
      '10:03',
      '10:04',
    ]);
    expect(sut.hits).toEqual([0, 12, 0, 3, 0]);
    expect(sut.errors).toEqual([0, 2, 0, 0, 0]);
    expect(sut).toMatchObject({ totalHits: 15, totalErrors: 2 });
  });

  it('keeps percentiles where there were requests and leaves gaps where there were none', () => {
    const answer: RequestSeries = {
      granularity: 'hour',
      from: '2026-12-07T08:00:00.000Z',
      to: '2026-12-07T11:00:00.000Z',
      series: [
        point('2026-12-07T08:00:00.000Z', 5, 0, latency(11, 52, 97)),
        point('2026-12-07T09:00:00.000Z', 0, 0, latency(0, 0, 0)),
        point('2026-12-07T10:00:00.000Z', 7, 1, latency(13, 60, 120)),
      ],
    };
    const sut = shapeSeries(answer);
    expect(sut.p50).toEqual([11, null, 13]);
    expect(sut.p95).toEqual([52, null, 60]);
    expect(sut.p99).toEqual([97, null, 120]);
  });

  it('answers an empty range with zero totals', () => {
    const sut = shapeSeries({
      granularity: 'minute',
      from: '2026-12-07T10:00:00Z',
      to: '2026-12-07T10:02:00Z',
      series: [],
    });
    expect(sut).toMatchObject({ hits: [0, 0], totalHits: 0, p95: [null, null] });
  });
});

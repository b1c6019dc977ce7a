import './analytics.css';

import { getRouteApi } from '@tanstack/react-router';
import { useMemo } from 'react';

import { PageHeader } from '../../ui/PageHeader';
import { Empty, ErrorMessage, Loading } from '../../ui/QueryState';
import { useRequestSeries } from './analytics-api';
import { seriesQuery, type AnalyticsSearch } from './analytics-search';
import { AnalyticsFilters } from './AnalyticsFilters';
import { Breakdowns } from './Breakdowns';
import { shapeSeries } from './series';
import { resolveRange } from './time-range';
import { useClock } from './use-clock';
import { LatencyChart, RequestsChart } from './TrafficCharts';

const route = getRouteApi('/app/analytics');

const count = (n: number, noun: string) => `${n.toLocaleString()} ${noun}${n === 1 ? '' : 's'}`;

/** Traffic over a time range: charts of requests, errors and latency, then breakdowns and top endpoints. */
export function AnalyticsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const setSearch = (next: AnalyticsSearch) => void navigate({ search: next });
  const range = resolveRange(search, useClock());
  const query = 'error' in range ? undefined : seriesQuery(search, range);
  const requests = useRequestSeries(query);
  const shaped = useMemo(() => (requests.data ? shapeSeries(requests.data) : undefined), [requests.data]);

  return (
    <div className="analytics-area">
      <PageHeader title="Analytics" description="Requests, errors and latency reported by your gateways." />
      <AnalyticsFilters key={JSON.stringify(search)} search={search} onApply={setSearch} />
      {'error' in range ? (
        <p className="error-text" role="alert">
          {range.error}
        </p>
      ) : (
        <>
          <section aria-labelledby="traffic-title">
            <h2 id="traffic-title">Traffic</h2>
            {requests.isPending ? (
              <Loading what="traffic" />
            ) : requests.isError ? (
              <ErrorMessage error={requests.error} title="Could not load traffic" />
            ) : !shaped || shaped.totalHits === 0 ? (
              <Empty>
                No requests in this range. Widen the time range or clear the filters; gateways report traffic
                within a minute of serving it.
              </Empty>
            ) : (
              <div className="chart-grid" aria-busy={requests.isFetching}>
                <p className="muted" role="status">
                  {requests.isPlaceholderData
                    ? 'Updating… (showing the previous view until the new one arrives)'
                    : `${count(shaped.totalHits, 'request')}, ${count(shaped.totalErrors, 'error')}.`}
                </p>
                <RequestsChart shaped={shaped} />
                <LatencyChart shaped={shaped} />
              </div>
            )}
          </section>
          {/* An empty range has nothing to break down: one empty state says so, not three. */}
          {shaped && shaped.totalHits > 0 ? (
            <Breakdowns search={search} range={range} setSearch={setSearch} />
          ) : null}
        </>
      )}
    </div>
  );
}

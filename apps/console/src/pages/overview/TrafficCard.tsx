import { Link } from '@tanstack/react-router';
import { useMemo } from 'react';

import { messageOf } from '../../api/api-error';
import { useRequestSeries } from '../analytics/analytics-api';
import { seriesQuery, parseAnalyticsSearch } from '../analytics/analytics-search';
import { shapeSeries } from '../analytics/series';
import { resolveRange, type ResolvedRange } from '../analytics/time-range';
import { RequestsChart } from '../analytics/TrafficCharts';
import { useClock } from '../analytics/use-clock';

const LAST_HOUR = parseAnalyticsSearch({ range: '1h' });

/** Requests and errors in the last hour, as totals and a small chart. */
export function TrafficCard() {
  // A preset always resolves; only a custom range can be refused.
  const range = resolveRange(LAST_HOUR, useClock()) as ResolvedRange;
  const requests = useRequestSeries(seriesQuery(LAST_HOUR, range));
  const shaped = useMemo(() => (requests.data ? shapeSeries(requests.data) : undefined), [requests.data]);
  return (
    <section className="card traffic" aria-labelledby="traffic-title">
      <h2 id="traffic-title">
        <Link to="/analytics" search={LAST_HOUR}>
          Last hour
        </Link>
      </h2>
      {requests.isPending ? (
        <p className="muted" role="status">
          Loading…
        </p>
      ) : requests.isError ? (
        <p className="error-text" role="alert">
          Could not load traffic: {messageOf(requests.error)}
        </p>
      ) : !shaped || shaped.totalHits === 0 ? (
        <p className="muted">No requests in the last hour.</p>
      ) : (
        <>
          <p>
            <span className="stat">{shaped.totalHits.toLocaleString()}</span> requests,{' '}
            <span className="stat">{shaped.totalErrors.toLocaleString()}</span> errors
          </p>
          <RequestsChart shaped={shaped} height={160} />
        </>
      )}
    </section>
  );
}

import { keepPreviousData, useQuery } from '@tanstack/react-query';

import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/generated/dashboard-api';

type SeriesQuery = NonNullable<paths['/api/v1/analytics/requests']['get']['parameters']['query']>;
type BreakdownQuery = NonNullable<paths['/api/v1/analytics/breakdown']['get']['parameters']['query']>;

/** Requests, errors and latency over time; the previous answer stays on screen while the next loads. */
export function useRequestSeries(query: SeriesQuery | undefined) {
  return useQuery({
    queryKey: ['analytics', 'requests', query],
    queryFn: () => unwrap(api.GET('/api/v1/analytics/requests', { params: { query } })),
    enabled: query !== undefined,
    placeholderData: keepPreviousData,
  });
}

/** One page of totals per value of a dimension, busiest first. */
export function useBreakdown(query: BreakdownQuery | undefined) {
  return useQuery({
    queryKey: ['analytics', 'breakdown', query],
    queryFn: () => unwrap(api.GET('/api/v1/analytics/breakdown', { params: { query } })),
    enabled: query !== undefined,
    placeholderData: keepPreviousData,
  });
}

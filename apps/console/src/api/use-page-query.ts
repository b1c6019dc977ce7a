import { keepPreviousData, useQuery, type QueryKey } from '@tanstack/react-query';

import type { Page } from './client';

/** One page of a server-paged list, under `queryKey` (which holds the page and the filters). */
export function usePageQuery<Row>(queryKey: QueryKey, fetchPage: () => Promise<Page<Row>>) {
  return useQuery({
    queryKey,
    queryFn: fetchPage,
    // Keep the current page on screen while the next one loads, so the table does not flash empty.
    placeholderData: keepPreviousData,
  });
}

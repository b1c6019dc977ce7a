import { BREAKDOWNS, type AnalyticsSearch } from './analytics-search';
import { BreakdownTable } from './BreakdownTable';
import type { ResolvedRange } from './time-range';

const BREAKDOWN_LABELS = { api: 'API', key: 'Key', region: 'Region', status: 'Status' } as const;
const PAGE_SIZE = 20;
const ENDPOINTS_PAGE_SIZE = 10;

interface BreakdownsProps {
  search: AnalyticsSearch;
  range: ResolvedRange;
  setSearch: (next: AnalyticsSearch) => void;
}

/** Totals per API, key, region or status, and the busiest paths; both paged by the API. */
export function Breakdowns({ search, range, setSearch }: BreakdownsProps) {
  return (
    <>
      <section aria-labelledby="breakdown-title">
        <div className="section-header">
          <h2 id="breakdown-title">Breakdown</h2>
          <label>
            Break down by{' '}
            <select
              value={search.by}
              onChange={(event) =>
                setSearch({ ...search, by: event.target.value as AnalyticsSearch['by'], page: 0 })
              }
            >
              {BREAKDOWNS.map((by) => (
                <option key={by} value={by}>
                  {BREAKDOWN_LABELS[by]}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p className="muted">Breakdowns follow the time range and the API filter, not the narrowing.</p>
        <BreakdownTable
          caption={`Requests by ${BREAKDOWN_LABELS[search.by].toLowerCase()}`}
          search={search}
          range={range}
          by={search.by}
          page={search.page}
          pageSize={PAGE_SIZE}
          onPageChange={(page) => setSearch({ ...search, page })}
        />
      </section>
      <section aria-labelledby="endpoints-title">
        <h2 id="endpoints-title">Top endpoints</h2>
        <BreakdownTable
          caption="Top endpoints"
          search={search}
          range={range}
          by="path"
          page={search.pathPage}
          pageSize={ENDPOINTS_PAGE_SIZE}
          onPageChange={(pathPage) => setSearch({ ...search, pathPage })}
        />
      </section>
    </>
  );
}

import type { AnalyticsRepository } from '@gatehouse/dashboard-data-access';
import {
  breakdown,
  breakdownQuerySchema,
  requestSeries,
  requestSeriesQuerySchema,
} from '@gatehouse/dashboard-domain';
import { type OrgId, parseOrThrow } from '@gatehouse/shared-kernel';

/** Traffic of an org from the pump's partial aggregates, summed here per query. */
export class AnalyticsService {
  constructor(private readonly analytics: AnalyticsRepository) {}

  /** Requests, errors and latency percentiles per minute or hour; for one API, key, status, path or region. */
  async requests(orgId: OrgId, query: unknown) {
    const parsed = parseOrThrow(requestSeriesQuerySchema, query);
    const partials = await this.analytics.find(orgId, parsed);
    return {
      granularity: parsed.granularity,
      from: parsed.from.toISOString(),
      to: parsed.to.toISOString(),
      series: requestSeries(partials, parsed),
    };
  }

  /** Totals per API, key, status code, path (top endpoints) or region, busiest first, paginated. */
  async breakdown(orgId: OrgId, query: unknown) {
    const parsed = parseOrThrow(breakdownQuerySchema, query);
    const rows = breakdown(await this.analytics.find(orgId, parsed));
    return {
      by: parsed.by,
      from: parsed.from.toISOString(),
      to: parsed.to.toISOString(),
      total: rows.length,
      rows: rows.slice(parsed.offset, parsed.offset + parsed.limit),
    };
  }
}

import {
  breakdown,
  breakdownQuerySchema,
  requestSeries,
  requestSeriesQuerySchema,
} from '@gatehouse/dashboard-domain';
import { parseOrThrow } from '@gatehouse/shared-kernel';
import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';

import { AuthGuard, Caller, QuerySchema, Requires } from './auth.guard';
import { DASHBOARD_API_OPTIONS, DashboardApiOptions } from './dashboard-stores';
import type { Principal } from './principal';

/** Traffic of the caller's org from the pump's aggregates: time series and breakdowns. */
@Controller('analytics')
@UseGuards(AuthGuard)
export class AnalyticsController {
  constructor(@Inject(DASHBOARD_API_OPTIONS) private readonly options: DashboardApiOptions) {}

  /** Requests, errors and latency percentiles per minute or hour; for one API, key, status, path or region. */
  @Get('requests')
  @Requires('analytics', 'read')
  @QuerySchema(requestSeriesQuerySchema)
  async requests(@Caller() caller: Principal, @Query() query: unknown) {
    const parsed = parseOrThrow(requestSeriesQuerySchema, query);
    const partials = await this.options.stores.analytics.find(caller.orgId, parsed);
    return {
      granularity: parsed.granularity,
      from: parsed.from.toISOString(),
      to: parsed.to.toISOString(),
      series: requestSeries(partials, parsed),
    };
  }

  /** Totals per API, key, status code, path (top endpoints) or region, busiest first, paginated. */
  @Get('breakdown')
  @Requires('analytics', 'read')
  @QuerySchema(breakdownQuerySchema)
  async breakdown(@Caller() caller: Principal, @Query() query: unknown) {
    const parsed = parseOrThrow(breakdownQuerySchema, query);
    const partials = await this.options.stores.analytics.find(caller.orgId, parsed);
    const rows = breakdown(partials);
    return {
      by: parsed.by,
      from: parsed.from.toISOString(),
      to: parsed.to.toISOString(),
      total: rows.length,
      rows: rows.slice(parsed.offset, parsed.offset + parsed.limit),
    };
  }
}

import { breakdownQuerySchema, requestSeriesQuerySchema } from '@gatehouse/dashboard-domain';
import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';

import { AuthGuard } from '../auth/auth.guard';
import { Caller, type Principal } from '../http/principal';
import { QuerySchema, Requires, ResponseSchema } from '../http/route-metadata';
import { requestSeriesSchema, trafficBreakdownSchema } from './analytics.responses';
import { AnalyticsService } from './analytics.service';

/** Traffic of the caller's org from the pump's aggregates: time series and breakdowns. */
@Controller('analytics')
@UseGuards(AuthGuard)
export class AnalyticsController {
  constructor(@Inject(AnalyticsService) private readonly analytics: AnalyticsService) {}

  /** Requests, errors and latency percentiles per minute or hour; for one API, key, status, path or region. */
  @Get('requests')
  @Requires('analytics', 'read')
  @QuerySchema(requestSeriesQuerySchema)
  @ResponseSchema(requestSeriesSchema)
  requests(@Caller() caller: Principal, @Query() query: unknown) {
    return this.analytics.requests(caller.orgId, query);
  }

  /** Totals per API, key, status code, path (top endpoints) or region, busiest first, paginated. */
  @Get('breakdown')
  @Requires('analytics', 'read')
  @QuerySchema(breakdownQuerySchema)
  @ResponseSchema(trafficBreakdownSchema)
  breakdown(@Caller() caller: Principal, @Query() query: unknown) {
    return this.analytics.breakdown(caller.orgId, query);
  }
}

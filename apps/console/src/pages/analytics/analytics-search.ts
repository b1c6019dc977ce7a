import {
  GRANULARITIES,
  isRangeChoice,
  type Granularity,
  type RangeChoice,
  type ResolvedRange,
} from './time-range';

/** The dimensions the series can be narrowed to; the API takes at most one of them. */
export const NARROWINGS = ['key', 'region', 'status', 'path'] as const;
export type Narrowing = (typeof NARROWINGS)[number];

/** What a breakdown table can group by (path has its own table, "Top endpoints"). */
export const BREAKDOWNS = ['api', 'key', 'region', 'status'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number] | 'path';

/** The analytics page's state, all in the URL so a view can be shared and back/forward work. */
export interface AnalyticsSearch {
  range: RangeChoice;
  from?: string;
  to?: string;
  granularity?: Granularity;
  api?: string;
  key?: string;
  region?: string;
  status?: string;
  path?: string;
  by: (typeof BREAKDOWNS)[number];
  /** Zero-based pages of the breakdown and top-endpoints tables. */
  page: number;
  pathPage: number;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function pageOf(value: unknown): number {
  const page = Number(value);
  return Number.isInteger(page) && page > 0 ? page : 0;
}

function oneOf<T extends string>(choices: readonly T[], value: unknown): T | undefined {
  return choices.find((choice) => choice === value);
}

/** Reads the URL's search params; anything unknown or malformed falls back to the default. */
export function parseAnalyticsSearch(search: Record<string, unknown>): AnalyticsSearch {
  const range = isRangeChoice(search['range']) ? search['range'] : '1h';
  // The API narrows a series by one dimension at most: a hand-edited URL with two keeps the first.
  const narrowing = NARROWINGS.find((name) => text(search[name]) !== undefined);
  return {
    range,
    from: range === 'custom' ? text(search['from']) : undefined,
    to: range === 'custom' ? text(search['to']) : undefined,
    granularity: oneOf(GRANULARITIES, search['granularity']),
    api: text(search['api']),
    ...(narrowing ? { [narrowing]: text(search[narrowing]) } : {}),
    by: oneOf(BREAKDOWNS, search['by']) ?? 'api',
    page: pageOf(search['page']),
    pathPage: pageOf(search['pathPage']),
  };
}

/** The narrowing in effect, if any. */
export function narrowingOf(search: AnalyticsSearch): { name: Narrowing; value: string } | undefined {
  const name = NARROWINGS.find((candidate) => search[candidate] !== undefined);
  return name ? { name, value: search[name] ?? '' } : undefined;
}

function rangeQuery(range: ResolvedRange) {
  return { from: range.from.toISOString(), to: range.to.toISOString(), granularity: range.granularity };
}

/** `GET /analytics/requests` for this view. */
export function seriesQuery(search: AnalyticsSearch, range: ResolvedRange) {
  const narrowing = narrowingOf(search);
  return {
    ...rangeQuery(range),
    ...(search.api ? { api: search.api } : {}),
    ...(narrowing ? { [narrowing.name]: narrowing.value } : {}),
  };
}

/** `GET /analytics/breakdown` for one table of this view (the API filters breakdowns by API only). */
export function breakdownQuery(
  search: AnalyticsSearch,
  range: ResolvedRange,
  by: Breakdown,
  page: number,
  pageSize: number,
) {
  return {
    ...rangeQuery(range),
    ...(search.api ? { api: search.api } : {}),
    by,
    limit: pageSize,
    offset: page * pageSize,
  };
}

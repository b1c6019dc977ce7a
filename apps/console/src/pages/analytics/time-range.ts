const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type Granularity = 'minute' | 'hour';
export const GRANULARITIES: Granularity[] = ['minute', 'hour'];

/** The ranges offered in the picker, each ending now. */
export const RANGE_PRESETS = {
  '15m': { label: 'Last 15 minutes', span: 15 * MINUTE },
  '1h': { label: 'Last hour', span: HOUR },
  '6h': { label: 'Last 6 hours', span: 6 * HOUR },
  '24h': { label: 'Last 24 hours', span: DAY },
  '7d': { label: 'Last 7 days', span: 7 * DAY },
} as const;
export type RangePreset = keyof typeof RANGE_PRESETS;
export type RangeChoice = RangePreset | 'custom';

export function isRangeChoice(value: unknown): value is RangeChoice {
  return value === 'custom' || (typeof value === 'string' && Object.hasOwn(RANGE_PRESETS, value));
}

/** What the user picked: a preset, or a custom from/to (ISO strings), and an optional granularity. */
export interface RangeSelection {
  range: RangeChoice;
  from?: string;
  to?: string;
  granularity?: Granularity;
}

export interface ResolvedRange {
  from: Date;
  to: Date;
  granularity: Granularity;
}

/**
 * Minutes up to six hours (at most 360 points), hours beyond: enough detail to see a spike, few enough
 * points to draw quickly. The API refuses minutes over more than two days.
 */
export function autoGranularity(spanMs: number): Granularity {
  return spanMs <= 6 * HOUR ? 'minute' : 'hour';
}

/**
 * The from/to/granularity a selection means at `now`. Presets end at the next whole minute, so the query
 * (and its cache key) stays the same for a minute instead of changing on every render.
 */
export function resolveRange(selection: RangeSelection, now: number): ResolvedRange | { error: string } {
  let from: number;
  let to: number;
  if (selection.range === 'custom') {
    from = selection.from ? Date.parse(selection.from) : Number.NaN;
    to = selection.to ? Date.parse(selection.to) : Number.NaN;
    if (Number.isNaN(from) || Number.isNaN(to))
      return { error: 'Choose when the custom range starts and ends.' };
    if (from >= to) return { error: 'The custom range must start before it ends.' };
  } else {
    to = Math.ceil(now / MINUTE) * MINUTE;
    from = to - RANGE_PRESETS[selection.range].span;
  }
  return {
    from: new Date(from),
    to: new Date(to),
    granularity: selection.granularity ?? autoGranularity(to - from),
  };
}

/** An ISO instant as a `datetime-local` input shows it: the browser's local time, to the minute. */
export function toLocalInput(iso: string | undefined): string {
  const time = iso ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(time)) return '';
  const local = new Date(time - new Date(time).getTimezoneOffset() * MINUTE);
  return local.toISOString().slice(0, 16);
}

/** A `datetime-local` value (local time, no zone) as an ISO instant; undefined when empty or invalid. */
export function fromLocalInput(value: string): string | undefined {
  const time = value ? new Date(value).getTime() : Number.NaN;
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

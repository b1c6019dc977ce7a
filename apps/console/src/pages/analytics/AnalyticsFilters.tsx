import { useState, type FormEvent } from 'react';

import { Field } from '../../ui/Field';
import { NARROWINGS, narrowingOf, type AnalyticsSearch, type Narrowing } from './analytics-search';
import {
  fromLocalInput,
  GRANULARITIES,
  isRangeChoice,
  RANGE_PRESETS,
  toLocalInput,
  type Granularity,
  type RangeChoice,
} from './time-range';

const NARROWING_LABELS: Record<Narrowing, string> = {
  key: 'Key',
  region: 'Region',
  status: 'Status',
  path: 'Path',
};

/** The search a submitted filter form asks for; the tables go back to their first page. */
export function searchFromForm(form: FormData, current: AnalyticsSearch): AnalyticsSearch {
  const value = (name: string) => {
    const entry = form.get(name);
    return typeof entry === 'string' && entry.trim() !== '' ? entry.trim() : undefined;
  };
  const range = isRangeChoice(value('range')) ? (value('range') as RangeChoice) : current.range;
  const granularity = GRANULARITIES.find((choice) => choice === value('granularity'));
  const narrowing = NARROWINGS.find((name) => name === value('narrowBy'));
  const narrowValue = value('narrowValue');
  return {
    range,
    from: range === 'custom' ? fromLocalInput(value('from') ?? '') : undefined,
    to: range === 'custom' ? fromLocalInput(value('to') ?? '') : undefined,
    granularity,
    api: value('api'),
    ...(narrowing && narrowValue ? { [narrowing]: narrowValue } : {}),
    by: current.by,
    page: 0,
    pathPage: 0,
  };
}

/** Time range, granularity, API and one narrowing; applied together so typing does not refetch. */
export function AnalyticsFilters({
  search,
  onApply,
}: {
  search: AnalyticsSearch;
  onApply: (next: AnalyticsSearch) => void;
}) {
  const [range, setRange] = useState<RangeChoice>(search.range);
  const narrowing = narrowingOf(search);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(searchFromForm(new FormData(event.currentTarget), search));
  };
  return (
    <form className="filters" onSubmit={submit} aria-label="Analytics filters">
      <Field label="Time range">
        <select name="range" value={range} onChange={(event) => setRange(event.target.value as RangeChoice)}>
          {Object.entries(RANGE_PRESETS).map(([value, preset]) => (
            <option key={value} value={value}>
              {preset.label}
            </option>
          ))}
          <option value="custom">Custom…</option>
        </select>
      </Field>
      {range === 'custom' ? (
        <>
          <Field label="From">
            <input type="datetime-local" name="from" defaultValue={toLocalInput(search.from)} required />
          </Field>
          <Field label="To">
            <input type="datetime-local" name="to" defaultValue={toLocalInput(search.to)} required />
          </Field>
        </>
      ) : null}
      <Field label="Granularity" hint="Auto: minutes up to 6 hours">
        <select name="granularity" defaultValue={search.granularity ?? ''}>
          <option value="">Auto</option>
          {GRANULARITIES.map((choice: Granularity) => (
            <option key={choice} value={choice}>
              {choice === 'minute' ? 'Per minute' : 'Per hour'}
            </option>
          ))}
        </select>
      </Field>
      <Field label="API" hint="API id">
        <input name="api" defaultValue={search.api ?? ''} />
      </Field>
      <Field label="Narrow by">
        <select name="narrowBy" defaultValue={narrowing?.name ?? ''}>
          <option value="">Nothing</option>
          {NARROWINGS.map((name) => (
            <option key={name} value={name}>
              {NARROWING_LABELS[name]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Value" hint="e.g. a key id, eu-west, 503, /orders">
        <input name="narrowValue" defaultValue={narrowing?.value ?? ''} />
      </Field>
      <button type="submit" className="primary">
        Apply
      </button>
    </form>
  );
}

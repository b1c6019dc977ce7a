import { parseAnalyticsSearch } from './analytics-search';
import { searchFromForm } from './AnalyticsFilters';

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

describe(searchFromForm.name, () => {
  const current = parseAnalyticsSearch({ by: 'region', page: 3, pathPage: 2 });

  it('maps the fields to the URL, back to the first pages, keeping the breakdown', () => {
    const sut = searchFromForm(
      form({ range: '6h', granularity: 'hour', api: ' orders ', narrowBy: 'status', narrowValue: '503' }),
      current,
    );
    expect(sut).toEqual({
      range: '6h',
      from: undefined,
      to: undefined,
      granularity: 'hour',
      api: 'orders',
      status: '503',
      by: 'region',
      page: 0,
      pathPage: 0,
    });
  });

  it('reads a custom range from local date-times and ignores a narrowing without a value', () => {
    const sut = searchFromForm(
      form({
        range: 'custom',
        from: '2026-12-01T08:00',
        to: '2026-12-01T09:30',
        narrowBy: 'key',
        narrowValue: '',
      }),
      current,
    );
    expect(sut).toMatchObject({
      range: 'custom',
      from: '2026-12-01T08:00:00.000Z',
      to: '2026-12-01T09:30:00.000Z',
    });
    expect(sut.key).toBeUndefined();
    expect(sut.granularity).toBeUndefined();
  });
});

import { Field } from '../../ui/Field';
import { FilterPicker } from './FilterPicker';
import type { KeysSearch } from './key-search';

interface KeyFiltersProps {
  search: KeysSearch;
  onChange: (change: Omit<KeysSearch, 'page'>) => void;
}

/** The key list's filters; each change lands in the URL and the server filters (policy, API, state). */
export function KeyFilters({ search, onChange }: KeyFiltersProps) {
  return (
    <div className="filters" role="search" aria-label="Filter keys">
      <FilterPicker
        kind="policies"
        label="Policy"
        noun="policy"
        value={search.policy}
        onChange={(policy) => onChange({ policy })}
      />
      <FilterPicker
        kind="apis"
        label="API"
        noun="API"
        value={search.api}
        onChange={(id) => onChange({ api: id })}
      />
      <Field label="State">
        <select
          value={search.inactive ?? ''}
          onChange={(event) => {
            const value = event.target.value;
            onChange({ inactive: value === 'true' || value === 'false' ? value : undefined });
          }}
        >
          <option value="">Any state</option>
          <option value="false">Active</option>
          <option value="true">Inactive</option>
        </select>
      </Field>
    </div>
  );
}

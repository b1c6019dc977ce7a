import { useState } from 'react';

import { messageOf } from '../../api/api-error';
import { Field } from '../../ui/Field';
import { useOptionSearch, type OptionKind } from './option-search';

interface FilterPickerProps {
  kind: OptionKind;
  /** The select's label, e.g. "Policy". */
  label: string;
  /** What one is called mid-sentence ("policy", "API"): the search box is "Find <noun>". */
  noun: string;
  value: string | undefined;
  onChange: (id: string | undefined) => void;
}

/**
 * Narrows a list to one policy or API. Typing searches the server (`?q=`), the select offers the matches:
 * with thousands of policies or APIs the browser never holds them all.
 */
export function FilterPicker({ kind, label, noun, value, onChange }: FilterPickerProps) {
  const [text, setText] = useState('');
  const matches = useOptionSearch(kind, text);
  const options = matches.data ?? [];
  const chosenIsListed = !value || options.some((option) => option.id === value);
  return (
    <div className="filter-picker">
      <Field label={`Find ${noun}`}>
        <input type="search" value={text} onChange={(event) => setText(event.target.value)} />
      </Field>
      <Field
        label={label}
        error={matches.isError ? `Could not search: ${messageOf(matches.error)}` : undefined}
      >
        <select value={value ?? ''} onChange={(event) => onChange(event.target.value || undefined)}>
          <option value="">Any {noun}</option>
          {chosenIsListed ? null : <option value={value}>{value}</option>}
          {options.map((option) => (
            <option key={option.id} value={option.id}>
              {option.name === option.id ? option.id : `${option.name} (${option.id})`}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}

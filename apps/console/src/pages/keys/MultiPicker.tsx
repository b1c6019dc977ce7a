import { useId, useState } from 'react';

import { messageOf } from '../../api/api-error';
import { useOptionSearch, type Option, type OptionKind } from './option-search';

interface MultiPickerProps {
  kind: OptionKind;
  /** The group's legend, e.g. "Policies". */
  legend: string;
  value: Option[];
  onChange: (value: Option[]) => void;
  error?: string;
}

/**
 * Chooses several policies or APIs: the choices so far, then a search the server answers (`?q=`) with a
 * checkbox per match. Nothing loads the whole catalogue.
 */
export function MultiPicker({ kind, legend, value, onChange, error }: MultiPickerProps) {
  const id = useId();
  const [text, setText] = useState('');
  const matches = useOptionSearch(kind, text);
  const chosen = new Set(value.map((option) => option.id));
  const toggle = (option: Option) =>
    onChange(chosen.has(option.id) ? value.filter((o) => o.id !== option.id) : [...value, option]);

  return (
    <fieldset className="card" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {value.length > 0 ? (
        <ul className="picked" aria-label={`Chosen ${legend.toLowerCase()}`}>
          {value.map((option) => (
            <li key={option.id}>
              {option.name}
              <button type="button" onClick={() => toggle(option)} aria-label={`Remove ${option.name}`}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">None chosen yet.</p>
      )}
      <div className="field">
        <label htmlFor={`${id}-search`}>Search {legend.toLowerCase()}</label>
        <input
          id={`${id}-search`}
          type="search"
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-invalid={error ? true : undefined}
        />
      </div>
      {matches.isError ? (
        <p className="error-text" role="alert">
          Could not search {legend.toLowerCase()}: {messageOf(matches.error)}
        </p>
      ) : matches.isPending ? (
        <p className="muted">Searching…</p>
      ) : matches.data.length === 0 ? (
        <p className="muted">Nothing matches{text ? ` “${text}”` : ''}.</p>
      ) : (
        <ul className="matches" aria-label={`Matching ${legend.toLowerCase()}`}>
          {matches.data.map((option) => (
            <li key={option.id}>
              <label>
                <input type="checkbox" checked={chosen.has(option.id)} onChange={() => toggle(option)} />
                {option.name} <span className="muted mono">{option.id}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {error ? (
        <small id={`${id}-error`} className="error-text">
          {error}
        </small>
      ) : null}
    </fieldset>
  );
}

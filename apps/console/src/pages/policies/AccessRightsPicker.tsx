import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';

import { api, unwrapPage } from '../../api/client';
import { messageOf } from '../../api/api-error';
import { DebouncedInput } from '../../ui/DebouncedInput';
import { apiName } from '../apis/api-queries';
import type { GrantedApi } from './policy-form';

const RESULTS = 10;

/**
 * The APIs a policy grants: the granted list, and a search that asks the server for matching APIs (never
 * the whole catalogue) with a button to add each.
 */
export function AccessRightsPicker({
  value,
  onChange,
  disabled,
  error,
}: {
  value: GrantedApi[];
  onChange: (next: GrantedApi[]) => void;
  disabled?: boolean;
  error?: string;
}) {
  const [q, setQ] = useState('');
  const matches = useQuery({
    queryKey: ['apis', 'picker', q],
    queryFn: () =>
      unwrapPage(
        api.GET('/api/v1/apis', { params: { query: { limit: RESULTS, offset: 0, ...(q ? { q } : {}) } } }),
      ),
    enabled: !disabled,
  });
  const granted = new Set(value.map((right) => right.apiId));

  return (
    <fieldset className="plain access-rights" aria-describedby={error ? 'access-rights-error' : undefined}>
      <legend>APIs this policy grants</legend>
      {value.length === 0 ? (
        <p className="muted">No APIs yet: keys with only this policy reach nothing.</p>
      ) : (
        <ul className="granted">
          {value.map((right) => (
            <li key={right.apiId}>
              <span>
                {right.apiName || right.apiId} <code className="muted">{right.apiId}</code> (version Default)
              </span>
              <button
                type="button"
                disabled={disabled}
                onClick={() => onChange(value.filter((other) => other.apiId !== right.apiId))}
                aria-label={`Remove ${right.apiName || right.apiId}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {error ? (
        <small id="access-rights-error" className="error-text">
          {error}
        </small>
      ) : null}
      {disabled ? null : (
        <div className="picker">
          <label htmlFor="access-rights-search">Find an API to add</label>
          <DebouncedInput
            id="access-rights-search"
            type="search"
            value={q}
            onCommit={setQ}
            placeholder="Name, API ID or listen path"
          />
          <div aria-live="polite">
            {matches.isPending ? (
              <p className="muted">Searching…</p>
            ) : matches.isError ? (
              <p className="error-text">The APIs could not be searched: {messageOf(matches.error)}</p>
            ) : matches.data.items.length === 0 ? (
              <p className="muted">No API matches.</p>
            ) : (
              <ul className="matches">
                {matches.data.items.map((item) => {
                  const name = apiName(item.document);
                  return (
                    <li key={item.id}>
                      <span>
                        {name} <span className="muted">{item.fields.listenPath}</span>
                      </span>
                      <button
                        type="button"
                        disabled={granted.has(item.id)}
                        onClick={() => onChange([...value, { apiId: item.id, apiName: name }])}
                        aria-label={granted.has(item.id) ? `${name} is granted` : `Add ${name}`}
                      >
                        {granted.has(item.id) ? 'Granted' : 'Add'}
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
            {matches.data && matches.data.total > RESULTS ? (
              <p className="muted">
                Showing {RESULTS} of {matches.data.total}: type more to narrow it down.
              </p>
            ) : null}
          </div>
        </div>
      )}
    </fieldset>
  );
}

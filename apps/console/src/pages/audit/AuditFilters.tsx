import { useState, type FormEvent } from 'react';

import { Field } from '../../ui/Field';
import { AUDITED_RESOURCES, hasAuditFilter, type AuditSearch } from './audit-search';

interface AuditFiltersProps {
  search: AuditSearch;
  onApply: (filters: Omit<AuditSearch, 'page'>) => void;
}

/** Resource, actor and start day: applied together, so typing an email does not query per keystroke. */
export function AuditFilters({ search, onApply }: AuditFiltersProps) {
  const [resource, setResource] = useState(search.resource ?? '');
  const [actor, setActor] = useState(search.actor ?? '');
  const [since, setSince] = useState(search.since ?? '');
  const apply = (event: FormEvent) => {
    event.preventDefault();
    onApply({ resource: resource || undefined, actor: actor.trim() || undefined, since: since || undefined });
  };
  const clear = () => {
    setResource('');
    setActor('');
    setSince('');
    onApply({});
  };
  return (
    <form className="filters" role="search" aria-label="Filter the audit log" onSubmit={apply}>
      <Field label="Resource">
        <select value={resource} onChange={(event) => setResource(event.target.value)}>
          <option value="">Any resource</option>
          {AUDITED_RESOURCES.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Actor email">
        <input type="email" value={actor} onChange={(event) => setActor(event.target.value)} />
      </Field>
      <Field label="Since (UTC day)">
        <input type="date" value={since} onChange={(event) => setSince(event.target.value)} />
      </Field>
      <button type="submit" className="primary">
        Apply filters
      </button>
      {hasAuditFilter(search) ? (
        <button type="button" onClick={clear}>
          Clear filters
        </button>
      ) : null}
    </form>
  );
}

import type { ReactNode } from 'react';

/** A list's filter form: each filter applies as it changes, so there is nothing to submit. */
export function LiveFilters({ label, children }: { label: string; children: ReactNode }) {
  return (
    <form role="search" aria-label={label} className="filters" onSubmit={(event) => event.preventDefault()}>
      {children}
    </form>
  );
}

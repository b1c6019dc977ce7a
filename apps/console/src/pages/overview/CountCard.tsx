import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';

import { messageOf } from '../../api/api-error';

/** One number of the org (APIs, policies, keys) linking to its list. */
export function CountCard({
  title,
  to,
  count,
}: {
  title: string;
  to: '/apis' | '/policies' | '/keys';
  count: UseQueryResult<number>;
}) {
  return (
    <section className="card" aria-labelledby={`count-${title}`}>
      <h2 id={`count-${title}`}>
        <Link to={to}>{title}</Link>
      </h2>
      {count.isPending ? (
        <p className="muted" role="status">
          Loading…
        </p>
      ) : count.isError ? (
        <p className="error-text" role="alert">
          Could not count {title.toLowerCase()}: {messageOf(count.error)}
        </p>
      ) : (
        <p className="stat">{count.data.toLocaleString()}</p>
      )}
    </section>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';

import { api, unwrap } from '../../api/client';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorMessage, Loading } from '../../ui/QueryState';
import { KeyActions } from './KeyActions';
import { describeExpiry, keyQueryKey, stateOf, type KeyView } from './key-format';
import { maskSecrets } from './mask-session';
import { keyDetailRoute } from './routes';
import './keys.css';

function quotaOf(key: KeyView): string {
  const max = key.document.quota_max ?? -1;
  if (max < 0) return 'No quota';
  return `${key.document.quota_remaining ?? max} of ${max} left`;
}

/** One key: its facts, its session as stored (secrets masked) and what a key manager can do to it. */
export function KeyDetailPage() {
  const { hash: ref } = keyDetailRoute.useParams();
  const key = useQuery({
    queryKey: keyQueryKey(ref),
    queryFn: () => unwrap(api.GET('/api/v1/keys/{hash}', { params: { path: { hash: ref } } })),
  });

  return (
    <div className="keys-area">
      <PageHeader
        title={key.data?.fields.alias ? `Key ${key.data.fields.alias}` : `Key ${ref}`}
        actions={<Link to="/keys">Back to keys</Link>}
      />
      {key.isPending ? (
        <Loading what="the key" />
      ) : key.isError ? (
        <ErrorMessage error={key.error} title="Could not load this key" />
      ) : (
        <>
          <section className="card" aria-labelledby="key-facts">
            <h2 id="key-facts">Summary</h2>
            <dl className="facts">
              <dt>Reference</dt>
              <dd className="mono">{key.data.ref}</dd>
              <dt>State</dt>
              <dd>
                <span className={key.data.fields.inactive ? 'badge bad' : 'badge ok'}>
                  {stateOf(key.data.fields.inactive)}
                </span>
              </dd>
              <dt>Expires</dt>
              <dd>{describeExpiry(key.data.fields.expires)}</dd>
              <dt>Policies</dt>
              <dd className="mono">{key.data.fields.policyIds.join(', ') || 'none'}</dd>
              <dt>APIs</dt>
              <dd className="mono">{key.data.fields.apiIds.join(', ') || 'none'}</dd>
              <dt>Quota remaining</dt>
              <dd>{quotaOf(key.data)}</dd>
            </dl>
          </section>
          <KeyActions keyView={key.data} />
          <section aria-labelledby="key-session">
            <h2 id="key-session">Session</h2>
            <p className="muted">As the dashboard stores it; secrets are masked.</p>
            <pre className="json">{JSON.stringify(maskSecrets(key.data.document), null, 2)}</pre>
          </section>
        </>
      )}
    </div>
  );
}

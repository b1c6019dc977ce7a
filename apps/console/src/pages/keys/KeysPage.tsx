import { Link, useNavigate } from '@tanstack/react-router';

import { api, unwrapPage } from '../../api/client';
import { usePageQuery } from '../../api/use-page-query';
import { Can } from '../../auth/Can';
import { listColumns, PAGE_SIZE } from '../../ui/DataTable';
import { ListView } from '../../ui/ListView';
import { PageHeader } from '../../ui/PageHeader';
import { Empty } from '../../ui/QueryState';
import { describeExpiry, shortId, stateOf, type KeyView } from './key-format';
import { keysQuery, withFilter, type KeysSearch } from './key-search';
import { KeyFilters } from './KeyFilters';
import { keysListRoute } from './routes';
import './keys.css';

const column = listColumns<KeyView>();

const columns = column.columns([
  column.accessor('ref', {
    header: 'Key',
    cell: (info) => (
      <Link to="/keys/$hash" params={{ hash: info.getValue() }} className="mono" title={info.getValue()}>
        {shortId(info.getValue())}
      </Link>
    ),
  }),
  column.accessor((key) => key.fields.alias, {
    id: 'alias',
    header: 'Alias',
    cell: (info) => info.getValue() || <span className="muted">none</span>,
  }),
  column.accessor((key) => key.fields.policyIds, {
    id: 'policies',
    header: 'Policies',
    cell: (info) => <IdList ids={info.getValue()} />,
  }),
  column.accessor((key) => key.fields.apiIds, {
    id: 'apis',
    header: 'APIs',
    cell: (info) => <IdList ids={info.getValue()} />,
  }),
  column.accessor((key) => key.fields.expires, {
    id: 'expires',
    header: 'Expires',
    cell: (info) => describeExpiry(info.getValue()),
  }),
  column.accessor((key) => key.fields.inactive, {
    id: 'state',
    header: 'State',
    cell: (info) => (
      <span className={info.getValue() ? 'badge bad' : 'badge ok'}>{stateOf(info.getValue())}</span>
    ),
  }),
]);

function IdList({ ids }: { ids: string[] }) {
  if (ids.length === 0) return <span className="muted">none</span>;
  return <span className="mono">{ids.join(', ')}</span>;
}

const hasFilter = (search: KeysSearch) => Boolean(search.policy || search.api || search.inactive);

/** The org's keys, filtered and paged by the server (the org may hold tens of thousands). */
export function KeysPage() {
  const search = keysListRoute.useSearch();
  const navigate = useNavigate({ from: keysListRoute.fullPath });
  const query = keysQuery(search, PAGE_SIZE);
  const keys = usePageQuery(['keys', query], () =>
    unwrapPage(api.GET('/api/v1/keys', { params: { query } })),
  );
  const setSearch = (next: KeysSearch) => void navigate({ search: next });

  return (
    <div className="keys-area">
      <PageHeader
        title="Keys"
        description="Credentials that call your APIs, each bound to policies or its own limits."
        actions={
          <Can resource="keys" verb="write">
            <Link to="/keys/new" className="button primary">
              Create key
            </Link>
          </Can>
        }
      />
      <KeyFilters search={search} onChange={(change) => setSearch(withFilter(search, change))} />
      <ListView
        list={keys}
        what="keys"
        errorTitle="Could not load keys"
        empty={
          <Empty
            action={
              hasFilter(search) ? (
                <button type="button" onClick={() => setSearch({})}>
                  Clear filters
                </button>
              ) : (
                <Can resource="keys" verb="write">
                  <Link to="/keys/new" className="button primary">
                    Create a key
                  </Link>
                </Can>
              )
            }
          >
            {hasFilter(search) ? 'No key matches these filters.' : 'No keys yet.'}
          </Empty>
        }
        caption="Keys"
        columns={columns}
        rowId={(key) => key.ref}
        page={search.page}
        onPageChange={(page) => setSearch({ ...search, page })}
      />
    </div>
  );
}

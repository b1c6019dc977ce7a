import { Link, useNavigate } from '@tanstack/react-router';

import { Can } from '../../auth/Can';
import { DataTable } from '../../ui/DataTable';
import { Field } from '../../ui/Field';
import { PageHeader } from '../../ui/PageHeader';
import { Empty, ErrorMessage, Loading } from '../../ui/QueryState';
import { apiColumns } from './api-columns';
import type { ApiListSearch } from './api-list-search';
import { useApiList } from './api-queries';
import { DebouncedInput } from './DebouncedInput';
import { apisListRoute } from './routes';
import './apis.css';

function CreateActions() {
  return (
    <Can resource="apis" verb="write">
      <Link to="/apis/new" className="button primary">
        Create API
      </Link>
      <Link to="/apis/import" className="button">
        Import APIs
      </Link>
    </Can>
  );
}

/** The org's APIs, filtered and paged by the server; the filters live in the URL. */
export function ApisPage() {
  const search = apisListRoute.useSearch();
  const navigate = useNavigate({ from: apisListRoute.fullPath });
  const list = useApiList(search);
  const filtered = Boolean(search.q || search.tag || search.active !== undefined);
  // A filter change starts again at the first page.
  const filter = (next: Partial<ApiListSearch>) =>
    void navigate({ search: { ...search, ...next, page: undefined }, replace: true });
  const nothingYet = !filtered && list.data?.total === 0;

  return (
    <>
      <PageHeader
        title="APIs"
        description="API definitions (Tyk classic and OAS) and the regions serving them."
        actions={nothingYet ? undefined : <CreateActions />}
      />
      <form
        role="search"
        aria-label="Filter APIs"
        className="filters"
        onSubmit={(event) => event.preventDefault()}
      >
        <Field label="Search" hint="Name, API ID or listen path">
          <DebouncedInput
            type="search"
            value={search.q ?? ''}
            onCommit={(q) => filter({ q: q || undefined })}
          />
        </Field>
        <Field label="Tag">
          <DebouncedInput value={search.tag ?? ''} onCommit={(tag) => filter({ tag: tag || undefined })} />
        </Field>
        <Field label="Status">
          <select
            value={search.active === undefined ? '' : String(search.active)}
            onChange={(event) =>
              filter({
                active: event.target.value === '' ? undefined : event.target.value === 'true',
              })
            }
          >
            <option value="">Any</option>
            <option value="true">Active</option>
            <option value="false">Inactive</option>
          </select>
        </Field>
        {filtered ? (
          <button type="button" onClick={() => void navigate({ search: {}, replace: true })}>
            Clear filters
          </button>
        ) : null}
      </form>
      {list.isPending ? (
        <Loading what="APIs" />
      ) : list.isError ? (
        <ErrorMessage error={list.error} title="The APIs could not be loaded" />
      ) : nothingYet ? (
        <Empty action={<div className="actions">{<CreateActions />}</div>}>
          No APIs yet. Create one, or import Tyk API definitions.
        </Empty>
      ) : list.data.total === 0 ? (
        <Empty>No API matches these filters.</Empty>
      ) : (
        <DataTable
          caption="APIs"
          columns={apiColumns}
          rows={list.data.items}
          total={list.data.total}
          page={search.page ?? 0}
          onPageChange={(page) => void navigate({ search: { ...search, page: page || undefined } })}
          rowId={(row) => row.id}
        />
      )}
    </>
  );
}

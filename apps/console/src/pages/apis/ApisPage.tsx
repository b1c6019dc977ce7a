import { useNavigate } from '@tanstack/react-router';

import { Can } from '../../auth/Can';
import { DebouncedInput } from '../../ui/DebouncedInput';
import { Field } from '../../ui/Field';
import { ListView } from '../../ui/ListView';
import { LiveFilters } from '../../ui/LiveFilters';
import { PageHeader } from '../../ui/PageHeader';
import { Empty } from '../../ui/QueryState';
import { SearchField } from '../../ui/SearchField';
import { apiColumns } from './api-columns';
import { ApiCreateLinks } from './ApiCreateLinks';
import type { ApiListSearch } from './api-list-search';
import { useApiList } from './api-queries';
import { apisListRoute } from './routes';
import './apis.css';

function CreateActions() {
  return (
    <Can resource="apis" verb="write">
      <ApiCreateLinks />
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
      <LiveFilters label="Filter APIs">
        <SearchField hint="Name, API ID or listen path" value={search.q} onCommit={(q) => filter({ q })} />
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
      </LiveFilters>
      <ListView
        list={list}
        what="APIs"
        errorTitle="The APIs could not be loaded"
        empty={
          nothingYet ? (
            <Empty action={<div className="actions">{<CreateActions />}</div>}>
              No APIs yet. Create one, or import Tyk API definitions.
            </Empty>
          ) : (
            <Empty>No API matches these filters.</Empty>
          )
        }
        caption="APIs"
        columns={apiColumns}
        rowId={(row) => row.id}
        page={search.page}
        onPageChange={(page) => void navigate({ search: { ...search, page } })}
      />
    </>
  );
}

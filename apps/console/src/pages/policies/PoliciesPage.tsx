import { Link, useNavigate } from '@tanstack/react-router';

import { Can } from '../../auth/Can';
import { ListView } from '../../ui/ListView';
import { LiveFilters } from '../../ui/LiveFilters';
import { PageHeader } from '../../ui/PageHeader';
import { Empty } from '../../ui/QueryState';
import { SearchField } from '../../ui/SearchField';
import { policyColumns } from './policy-columns';
import { usePolicyList } from './policy-queries';
import { policiesListRoute } from './routes';
import './policies.css';

function CreatePolicy() {
  return (
    <Can resource="policies" verb="write">
      <Link to="/policies/new" className="button primary">
        Create policy
      </Link>
    </Can>
  );
}

/** The org's policies, searched and paged by the server. */
export function PoliciesPage() {
  const search = policiesListRoute.useSearch();
  const navigate = useNavigate({ from: policiesListRoute.fullPath });
  const list = usePolicyList(search);
  const nothingYet = !search.q && list.data?.total === 0;

  return (
    <>
      <PageHeader
        title="Policies"
        description="Rate limits, quotas and API access that keys inherit."
        actions={nothingYet ? undefined : <CreatePolicy />}
      />
      <LiveFilters label="Filter policies">
        <SearchField
          hint="Name or ID"
          value={search.q}
          onCommit={(q) => void navigate({ search: { q }, replace: true })}
        />
      </LiveFilters>
      <ListView
        list={list}
        what="policies"
        errorTitle="The policies could not be loaded"
        empty={
          nothingYet ? (
            <Empty action={<CreatePolicy />}>
              No policies yet. A policy gives keys their limits and APIs.
            </Empty>
          ) : (
            <Empty>No policy matches “{search.q}”.</Empty>
          )
        }
        caption="Policies"
        columns={policyColumns}
        rowId={(row) => row.id}
        page={search.page}
        onPageChange={(page) => void navigate({ search: { ...search, page } })}
      />
    </>
  );
}

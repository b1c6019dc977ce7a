import { Link, useNavigate } from '@tanstack/react-router';

import { Can } from '../../auth/Can';
import { DataTable } from '../../ui/DataTable';
import { Field } from '../../ui/Field';
import { PageHeader } from '../../ui/PageHeader';
import { Empty, ErrorMessage, Loading } from '../../ui/QueryState';
import { DebouncedInput } from '../apis/DebouncedInput';
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
      <form
        role="search"
        aria-label="Filter policies"
        className="filters"
        onSubmit={(event) => event.preventDefault()}
      >
        <Field label="Search" hint="Name or ID">
          <DebouncedInput
            type="search"
            value={search.q ?? ''}
            onCommit={(q) => void navigate({ search: { q: q || undefined }, replace: true })}
          />
        </Field>
      </form>
      {list.isPending ? (
        <Loading what="policies" />
      ) : list.isError ? (
        <ErrorMessage error={list.error} title="The policies could not be loaded" />
      ) : nothingYet ? (
        <Empty action={<CreatePolicy />}>No policies yet. A policy gives keys their limits and APIs.</Empty>
      ) : list.data.total === 0 ? (
        <Empty>No policy matches “{search.q}”.</Empty>
      ) : (
        <DataTable
          caption="Policies"
          columns={policyColumns}
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

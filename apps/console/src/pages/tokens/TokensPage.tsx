import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { api, unwrap } from '../../api/client';
import type { components } from '../../api/generated/dashboard-api';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { DataTable, listColumns, PAGE_SIZE } from '../../ui/DataTable';
import { PageHeader } from '../../ui/PageHeader';
import { Empty, ErrorMessage, Loading } from '../../ui/QueryState';
import { CreateTokenForm } from './CreateTokenForm';
import { TOKENS_QUERY } from './tokens-query';

type StoredToken = components['schemas']['StoredToken'];

const when = (at: string | null) => (at ? new Date(at).toLocaleString() : 'Never');

function RevokeToken({ token }: { token: StoredToken }) {
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/me/tokens/{id}', { params: { path: { id: token.id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TOKENS_QUERY }),
  });
  return (
    <>
      <ConfirmButton
        label="Revoke"
        title={`Revoke token “${token.name}”?`}
        confirmLabel="Revoke token"
        onConfirm={() => revoke.mutate()}
        disabled={revoke.isPending}
      >
        <p>Anything still using it is refused from now on. This cannot be undone.</p>
      </ConfirmButton>
      {revoke.isError ? <ErrorMessage error={revoke.error} title="The token was not revoked" /> : null}
    </>
  );
}

const column = listColumns<StoredToken>();
const columns = column.columns([
  column.accessor('name', { header: 'Name' }),
  column.accessor('createdAt', { header: 'Created', cell: (info) => when(info.getValue()) }),
  column.accessor('expiresAt', { header: 'Expires', cell: (info) => when(info.getValue()) }),
  column.display({
    id: 'actions',
    header: () => <span className="visually-hidden">Actions</span>,
    cell: (info) => <RevokeToken token={info.row.original} />,
  }),
]);

/** Personal API tokens: for scripts and CI, acting with the user's own role. */
export function TokensPage() {
  const [creating, setCreating] = useState(false);
  const tokens = useQuery({
    queryKey: TOKENS_QUERY,
    queryFn: () => unwrap(api.GET('/api/v1/me/tokens')),
  });
  const createButton = creating ? null : (
    <button type="button" className="primary" onClick={() => setCreating(true)}>
      Create token
    </button>
  );

  return (
    <>
      <PageHeader
        title="API tokens"
        description="Personal tokens for scripts and CI. Each acts with your role; revoke any you no longer use."
        actions={createButton}
      />
      {creating ? <CreateTokenForm onClose={() => setCreating(false)} /> : null}
      {tokens.isPending ? (
        <Loading what="your tokens" />
      ) : tokens.isError ? (
        <ErrorMessage error={tokens.error} title="Could not load your tokens" />
      ) : tokens.data.length === 0 ? (
        <Empty>You have no API tokens. Create one to call the API from a script.</Empty>
      ) : (
        <DataTable
          caption="API tokens"
          columns={columns}
          rows={tokens.data}
          total={tokens.data.length}
          page={0}
          // One user's tokens are few: the API lists them whole, in one page.
          pageSize={Math.max(tokens.data.length, PAGE_SIZE)}
          onPageChange={() => undefined}
          rowId={(token) => token.id}
        />
      )}
    </>
  );
}

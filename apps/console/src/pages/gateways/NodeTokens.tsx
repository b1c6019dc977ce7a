import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api, unwrap } from '../../api/client';
import type { components } from '../../api/generated/dashboard-api';
import { Can } from '../../auth/Can';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { DataTable, listColumns, PAGE_SIZE } from '../../ui/DataTable';
import { Empty, ErrorMessage, Loading } from '../../ui/QueryState';
import { nodeTokensQueryKey, useNodeTokens } from './gateway-api';
import { MintNodeToken } from './MintNodeToken';

type NodeTokenInfo = components['schemas']['NodeTokenInfo'];

const column = listColumns<NodeTokenInfo>();
const when = (iso: string) => <time dateTime={iso}>{new Date(iso).toLocaleString()}</time>;

function RevokeToken({ token }: { token: NodeTokenInfo }) {
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: () =>
      unwrap(
        api.DELETE('/api/v1/gateway-groups/{id}/node-tokens/{tokenId}', {
          params: { path: { id: token.groupId, tokenId: token.id } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: nodeTokensQueryKey(token.groupId) }),
  });
  return (
    <>
      <ConfirmButton
        label="Revoke"
        title={`Revoke node token ${token.id}?`}
        confirmLabel="Revoke token"
        onConfirm={() => revoke.mutate()}
        disabled={revoke.isPending}
      >
        <p>
          Gateways using it are refused within seconds and their config streams end. This cannot be undone.
        </p>
      </ConfirmButton>
      {revoke.isError ? <ErrorMessage error={revoke.error} title="Could not revoke the token" /> : null}
    </>
  );
}

const columns = column.columns([
  column.accessor('id', { header: 'Id', cell: (info) => <code>{info.getValue()}</code> }),
  column.accessor('createdAt', { header: 'Created', cell: (info) => when(info.getValue()) }),
  column.accessor('revokedAt', {
    header: 'Status',
    cell: (info) => {
      const revokedAt = info.getValue();
      return revokedAt ? (
        <span>
          <span className="badge bad">revoked</span> {when(revokedAt)}
        </span>
      ) : (
        <span className="badge ok">active</span>
      );
    },
  }),
  column.display({
    id: 'actions',
    header: 'Actions',
    cell: ({ row }) =>
      row.original.revokedAt ? null : (
        <Can resource="gateway-groups" verb="write">
          <RevokeToken token={row.original} />
        </Can>
      ),
  }),
]);

/** The group's node tokens: gateways present one to their bridge to receive this group's config. */
export function NodeTokens({ groupId }: { groupId: string }) {
  const tokens = useNodeTokens(groupId);
  return (
    <section aria-labelledby="node-tokens-title">
      <h2 id="node-tokens-title">Node tokens</h2>
      <Can resource="gateway-groups" verb="write">
        <MintNodeToken groupId={groupId} />
      </Can>
      {tokens.isPending ? (
        <Loading what="node tokens" />
      ) : tokens.isError ? (
        <ErrorMessage error={tokens.error} title="Could not load node tokens" />
      ) : tokens.data.length === 0 ? (
        <Empty>No node tokens yet. Mint one and give it to this group's gateways.</Empty>
      ) : (
        <DataTable
          caption="Node tokens"
          columns={columns}
          rows={tokens.data}
          total={tokens.data.length}
          page={0}
          pageSize={Math.max(PAGE_SIZE, tokens.data.length)}
          onPageChange={() => undefined}
          rowId={(token) => token.id}
        />
      )}
    </section>
  );
}

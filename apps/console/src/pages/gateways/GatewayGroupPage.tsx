import './gateways.css';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';

import { api, unwrap } from '../../api/client';
import { Can } from '../../auth/Can';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorMessage, Loading } from '../../ui/QueryState';
import { GROUPS_QUERY, useGroup } from './gateway-api';
import { GroupFormDialog } from './GroupFormDialog';
import { NodesTable } from './NodesTable';
import { NodeTokens } from './NodeTokens';

const route = getRouteApi('/app/gateways/$groupId');

function DeleteGroup({ groupId }: { groupId: string }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const remove = useMutation({
    mutationFn: () =>
      unwrap(api.DELETE('/api/v1/gateway-groups/{id}', { params: { path: { id: groupId } } })),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: ['gateway-groups', groupId] });
      await queryClient.invalidateQueries({ queryKey: GROUPS_QUERY, exact: true });
      await navigate({ to: '/gateways', search: { deleted: groupId } });
    },
  });
  return (
    <>
      <ConfirmButton
        label="Delete"
        title={`Delete gateway group ${groupId}?`}
        confirmLabel="Delete group"
        onConfirm={() => remove.mutate()}
        disabled={remove.isPending}
      >
        <p>
          Its node tokens are revoked first, so its gateways stop receiving config. This cannot be undone.
        </p>
      </ConfirmButton>
      {remove.isError ? <ErrorMessage error={remove.error} title="Could not delete the group" /> : null}
    </>
  );
}

/** One gateway group: its settings, its nodes (live) and its node tokens. */
export function GatewayGroupPage() {
  const { groupId } = route.useParams();
  const group = useGroup(groupId);
  const [saved, setSaved] = useState(false);

  return (
    <div className="gateways-area">
      <p>
        <Link to="/gateways">← Gateways</Link>
      </p>
      {group.isPending ? (
        <Loading what="gateway group" />
      ) : group.isError ? (
        <>
          <h1>Gateway group {groupId}</h1>
          <ErrorMessage error={group.error} title="Could not load the gateway group" />
        </>
      ) : (
        <>
          <PageHeader
            title={group.data.name}
            description={`Gateway group ${group.data.groupId} in ${group.data.region}`}
            actions={
              <Can resource="gateway-groups" verb="write">
                <GroupFormDialog group={group.data} label="Edit" onSaved={() => setSaved(true)} />
                <DeleteGroup groupId={groupId} />
              </Can>
            }
          />
          {saved ? (
            <p className="notice" role="status">
              Saved. Gateways of the group pick up the change within seconds.
            </p>
          ) : null}
          <dl className="group-facts">
            <dt>Region</dt>
            <dd>{group.data.region}</dd>
            <dt>Tags</dt>
            <dd>{group.data.tags.length > 0 ? group.data.tags.join(', ') : 'none (it serves every API)'}</dd>
          </dl>
          <section aria-labelledby="nodes-title">
            <h2 id="nodes-title">Nodes</h2>
            <p className="muted">
              Refreshed every 5 seconds. A node is stale when it has not reported for 30 seconds.
            </p>
            <NodesTable groupId={groupId} />
          </section>
          <NodeTokens groupId={groupId} />
        </>
      )}
    </div>
  );
}
